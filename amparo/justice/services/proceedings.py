"""Stages, verdicts and sentences: what the court decided and when."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import lock_fresh, refuse
from amparo.core.validation import Errors
from amparo.justice import events, vocab
from amparo.justice.inputs import SentenceInput
from amparo.justice.models import (
    Charge,
    LegalCase,
    StageEvent,
)
from amparo.justice.services.common import (
    _current_stages,
    _legal_case_born,
    _lock,
    _stage_create,
    _sync,
)
from amparo.justice.stages import check_stage


@transaction.atomic
def stage_record(
    *, actor: User, legal_case: LegalCase, stage: str, occurred_on: datetime.date, note: str = ""
) -> StageEvent:
    """Record that the legal case reached ``stage`` on ``occurred_on``.

    Refuses (``Denied``) a role that may not change legal cases. Under the
    legal case's lock, field errors for a closed legal case, a stage whose
    predecessor is missing or later, a future date or one before a victim
    was born, a stage already recorded (correct it instead), and a verdict
    or sentence, which are recorded per charge. Audited as ``stage.recorded``.
    """
    perm_required(actor, Perm.EDIT_CASE)
    locked = _lock(legal_case)
    current = _current_stages(locked)
    errors = Errors()
    check_stage(
        errors,
        stage=stage,
        occurred_on=occurred_on,
        current=current,
        convicted=locked.convicted,
        born=_legal_case_born(locked),
    )
    if stage in current:
        errors.add("stage", _("This stage is already recorded; correct its date instead."))
    if stage in (vocab.Stage.VERDICT, vocab.Stage.SENTENCE):
        errors.add("stage", _("Record the verdict and sentence per accused and charge."))
    errors.raise_if_any()
    return _stage_create(
        actor=actor, legal_case=locked, stage=stage, occurred_on=occurred_on, note=note
    )


@transaction.atomic
def stage_correct(
    *, actor: User, event_id: int, legal_case: LegalCase, occurred_on: datetime.date, reason: str
) -> StageEvent:
    """Correct a current stage's date, saying why. The old event is kept, superseded.

    Refuses (``Denied``) a role that may not change legal cases. Under the
    legal case's lock, field errors for a closed legal case, a stage that is
    not current, no reason, and a date the stage rules refuse (as
    ``stage_record``). Audited as ``stage.corrected`` with the reason.
    """
    perm_required(actor, Perm.EDIT_CASE)
    locked = _lock(legal_case)
    old = (
        StageEvent.objects.select_for_update()
        .filter(pk=event_id, legal_case=locked, superseded_at__isnull=True)
        .first()
    )
    if old is None:
        raise ValidationError({"event_id": [_("Choose a current stage of this legal case.")]})
    errors = Errors()
    if not reason.strip():
        errors.add("reason", _("Say why the date is being corrected."))
    current = _current_stages(locked)
    current.pop(old.stage)
    check_stage(
        errors,
        stage=old.stage,
        occurred_on=occurred_on,
        current=current,
        convicted=locked.convicted,
        born=_legal_case_born(locked),
    )
    errors.raise_if_any()
    old.superseded_at = timezone.now()
    old.save(update_fields=["superseded_at"])
    new = StageEvent.objects.create(
        legal_case=locked,
        stage=old.stage,
        occurred_on=occurred_on,
        note=old.note,
        recorded_by=actor,
        correction_reason=reason.strip(),
    )
    StageEvent.objects.filter(pk=old.pk).update(superseded_by=new)
    _sync(locked)
    events.stage_corrected(actor=actor, stage_event=new, reason=reason.strip())
    return new


@transaction.atomic
def verdict_record(
    *, actor: User, charge: Charge, verdict: str, verdict_on: datetime.date
) -> Charge:
    """Record the verdict on one charge; the legal case reaches the verdict stage.

    Refuses (``Denied``) a role that may not change legal cases. The charge
    is re-read under the legal case's lock: of two verdicts sent at once, the
    second is refused as a conflict and the first stands. Field errors for a
    closed legal case, an unknown verdict, a future date, and no trial or a
    date before it. Audited as ``verdict.recorded`` (and ``stage.recorded``
    for the first verdict of the legal case).
    """
    perm_required(actor, Perm.EDIT_CASE)
    legal_case = _lock(charge.accused.legal_case)
    lock_fresh(charge)
    if charge.verdict:
        refuse("verdict", _("This charge already has a verdict."))
    current = _current_stages(legal_case)
    errors = Errors()
    errors.choice("verdict", verdict, vocab.Verdict)
    dated = errors.past_date("verdict_on", verdict_on)
    if vocab.Stage.TRIAL not in current:
        errors.add("verdict", _("A verdict needs the trial to be recorded first."))
    elif dated and verdict_on < current[vocab.Stage.TRIAL]:
        errors.add(
            "verdict_on",
            _("A verdict cannot be dated before the trial (%(date)s).")
            % {"date": current[vocab.Stage.TRIAL]},
        )
    errors.raise_if_any()
    charge.verdict, charge.verdict_on = verdict, verdict_on
    charge.save(update_fields=["verdict", "verdict_on", "updated_at"])
    events.verdict_recorded(actor=actor, charge=charge)
    first = current.get(vocab.Stage.VERDICT)
    if first is None:
        _stage_create(
            actor=actor, legal_case=legal_case, stage=vocab.Stage.VERDICT, occurred_on=verdict_on
        )
    else:
        _sync(legal_case)
    return charge


@transaction.atomic
def sentence_record(*, actor: User, charge: Charge, data: SentenceInput) -> Charge:
    """Record the sentence on a charge that ended in conviction, once.

    Refuses (``Denied``) a role that may not change legal cases. The charge is
    re-read under the legal case's lock, so a second sentence sent at once is
    a conflict. Field errors for a closed legal case, no conviction, a date in
    the future or before the verdict, implausible months and negative or
    unordered amounts. Audited as ``sentence.recorded`` (and ``stage.recorded``
    for the first sentence of the legal case).
    """
    perm_required(actor, Perm.EDIT_CASE)
    legal_case = _lock(charge.accused.legal_case)
    lock_fresh(charge)
    if charge.sentenced_on:
        refuse("charge", _("This charge already has a sentence."))
    errors = Errors()
    dated = errors.past_date("sentenced_on", data.sentenced_on)
    if charge.verdict != vocab.Verdict.CONVICTED:
        errors.add("charge", _("A sentence needs a conviction on this charge."))
    elif dated and charge.verdict_on is not None and data.sentenced_on < charge.verdict_on:
        errors.add(
            "sentenced_on",
            _("A sentence cannot be dated before its verdict (%(date)s).")
            % {"date": charge.verdict_on},
        )
    if data.custody_months is not None and not 0 <= data.custody_months <= 12 * 150:
        errors.add("custody_months", _("Give the custodial sentence in months."))
    for name in ("fine_amount", "reparation_amount"):
        value = getattr(data, name)
        if value is not None and value < 0:
            errors.add(name, _("An amount cannot be negative."))
    if data.reparation_amount and not data.reparation_ordered:
        errors.add("reparation_amount", _("A reparation amount needs 'reparation ordered'."))
    errors.raise_if_any()
    for name, value in data.__dict__.items():
        setattr(charge, name, value)
    charge.save()
    events.sentence_recorded(actor=actor, charge=charge)
    if vocab.Stage.SENTENCE not in _current_stages(legal_case):
        _stage_create(
            actor=actor,
            legal_case=legal_case,
            stage=vocab.Stage.SENTENCE,
            occurred_on=data.sentenced_on,
        )
    return charge

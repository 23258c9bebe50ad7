"""Stages, verdicts and sentences: what the court decided and when."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.audit import events
from amparo.audit.events import Code
from amparo.core.concurrency import lock_fresh, refuse
from amparo.core.validation import Errors
from amparo.justice import vocab
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
    _membership,
    _stage_create,
    _sync,
)
from amparo.justice.stages import check_stage


@transaction.atomic
def stage_record(
    *, actor: User, legal_case: LegalCase, stage: str, occurred_on: datetime.date, note: str = ""
) -> StageEvent:
    """Record that the legal case reached ``stage`` on ``occurred_on``.

    Refuses a stage whose predecessor is missing or later, a future date, a
    stage already recorded (correct it instead), a verdict recorded here
    instead of per charge, and a sentence without a conviction.
    """
    _membership(actor)
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
    """Correct a stage's date. The old event is kept, marked as superseded."""
    _membership(actor)
    locked = _lock(legal_case)
    old = (
        StageEvent.objects.select_for_update()
        .filter(pk=event_id, legal_case=locked, superseded_at__isnull=True)
        .first()
    )
    errors = Errors()
    if old is None:
        errors.add("event_id", _("Choose a current stage of this legal case."))
        errors.raise_if_any()
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
    events.record(code=Code.STAGE_CORRECTED, actor=actor, obj=new, reason=reason.strip())
    return new


@transaction.atomic
def verdict_record(
    *, actor: User, charge: Charge, verdict: str, verdict_on: datetime.date
) -> Charge:
    """Record the verdict on one charge; the legal case reaches the verdict stage.

    The charge is re-read under the legal case's lock: of two verdicts sent at
    once, the second is refused as a conflict and the first stands.
    """
    _membership(actor)
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
    events.record(code=Code.VERDICT_RECORDED, actor=actor, obj=charge)
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
    """Record the sentence on a charge that ended in conviction, once: the charge is
    re-read under the legal case's lock, so a second sentence sent at once is a conflict."""
    _membership(actor)
    legal_case = _lock(charge.accused.legal_case)
    lock_fresh(charge)
    if charge.sentenced_on:
        refuse("charge", _("This charge already has a sentence."))
    errors = Errors()
    dated = errors.past_date("sentenced_on", data.sentenced_on)
    if charge.verdict != vocab.Verdict.CONVICTED:
        errors.add("charge", _("A sentence needs a conviction on this charge."))
    elif dated and data.sentenced_on < charge.verdict_on:
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
    events.record(code=Code.SENTENCE_RECORDED, actor=actor, obj=charge)
    if vocab.Stage.SENTENCE not in _current_stages(legal_case):
        _stage_create(
            actor=actor,
            legal_case=legal_case,
            stage=vocab.Stage.SENTENCE,
            occurred_on=data.sentenced_on,
        )
    return charge

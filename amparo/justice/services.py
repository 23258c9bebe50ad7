"""Writes to legal cases. All input is validated before anything is written;
each service runs in one transaction with its audit event.
"""

import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm, Role
from amparo.audit import events
from amparo.audit.events import Code
from amparo.cases.selectors import visible_cases
from amparo.cases.vocab import PerpetratorRelation
from amparo.core.age import GbvimsAgeBand
from amparo.core.concurrency import apply_changes, duplicate_refused, lock_fresh, refuse
from amparo.core.validation import Errors, birth_floor, local_day
from amparo.justice import vocab
from amparo.justice.inputs import AccusedInput, HearingOutcomeInput, LegalCaseInput, SentenceInput
from amparo.justice.models import (
    Accused,
    Charge,
    Court,
    Hearing,
    LegalCase,
    LegalCaseLawyer,
    Offence,
    StageEvent,
)
from amparo.justice.stages import check_stage
from amparo.people.vocab import Sex

LAWYER_ROLES = (Role.LAWYER, Role.SUPERVISOR)


def _membership(actor: User) -> Membership:
    membership = actor.active_membership
    if membership is None or not actor.has_amparo_perm(Perm.EDIT_CASE):
        raise PermissionError("This user may not change legal cases.")
    return membership


def _current_stages(legal_case: LegalCase) -> dict[str, datetime.date]:
    return dict(
        StageEvent.objects.filter(legal_case=legal_case, superseded_at__isnull=True).values_list(
            "stage", "occurred_on"
        )
    )


def _sync(legal_case: LegalCase) -> None:
    """Copy current stage dates and the conviction flag onto the legal case row."""
    current = _current_stages(legal_case)
    fields = {LegalCase.stage_column(s): current.get(s) for s in vocab.STAGE_ORDER}
    fields["convicted"] = Charge.objects.filter(
        accused__legal_case=legal_case, verdict=vocab.Verdict.CONVICTED
    ).exists()
    LegalCase.objects.filter(pk=legal_case.pk).update(**fields)
    for name, value in fields.items():
        setattr(legal_case, name, value)


def _lock(legal_case: LegalCase) -> LegalCase:
    locked = LegalCase.objects.select_for_update().get(pk=legal_case.pk)
    if locked.status == vocab.LegalCaseStatus.CLOSED:
        errors = Errors()
        errors.add("status", _("This legal case is closed."))
        errors.raise_if_any()
    return locked


def _validate_people(
    errors: Errors, data: LegalCaseInput, *, actor: User, membership: Membership
) -> None:
    visible = set(
        visible_cases(user=actor).filter(pk__in=data.victim_case_ids).values_list("pk", flat=True)
    )
    if set(data.victim_case_ids) - visible:
        errors.add(
            "victim_case_ids", _("Choose survivors' cases of your organisation that you can open.")
        )
    lawyers = set(
        Membership.objects.filter(
            organisation=membership.organisation,
            user_id__in=data.lawyer_ids,
            role__in=LAWYER_ROLES,
            is_active=True,
        ).values_list("user_id", flat=True)
    )
    if set(data.lawyer_ids) - lawyers:
        errors.add("lawyer_ids", _("Choose lawyers or supervisors of your organisation."))


def _victims_born(years: Iterable[int | None]) -> datetime.date | None:
    """The latest ``birth_floor`` of the victims: no stage is dated before any was born."""
    floors = [birth_floor(birth_year=year) for year in years]
    return max((day for day in floors if day is not None), default=None)


def _legal_case_born(legal_case: LegalCase) -> datetime.date | None:
    return _victims_born(legal_case.victims.values_list("survivor__birth_year", flat=True))


@transaction.atomic
def legal_case_open(*, actor: User, data: LegalCaseInput) -> LegalCase:
    """Open a legal case for one or more survivors' cases of the actor's organisation."""
    membership = _membership(actor)
    errors = Errors()
    if not data.title.strip():
        errors.add("title", _("Give the legal case a short title (no names)."))
    errors.choice("offence_category", data.offence_category, vocab.OffenceCategory)
    if not Court.objects.filter(pk=data.court_id).exists():
        errors.add("court_id", _("Choose a court from the list."))
    born = _victims_born(
        visible_cases(user=actor)
        .filter(pk__in=data.victim_case_ids)
        .values_list("survivor__birth_year", flat=True)
    )
    errors.past_date("complaint_on", data.complaint_on, born=born)
    _validate_people(errors, data, actor=actor, membership=membership)
    errors.raise_if_any()
    legal_case = LegalCase.objects.create(
        organisation=membership.organisation,
        title=data.title.strip(),
        reference=data.reference.strip(),
        court_id=data.court_id,
        offence_category=data.offence_category,
        created_by=actor,
    )
    legal_case.victims.set(data.victim_case_ids)
    lawyer_ids = set(data.lawyer_ids)
    if membership.role in LAWYER_ROLES:
        lawyer_ids.add(actor.pk)
    LegalCaseLawyer.objects.bulk_create(
        LegalCaseLawyer(legal_case=legal_case, user_id=u) for u in sorted(lawyer_ids)
    )
    events.record(code=Code.LEGAL_CASE_OPENED, actor=actor, obj=legal_case)
    for case in legal_case.victims.select_related("survivor"):
        events.record(code=Code.LEGAL_VICTIM_LINKED, actor=actor, obj=legal_case, case=case)
    if data.complaint_on is not None:
        _stage_create(
            actor=actor,
            legal_case=legal_case,
            stage=vocab.Stage.COMPLAINT_FILED,
            occurred_on=data.complaint_on,
        )
    return legal_case


@transaction.atomic
def legal_case_link_victim(*, actor: User, legal_case: LegalCase, case_id: int) -> LegalCase:
    """Link a survivor's case once; a link sent twice at once waits on the legal case."""
    LegalCase.objects.select_for_update().get(pk=legal_case.pk)
    errors = Errors()
    case = visible_cases(user=actor).filter(pk=case_id).select_related("survivor").first()
    if case is None or case.organisation_id != legal_case.organisation_id:
        errors.add("case_id", _("Choose a survivor's case of your organisation that you can open."))
    errors.raise_if_any()
    legal_case.victims.add(case)
    events.record(code=Code.LEGAL_VICTIM_LINKED, actor=actor, obj=legal_case, case=case)
    return legal_case


@transaction.atomic
def lawyer_assign(*, actor: User, legal_case: LegalCase, user_id: int) -> LegalCaseLawyer:
    """Assign a lawyer once: a second assignment of the same person is refused."""
    LegalCase.objects.select_for_update().get(pk=legal_case.pk)
    errors = Errors()
    ok = Membership.objects.filter(
        organisation_id=legal_case.organisation_id,
        user_id=user_id,
        role__in=LAWYER_ROLES,
        is_active=True,
    ).exists()
    if not ok:
        errors.add("user_id", _("Choose a lawyer or supervisor of this organisation."))
    elif LegalCaseLawyer.objects.filter(
        legal_case=legal_case, user_id=user_id, ended_at__isnull=True
    ).exists():
        errors.add("user_id", _("This lawyer is already assigned."))
    errors.raise_if_any()
    with duplicate_refused(
        constraint="uniq_active_lawyer",
        field="user_id",
        message=_("This lawyer is already assigned."),
    ):
        assignment = LegalCaseLawyer.objects.create(legal_case=legal_case, user_id=user_id)
    events.record(code=Code.LEGAL_LAWYER_ASSIGNED, actor=actor, obj=legal_case)
    return assignment


def _validate_accused(errors: Errors, data: AccusedInput) -> None:
    if not data.pseudonym.strip():
        errors.add("pseudonym", _("Give the accused a pseudonym, e.g. “El Lobo”."))
    errors.choice("sex", data.sex, Sex)
    errors.choice("age_band", data.age_band, GbvimsAgeBand)
    errors.choice("relation_to_victim", data.relation_to_victim, PerpetratorRelation)
    errors.choice("role", data.role, vocab.AccusedRole, blank=True)
    errors.choice("custody_status", data.custody_status, vocab.CustodyStatus)


@transaction.atomic
def accused_add(*, actor: User, legal_case: LegalCase, data: AccusedInput) -> Accused:
    """Add an accused person. Their identity is encrypted; the pseudonym is shown."""
    _membership(actor)
    errors = Errors()
    _validate_accused(errors, data)
    errors.raise_if_any()
    _lock(legal_case)
    accused = Accused.objects.create(
        legal_case=legal_case,
        created_by=actor,
        **{**data.__dict__, "pseudonym": data.pseudonym.strip()},
    )
    events.record(code=Code.ACCUSED_ADDED, actor=actor, obj=accused)
    return accused


@transaction.atomic
def accused_update(
    *, actor: User, accused: Accused, expected_version: int, data: AccusedInput
) -> Accused:
    _membership(actor)
    errors = Errors()
    _validate_accused(errors, data)
    errors.raise_if_any()
    locked = Accused.objects.select_for_update().get(pk=accused.pk)
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={**data.__dict__, "pseudonym": data.pseudonym.strip()},
    )
    events.record(code=Code.ACCUSED_UPDATED, actor=actor, obj=locked, changed_fields=changed)
    return locked


@transaction.atomic
def charge_add(*, actor: User, accused: Accused, offence_id: int) -> Charge:
    """Charge an accused with an offence from the organisation's country list."""
    membership = _membership(actor)
    _lock(accused.legal_case)
    errors = Errors()
    already = _("This accused is already charged with that offence.")
    if not Offence.objects.filter(pk=offence_id, country=membership.organisation.country).exists():
        errors.add("offence_id", _("Choose an offence from your country's list."))
    elif Charge.objects.filter(accused=accused, offence_id=offence_id).exists():
        errors.add("offence_id", already)
    errors.raise_if_any()
    with duplicate_refused(constraint="uniq_charge_offence", field="offence_id", message=already):
        charge = Charge.objects.create(accused=accused, offence_id=offence_id)
    events.record(code=Code.CHARGE_ADDED, actor=actor, obj=charge)
    return charge


def _stage_create(
    *, actor: User, legal_case: LegalCase, stage: str, occurred_on: datetime.date, note: str = ""
) -> StageEvent:
    with duplicate_refused(
        constraint="uniq_current_stage",
        field="stage",
        message=_("This stage is already recorded; correct its date instead."),
    ):
        event = StageEvent.objects.create(
            legal_case=legal_case,
            stage=stage,
            occurred_on=occurred_on,
            note=note,
            recorded_by=actor,
        )
    _sync(legal_case)
    events.record(code=Code.STAGE_RECORDED, actor=actor, obj=event)
    return event


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


@transaction.atomic
def legal_case_close(
    *,
    actor: User,
    legal_case: LegalCase,
    expected_version: int,
    reason: str,
    closed_on: datetime.date | None = None,
) -> LegalCase:
    _membership(actor)
    day = closed_on or timezone.localdate()
    locked = _lock(legal_case)
    errors = Errors()
    errors.choice("closure_reason", reason, vocab.LegalClosureReason)
    if reason == vocab.LegalClosureReason.VERDICT_FINAL and not locked.verdict_on:
        errors.add("closure_reason", _("There is no verdict yet."))
    if locked.complaint_on and day < locked.complaint_on:
        errors.add("closed_on", _("A legal case cannot close before its complaint was filed."))
    else:
        errors.past_date(
            "closed_on",
            day,
            after=[(max(_current_stages(locked).values(), default=None), _("the last stage"))],
        )
    errors.raise_if_any()
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={
            "status": vocab.LegalCaseStatus.CLOSED,
            "closed_on": day,
            "closure_reason": reason,
        },
    )
    events.record(code=Code.LEGAL_CASE_CLOSED, actor=actor, obj=locked, changed_fields=changed)
    return locked


@transaction.atomic
def hearing_schedule(
    *,
    actor: User,
    legal_case: LegalCase,
    scheduled_for: datetime.datetime,
    kind: str,
    court_id: int | None = None,
) -> Hearing:
    _membership(actor)
    legal_case = _lock(legal_case)
    errors = Errors()
    errors.choice("kind", kind, vocab.HearingType)
    court = court_id or legal_case.court_id
    if not Court.objects.filter(pk=court).exists():
        errors.add("court_id", _("Choose a court from the list."))
    if (
        errors.scheduled("scheduled_for", scheduled_for)
        and legal_case.complaint_on
        and local_day(scheduled_for) < legal_case.complaint_on
    ):
        errors.add("scheduled_for", _("A hearing cannot be before the complaint was filed."))
    errors.raise_if_any()
    hearing = Hearing.objects.create(
        legal_case=legal_case,
        scheduled_for=scheduled_for,
        kind=kind,
        court_id=court,
        created_by=actor,
    )
    events.record(code=Code.HEARING_SCHEDULED, actor=actor, obj=hearing)
    return hearing


@transaction.atomic
def hearing_record_outcome(
    *, actor: User, hearing: Hearing, expected_version: int, data: HearingOutcomeInput
) -> Hearing:
    """Record what happened at a hearing: held, postponed (why) or cancelled.

    Checked against the hearing as it stands under its lock; an outcome sent
    against an older version is refused (``StaleVersionError``).
    """
    _membership(actor)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    errors = Errors()
    errors.choice("outcome", data.outcome, vocab.HearingOutcome)
    errors.choice(
        "postponement_reason", data.postponement_reason, vocab.PostponementReason, blank=True
    )
    errors.choice("testimony_setting", data.testimony_setting, vocab.TestimonySetting, blank=True)
    if data.outcome == vocab.HearingOutcome.POSTPONED and not data.postponement_reason:
        errors.add("postponement_reason", _("Say why the hearing was postponed."))
    if data.outcome != vocab.HearingOutcome.POSTPONED and data.postponement_reason:
        errors.add("postponement_reason", _("Only a postponed hearing has a postponement reason."))
    if data.survivor_testified and data.outcome != vocab.HearingOutcome.HELD:
        errors.add("survivor_testified", _("Testimony is only given at a hearing that was held."))
    if data.survivor_testified and not data.testimony_setting:
        errors.add("testimony_setting", _("Say where the survivor testified."))
    if (
        data.outcome in (vocab.HearingOutcome.HELD, vocab.HearingOutcome.POSTPONED)
        and hearing.scheduled_for > timezone.now()
    ):
        errors.add("outcome", _("This hearing has not happened yet."))
    errors.raise_if_any()
    changed = apply_changes(
        hearing,
        expected_version=expected_version,
        changes={**data.__dict__, "accompanied_by": data.accompanied_by.strip()},
    )
    events.record(code=Code.HEARING_RECORDED, actor=actor, obj=hearing, changed_fields=changed)
    return hearing


@transaction.atomic
def accused_identity_reveal(*, actor: User, accused: Accused, reason: str) -> dict[str, str]:
    """Return the accused's decrypted identity after recording who asked and why.

    The caller must already hold the legal case (``legal_case_get_for_user``)
    and the REVEAL_IDENTITY permission; a reason of a few words is required.
    """
    if not actor.has_amparo_perm(Perm.REVEAL_IDENTITY):
        raise PermissionError("This user may not see identities.")
    reason = reason.strip()
    if len(reason) < 5:
        errors = Errors()
        errors.add("reason", _("Say why you need to see the identity (at least a few words)."))
        errors.raise_if_any()
    events.accused_revealed(actor=actor, accused=accused, reason=reason[:500])
    return {"full_name": accused.full_name, "identity_notes": accused.identity_notes}


@transaction.atomic
def indicators_exported(*, actor: User, channel: str, filters: object) -> None:
    """Record that suppressed indicators left the organisation (CSV or API)."""
    membership = actor.active_membership
    if membership is None:
        raise PermissionError("This user belongs to no organisation.")
    events.record(
        code=Code.INDICATORS_EXPORTED,
        actor=actor,
        obj=membership.organisation,
        reason=f"{channel}: {filters}"[:500],
    )

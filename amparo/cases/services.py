"""Writes to cases, incidents, notes, flags and rescue operations.

Every service validates all of its input before writing anything, runs in one
transaction and writes its audit event there.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import ASSIGNABLE_ROLES, Perm
from amparo.audit import events
from amparo.audit.events import Code
from amparo.cases import vocab
from amparo.cases.classification import QUESTION_FIELDS, classify, derive_contexts, report_delay
from amparo.cases.codes import CODE_PATTERN, new_case_code, normalise_code
from amparo.cases.inputs import IncidentInput, IntakeInput
from amparo.cases.models import Case, CaseAssignment, CaseFlag, CaseNote, Incident, RescueOperation
from amparo.core.age import GbvimsAgeBand
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.validation import Errors, birth_floor
from amparo.people.services import (
    consent_create,
    survivor_create,
    validate_consent,
    validate_identity,
    validate_survivor,
)

MAX_NOTE_LENGTH = 20_000


def validate_incident(
    errors: Errors,
    data: IncidentInput,
    *,
    prefix: str = "",
    opened_on: datetime.date | None = None,
    born: datetime.date | None = None,
) -> None:
    """``born``: the survivor's ``birth_floor``; nothing happened to them before it."""
    occurred = errors.past_date(prefix + "occurred_on", data.occurred_on, born=born)
    if (
        errors.past_date(prefix + "police_reported_on", data.police_reported_on, born=born)
        and occurred
        and data.police_reported_on
        and data.police_reported_on < data.occurred_on
    ):
        errors.add(
            prefix + "police_reported_on",
            _("The report to the police cannot be before the incident."),
        )
    if not data.admin1.strip():
        errors.add(prefix + "admin1", _("Say where it happened (department)."))
    if data.police_reported_on and not data.reported_to_police:
        errors.add(
            prefix + "police_reported_on", _("A police report date needs 'reported to the police'.")
        )
    if opened_on and data.occurred_on and data.occurred_on > opened_on:
        errors.add(prefix + "occurred_on", _("The incident cannot be after the case was opened."))
    errors.choices(prefix + "contexts", data.contexts, vocab.CaseContext)
    errors.choices(prefix + "exploitation_types", data.exploitation_types, vocab.Exploitation)
    errors.choices(prefix + "means_of_control", data.means_of_control, vocab.MeansOfControl)
    errors.choices(prefix + "labour_types", data.labour_types, vocab.LabourType)
    errors.choices(
        prefix + "sexual_exploitation_types",
        data.sexual_exploitation_types,
        vocab.SexualExploitationType,
    )
    errors.choice(
        prefix + "recruiter_relation", data.recruiter_relation, vocab.RecruiterRelation, blank=True
    )
    errors.choice(prefix + "perpetrator_sex", data.perpetrator_sex, vocab.PerpetratorSex)
    errors.choice(prefix + "perpetrator_age_band", data.perpetrator_age_band, GbvimsAgeBand)
    errors.choice(
        prefix + "perpetrator_relation", data.perpetrator_relation, vocab.PerpetratorRelation
    )
    if not 1 <= data.perpetrator_count <= 100:
        errors.add(
            prefix + "perpetrator_count", _("Give a number of perpetrators between 1 and 100.")
        )


def _incident_fields(
    data: IncidentInput, *, case: Case, birth_year: int | None
) -> dict[str, object]:
    answers = {name: getattr(data, name) for name in QUESTION_FIELDS}
    gbv_type = classify(answers)
    age = None if birth_year is None else data.occurred_on.year - birth_year
    fields = {**data.__dict__}
    fields.update(
        admin1=data.admin1.strip(),
        admin2=data.admin2.strip(),
        gbv_type=gbv_type,
        contexts=derive_contexts(
            gbv_type=gbv_type,
            chosen=data.contexts,
            survivor_age=age,
            money_or_goods_exchanged=data.money_or_goods_exchanged,
        ),
        report_delay=report_delay(data.occurred_on, case.opened_on),
    )
    for name in (
        "exploitation_types",
        "means_of_control",
        "labour_types",
        "sexual_exploitation_types",
    ):
        fields[name] = sorted(set(fields[name]))  # type: ignore[call-overload]
    return fields


def _validate_intake(errors: Errors, data: IntakeInput, membership: Membership) -> str:
    organisation = membership.organisation
    errors.choice("origin", data.origin, vocab.CaseOrigin)
    errors.choice("risk_level", data.risk_level, vocab.RiskLevel)
    born = birth_floor(
        birth_year=data.survivor.birth_year, date_of_birth=data.identity.date_of_birth
    )
    rescue = (
        None
        if data.rescue_operation_id is None
        else RescueOperation.objects.filter(
            pk=data.rescue_operation_id, organisation=organisation
        ).first()
    )
    errors.past_date(
        "opened_on",
        data.opened_on,
        born=born,
        after=[(rescue and rescue.happened_on, _("the rescue operation"))],
    )
    code = normalise_code(data.case_code) if data.case_code else ""
    if code:
        if not CODE_PATTERN.match(code):
            errors.add("case_code", _("Use 3–20 letters, digits or dashes."))
        elif Case.objects.filter(organisation=organisation, code=code).exists():
            errors.add(
                "case_code",
                _("Case code %(code)s already exists in your organisation.") % {"code": code},
            )
    if data.rescue_operation_id is not None and rescue is None:
        errors.add("rescue_operation", _("Choose one of your organisation's rescue operations."))
    if data.origin == vocab.CaseOrigin.RESCUE and data.rescue_operation_id is None:
        errors.add(
            "rescue_operation", _("Choose the rescue operation this survivor was removed in.")
        )
    validate_survivor(errors, data.survivor, prefix="survivor.")
    validate_identity(errors, data.identity, prefix="identity.")
    birth_year, birth_date = data.survivor.birth_year, data.identity.date_of_birth
    if birth_year is not None and birth_date is not None and birth_date.year != birth_year:
        errors.add(
            "survivor.birth_year",
            _("The birth year is not the year of the exact date of birth (%(year)s).")
            % {"year": birth_date.year},
        )
    validate_incident(
        errors, data.incident, prefix="incident.", opened_on=data.opened_on, born=born
    )
    for index, consent in enumerate(data.consents):
        validate_consent(
            errors, consent, organisation=organisation, prefix=f"consents.{index}.", born=born
        )
    if len(data.first_note) > MAX_NOTE_LENGTH:
        errors.add(
            "first_note", _("A note can be at most %(n)s characters.") % {"n": MAX_NOTE_LENGTH}
        )
    return code


def _assign(*, actor: User, case: Case, user: User, role: str) -> CaseAssignment:
    assignment = CaseAssignment.objects.create(case=case, user=user, role=role, assigned_by=actor)
    events.record(code=Code.CASE_ASSIGNED, actor=actor, obj=assignment, case=case)
    return assignment


@transaction.atomic
def intake_submit(*, actor: User, data: IntakeInput) -> Case:
    """Register a survivor, open their case and record the incident and consents.

    All input is validated first; on any error nothing is written. The worker
    who runs the intake is assigned to the case. Services are never made
    conditional on consent to share: consents are optional here.
    """
    membership = actor.active_membership
    if membership is None or not actor.has_amparo_perm(Perm.INTAKE):
        raise PermissionError("This user may not run an intake.")
    errors = Errors()
    code = _validate_intake(errors, data, membership)
    errors.raise_if_any()

    survivor = survivor_create(
        actor=actor,
        organisation=membership.organisation,
        survivor=data.survivor,
        identity=data.identity,
    )
    case = _create_case(actor=actor, membership=membership, survivor=survivor, data=data, code=code)
    if membership.role in ASSIGNABLE_ROLES:
        _assign(actor=actor, case=case, user=actor, role=membership.role)
    incident = Incident.objects.create(
        case=case,
        created_by=actor,
        **_incident_fields(data.incident, case=case, birth_year=survivor.birth_year),
    )
    events.record(code=Code.INCIDENT_RECORDED, actor=actor, obj=incident, case=case)
    for consent in data.consents:
        consent_create(actor=actor, survivor=survivor, data=consent, case=case)
    if data.first_note.strip():
        _note_create(actor=actor, case=case, body=data.first_note)
    return case


def _create_case(
    *, actor: User, membership: Membership, survivor, data: IntakeInput, code: str
) -> Case:  # type: ignore[no-untyped-def]
    fields = dict(
        organisation=membership.organisation,
        survivor=survivor,
        origin=data.origin,
        rescue_operation_id=data.rescue_operation_id,
        opened_on=data.opened_on,
        risk_level=data.risk_level,
        created_by=actor,
    )
    for _attempt in range(5):
        try:
            with transaction.atomic():
                case = Case.objects.create(
                    code=code or new_case_code(membership.organisation.code), **fields
                )
            break
        except IntegrityError:
            if code:
                errors = Errors()
                errors.add(
                    "case_code",
                    _("Case code %(code)s already exists in your organisation.") % {"code": code},
                )
                errors.raise_if_any()
    else:  # pragma: no cover - 32^6 codes per organisation
        raise RuntimeError("Could not allocate a unique case code.")
    events.record(code=Code.CASE_OPENED, actor=actor, obj=case, case=case)
    return case


@transaction.atomic
def case_update(
    *, actor: User, case: Case, expected_version: int, risk_level: str, status: str
) -> Case:
    """Change a case's risk level or open status. Closing goes through case_close."""
    errors = Errors()
    errors.choice("risk_level", risk_level, vocab.RiskLevel)
    if status not in vocab.OPEN_STATUSES:
        errors.add("status", _("Choose active or follow-up; close a case with 'Close case'."))
    errors.raise_if_any()
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status not in vocab.OPEN_STATUSES:
        errors.add("status", _("This case is closed."))
        errors.raise_if_any()
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={"risk_level": risk_level, "status": status},
    )
    events.record(
        code=Code.CASE_UPDATED, actor=actor, obj=locked, case=locked, changed_fields=changed
    )
    return locked


@transaction.atomic
def case_close(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    reason: str,
    closed_on: datetime.date | None = None,
    override_reason: str = "",
) -> Case:
    """Close a case. Closed cases are kept, never deleted.

    A case closes when the restoration closure rule is met; otherwise only a
    supervisor (or admin) may close it, with an override reason that is
    audited.
    """
    from amparo.aftercare.services.closure import closure_rule_for  # aftercare builds on cases

    # Locked first: the closure rule is read from assessments that are written
    # under this same lock, and a second close waits here, then sees it closed.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    day = closed_on or timezone.localdate()
    errors = Errors()
    errors.choice("closure_reason", reason, vocab.ClosureReason)
    if errors.past_date("closed_on", day) and day < locked.opened_on:
        errors.add("closed_on", _("A case cannot close before it opened."))
    rule = closure_rule_for(case=locked)
    override_reason = override_reason.strip()
    if not rule.met:
        if not actor.has_amparo_perm(Perm.ASSIGN):
            errors.add(
                "closure_reason",
                _("The closure rule is not met (%(why)s). Only a supervisor can close this case.")
                % {"why": " ".join(rule.reasons)},
            )
        elif len(override_reason) < 5:
            errors.add(
                "override_reason",
                _("The closure rule is not met (%(why)s). Give the reason for closing anyway.")
                % {"why": " ".join(rule.reasons)},
            )
    errors.raise_if_any()
    if locked.status not in vocab.OPEN_STATUSES:
        errors.add("status", _("This case is already closed."))
        errors.raise_if_any()
    status = (
        vocab.CaseStatus.CLOSED_REFERRED
        if reason == vocab.ClosureReason.REFERRED
        else vocab.CaseStatus.CLOSED
    )
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={"status": status, "closed_on": day, "closure_reason": reason},
    )
    if rule.met:
        events.record(
            code=Code.CASE_CLOSED, actor=actor, obj=locked, case=locked, changed_fields=changed
        )
    else:
        events.record(
            code=Code.CASE_CLOSURE_OVERRIDDEN,
            actor=actor,
            obj=locked,
            case=locked,
            reason=override_reason,
            changed_fields=changed,
        )
    return locked


@transaction.atomic
def case_assign(
    *, actor: User, case: Case, user_id: int, role: str | None = None
) -> CaseAssignment:
    """Assign a worker of the case's organisation once; their caseload then includes it."""
    Case.objects.select_for_update().get(pk=case.pk)
    errors = Errors()
    membership = (
        Membership.objects.filter(
            user_id=user_id,
            organisation=case.organisation,
            is_active=True,
            role__in=ASSIGNABLE_ROLES,
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        errors.add(
            "user", _("Choose a caseworker, lawyer, counsellor or supervisor of this organisation.")
        )
    elif CaseAssignment.objects.filter(case=case, user_id=user_id, ended_at__isnull=True).exists():
        errors.add("user", _("This person is already assigned to the case."))
    errors.raise_if_any()
    with duplicate_refused(
        constraint="uniq_active_assignment",
        field="user",
        message=_("This person is already assigned to the case."),
    ):
        return _assign(actor=actor, case=case, user=membership.user, role=role or membership.role)  # type: ignore[union-attr]


@transaction.atomic
def case_unassign(*, actor: User, case: Case, assignment_id: int) -> CaseAssignment:
    assignment = CaseAssignment.objects.select_for_update().get(
        pk=assignment_id, case=case, ended_at__isnull=True
    )
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    events.record(code=Code.CASE_UNASSIGNED, actor=actor, obj=assignment, case=case)
    return assignment


@transaction.atomic
def case_flag_raise(*, actor: User, case: Case, kind: str, note: str = "") -> CaseFlag:
    errors = Errors()
    errors.choice("kind", kind, vocab.FlagKind)
    errors.raise_if_any()
    flag = CaseFlag.objects.create(case=case, kind=kind, note=note, raised_by=actor)
    events.record(code=Code.CASE_FLAG_RAISED, actor=actor, obj=flag, case=case)
    return flag


@transaction.atomic
def case_flag_resolve(*, actor: User, case: Case, flag_id: int) -> CaseFlag:
    flag = CaseFlag.objects.select_for_update().get(pk=flag_id, case=case)
    if flag.resolved_at is None:
        flag.resolved_at, flag.resolved_by = timezone.now(), actor
        flag.save(update_fields=["resolved_at", "resolved_by"])
        events.record(code=Code.CASE_FLAG_RESOLVED, actor=actor, obj=flag, case=case)
    return flag


@transaction.atomic
def incident_record(*, actor: User, case: Case, data: IncidentInput) -> Incident:
    errors = Errors()
    validate_incident(errors, data, born=birth_floor(birth_year=case.survivor.birth_year))
    errors.raise_if_any()
    incident = Incident.objects.create(
        case=case,
        created_by=actor,
        **_incident_fields(data, case=case, birth_year=case.survivor.birth_year),
    )
    events.record(code=Code.INCIDENT_RECORDED, actor=actor, obj=incident, case=case)
    return incident


@transaction.atomic
def incident_update(
    *, actor: User, incident: Incident, expected_version: int, data: IncidentInput
) -> Incident:
    """Update an incident, re-deriving its type and contexts; refuses a stale version."""
    errors = Errors()
    validate_incident(errors, data, born=birth_floor(birth_year=incident.case.survivor.birth_year))
    errors.raise_if_any()
    locked = (
        Incident.objects.select_for_update().select_related("case__survivor").get(pk=incident.pk)
    )
    case = locked.case
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes=_incident_fields(data, case=case, birth_year=case.survivor.birth_year),
    )
    events.record(
        code=Code.INCIDENT_UPDATED, actor=actor, obj=locked, case=case, changed_fields=changed
    )
    return locked


def _note_create(*, actor: User, case: Case, body: str) -> CaseNote:
    note = CaseNote.objects.create(case=case, author=actor, body=body.strip())
    events.record(code=Code.NOTE_ADDED, actor=actor, obj=note, case=case)
    return note


@transaction.atomic
def note_add(*, actor: User, case: Case, body: str) -> CaseNote:
    errors = Errors()
    if not body.strip():
        errors.add("body", _("Write something in the note."))
    if len(body) > MAX_NOTE_LENGTH:
        errors.add("body", _("A note can be at most %(n)s characters.") % {"n": MAX_NOTE_LENGTH})
    errors.raise_if_any()
    return _note_create(actor=actor, case=case, body=body)


@transaction.atomic
def rescue_operation_record(
    *,
    actor: User,
    name: str,
    happened_on: datetime.date,
    admin1: str,
    people_removed: int,
    admin2: str = "",
    country: str = "GT",
    agencies: list[str] | None = None,
) -> RescueOperation:
    membership = actor.active_membership
    if membership is None or not actor.has_amparo_perm(Perm.INTAKE):
        raise PermissionError("This user may not record rescue operations.")
    errors = Errors()
    if not name.strip():
        errors.add("name", _("Give the operation a name."))
    errors.past_date("happened_on", happened_on)
    if not admin1.strip():
        errors.add("admin1", _("Say where it happened (department)."))
    if not 1 <= people_removed <= 10_000:
        errors.add("people_removed", _("Give the number of people removed from danger."))
    errors.raise_if_any()
    operation = RescueOperation.objects.create(
        organisation=membership.organisation,
        name=name.strip(),
        happened_on=happened_on,
        country=country,
        admin1=admin1.strip(),
        admin2=admin2.strip(),
        agencies=[a.strip() for a in (agencies or []) if a.strip()],
        people_removed=people_removed,
        created_by=actor,
    )
    events.record(code=Code.RESCUE_RECORDED, actor=actor, obj=operation)
    return operation

"""Intake (case, survivor, identity, incident, consent in one write) and rescue operations."""

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, User
from amparo.accounts.roles import ASSIGNABLE_ROLES, Perm
from amparo.cases import events, vocab
from amparo.cases.codes import CODE_PATTERN, new_case_code, normalise_code
from amparo.cases.inputs import IncidentInput, IntakeInput
from amparo.cases.models import Case, Incident, RescueOperation
from amparo.cases.services.incidents import _incident_fields, validate_incident
from amparo.cases.services.lifecycle import _assign
from amparo.cases.services.notes import MAX_NOTE_LENGTH, _note_create
from amparo.core.validation import Errors, birth_floor
from amparo.people.age import Birth
from amparo.people.models import Survivor
from amparo.people.services import (
    consent_create,
    survivor_create,
    validate_consent,
    validate_identity,
    validate_survivor,
)


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
        after=[(rescue.happened_on if rescue else None, _("the rescue operation"))],
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


@transaction.atomic
def intake_submit(*, actor: User, data: IntakeInput) -> Case:
    """Register a survivor, open their case and record the incident and consents.

    Needs INTAKE (``Denied``). All input is validated first; on any error
    nothing is written. The worker who runs the intake is assigned to the
    case. Services are never made conditional on consent to share: consents
    are optional here. Each record written has its own event (survivor,
    case, assignment, incident, consents, note), all in this transaction.
    """
    membership = perm_required(actor, Perm.INTAKE)
    errors = Errors()
    code = _validate_intake(errors, data, membership)
    errors.raise_if_any()
    return _intake_write(actor=actor, membership=membership, data=data, code=code)


def intake_import_problems(
    *, actor: User, data: IntakeInput, more_incidents: Sequence[IncidentInput] = ()
) -> dict[str, list[str]]:
    """What ``intake_import`` would refuse in ``data``, by field; empty when it would pass.

    Needs IMPORT_RECORDS (``Denied``). Writes nothing: the exchange's dry run
    asks this of every row, so the import refuses exactly what it reported.
    """
    membership = perm_required(actor, Perm.IMPORT_RECORDS)
    errors = Errors()
    _validate_import(errors, data, membership, more_incidents)
    try:
        errors.raise_if_any()
    except ValidationError as exc:
        return exc.message_dict
    return {}


@transaction.atomic
def intake_import(
    *, actor: User, data: IntakeInput, more_incidents: Sequence[IncidentInput] = ()
) -> Case:
    """Open a case from another system's record, by the same rules and writes as an intake.

    Needs IMPORT_RECORDS (``Denied``): an administrator without INTAKE may
    bring an organisation's old records in. Validation, encryption of
    identity, blind-index terms and events are those of ``intake_submit``;
    the importer is assigned only when their role works cases.
    ``more_incidents`` (the record's further incidents) are recorded on the
    same case, each validated as the first one is.
    """
    membership = perm_required(actor, Perm.IMPORT_RECORDS)
    errors = Errors()
    code = _validate_import(errors, data, membership, more_incidents)
    errors.raise_if_any()
    case = _intake_write(actor=actor, membership=membership, data=data, code=code)
    for more in more_incidents:
        incident = Incident.objects.create(
            case=case,
            created_by=actor,
            **_incident_fields(
                more,
                case=case,
                birth=Birth(year=case.survivor.birth_year, date=data.identity.date_of_birth),
            ),
        )
        events.incident_recorded(actor=actor, incident=incident)
    return case


def _validate_import(
    errors: Errors,
    data: IntakeInput,
    membership: Membership,
    more_incidents: Sequence[IncidentInput],
) -> str:
    code = _validate_intake(errors, data, membership)
    born = birth_floor(
        birth_year=data.survivor.birth_year, date_of_birth=data.identity.date_of_birth
    )
    for index, more in enumerate(more_incidents, start=2):
        validate_incident(
            errors, more, prefix=f"incident{index}.", opened_on=data.opened_on, born=born
        )
    return code


def _intake_write(*, actor: User, membership: Membership, data: IntakeInput, code: str) -> Case:
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
        **_incident_fields(
            data.incident,
            case=case,
            birth=Birth(year=survivor.birth_year, date=data.identity.date_of_birth),
        ),
    )
    events.incident_recorded(actor=actor, incident=incident)
    for consent in data.consents:
        consent_create(actor=actor, survivor=survivor, data=consent, case=case)
    if data.first_note.strip():
        _note_create(actor=actor, case=case, body=data.first_note)
    return case


def _create_case(
    *, actor: User, membership: Membership, survivor: Survivor, data: IntakeInput, code: str
) -> Case:
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
    events.case_opened(actor=actor, case=case)
    return case


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
    """Record a rescue operation of the actor's organisation, for intakes to start from.

    Needs INTAKE (``Denied``). Refuses a blank name or place, a date in the
    future and an implausible number of people; writes ``rescue.recorded``.
    """
    membership = perm_required(actor, Perm.INTAKE)
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
    events.rescue_recorded(actor=actor, operation=operation)
    return operation

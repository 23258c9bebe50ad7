"""Incidents: their validation (GBVIMS classification, CTDC context) and edits."""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases import events, vocab
from amparo.cases.classification import QUESTION_FIELDS, classify, derive_contexts, report_delay
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Case, Incident
from amparo.core.age import GbvimsAgeBand
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors, birth_floor
from amparo.people.age import Birth, survivor_birth
from amparo.people.models import Survivor


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
    if (
        errors.past_date(prefix + "reported_on", data.reported_on, born=born)
        and occurred
        and data.reported_on
        and data.reported_on < data.occurred_on
    ):
        errors.add(prefix + "reported_on", _("The report cannot be before the incident."))
    if not data.admin1.strip():
        errors.add(prefix + "admin1", _("Say where it happened (department)."))
    if data.police_reported_on and not data.reported_to_police:
        errors.add(
            prefix + "police_reported_on", _("A police report date needs 'reported to the police'.")
        )
    if opened_on and data.occurred_on and data.occurred_on > opened_on:
        errors.add(prefix + "occurred_on", _("The incident cannot be after the case was opened."))
    errors.choices(prefix + "contexts", data.contexts, vocab.CaseContext)
    derived = sorted(c for c in set(data.contexts) & vocab.DERIVED_CONTEXTS)
    if derived:
        errors.add(
            prefix + "contexts",
            _("These contexts are worked out from the answers, not chosen: %(values)s.")
            % {"values": ", ".join(str(vocab.CaseContext(c).label) for c in derived)},
        )
    errors.choices(prefix + "exploitation_types", data.exploitation_types, vocab.Exploitation)
    errors.choice(prefix + "abduction_status", data.abduction_status, vocab.AbductionStatus)
    errors.choices(
        prefix + "recruitment_methods", data.recruitment_methods, vocab.RecruitmentMethod
    )
    _validate_trafficking_status(errors, data, prefix=prefix)
    errors.choices(prefix + "perpetrator_roles", data.perpetrator_roles, vocab.PerpetratorRole)
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


def _validate_trafficking_status(errors: Errors, data: IncidentInput, *, prefix: str) -> None:
    """HTCDS: a trafficking status names the kind of organisation that decided it."""
    errors.choice(
        prefix + "trafficking_status",
        data.trafficking_status,
        vocab.TraffickingStatus,
        blank=True,
    )
    errors.choice(
        prefix + "trafficking_status_decided_by",
        data.trafficking_status_decided_by,
        vocab.DecidingOrganisation,
        blank=True,
    )
    if data.trafficking_status and not data.trafficking_status_decided_by:
        errors.add(
            prefix + "trafficking_status_decided_by",
            _("Say which kind of organisation decided the trafficking status."),
        )
    if data.trafficking_status_decided_by and not data.trafficking_status:
        errors.add(
            prefix + "trafficking_status",
            _("Give the trafficking status the organisation decided."),
        )


def has_trafficking_details(data: IncidentInput) -> bool:
    """Whether any trafficking detail (exploitation, recruitment, control, recruiter,
    a status other than "not a victim") was given."""
    return bool(
        data.exploitation_types
        or data.recruitment_methods
        or data.trafficking_status
        in (vocab.TraffickingStatus.POSSIBLE, vocab.TraffickingStatus.ACTUAL)
        or data.means_of_control
        or data.labour_types
        or data.sexual_exploitation_types
        or data.recruiter_relation not in ("", "unknown")
    )


def age_fields(
    *,
    birth: Birth,
    occurred_on: datetime.date,
    gbv_type: str,
    chosen: list[str],
    money_or_goods_exchanged: bool,
    abduction_status: str,
    perpetrator_relation: str,
) -> dict[str, object]:
    """The survivor's age at the incident (exact when the date of birth is known) and the
    contexts derived with it: what a new birth or incident date changes."""
    age, exact = birth.age_on(occurred_on)
    return {
        "survivor_age": age,
        "survivor_age_exact": exact and age is not None,
        "contexts": derive_contexts(
            gbv_type=gbv_type,
            chosen=chosen,
            survivor_age=age,
            money_or_goods_exchanged=money_or_goods_exchanged,
            abduction_status=abduction_status,
            perpetrator_relation=perpetrator_relation,
        ),
    }


def _incident_fields(data: IncidentInput, *, case: Case, birth: Birth) -> dict[str, object]:
    answers = {name: getattr(data, name) for name in QUESTION_FIELDS}
    gbv_type = classify(answers)
    fields = {**data.__dict__}
    reported_on = data.reported_on or case.opened_on
    chosen = list(data.contexts)
    # Trafficking details describe trafficking: whoever fills them has said so, on
    # every path (intake, a new or edited incident, the API).
    if has_trafficking_details(data) and vocab.CaseContext.TRAFFICKING not in chosen:
        chosen.append(vocab.CaseContext.TRAFFICKING)
    fields.update(
        admin1=data.admin1.strip(),
        admin2=data.admin2.strip(),
        gbv_type=gbv_type,
        **age_fields(
            birth=birth,
            occurred_on=data.occurred_on,
            gbv_type=gbv_type,
            chosen=chosen,
            money_or_goods_exchanged=data.money_or_goods_exchanged,
            abduction_status=data.abduction_status,
            perpetrator_relation=data.perpetrator_relation,
        ),
        reported_on=reported_on,
        report_delay=report_delay(data.occurred_on, reported_on),
    )
    for name in (
        "exploitation_types",
        "recruitment_methods",
        "perpetrator_roles",
        "means_of_control",
        "labour_types",
        "sexual_exploitation_types",
    ):
        fields[name] = sorted(set(fields[name]))
    return fields


@transaction.atomic
def incident_record(*, actor: User, case: Case, data: IncidentInput) -> Incident:
    """Record an incident on ``case``, its GBVIMS type, the survivor's age at it and the
    contexts derived here.

    Needs EDIT_CASE (``Denied``). The survivor is locked first (their birth
    decides the age). Every field is validated first (dates not before the
    survivor's birth nor in the future, known vocabularies, no derived
    context chosen); on any error nothing is written. Writes
    ``incident.recorded``.
    """
    perm_required(actor, Perm.EDIT_CASE)
    survivor = Survivor.objects.select_for_update().get(pk=case.survivor_id)
    birth = survivor_birth(survivor)
    errors = Errors()
    # The floor is the birth year's first day, not the exact date: a refusal must not
    # let someone find the date of birth by trying incident dates.
    validate_incident(errors, data, born=birth_floor(birth_year=birth.year))
    errors.raise_if_any()
    incident = Incident.objects.create(
        case=case, created_by=actor, **_incident_fields(data, case=case, birth=birth)
    )
    events.incident_recorded(actor=actor, incident=incident)
    return incident


@transaction.atomic
def incident_update(
    *, actor: User, incident: Incident, expected_version: int, data: IncidentInput
) -> Incident:
    """Update an incident, re-deriving its type, the survivor's age at it (a new date
    gives a new age) and its contexts.

    Needs EDIT_CASE (``Denied``). Validated as ``incident_record``; the
    survivor then the incident are locked (the order every birth change
    takes), a stale version is refused (``StaleVersionError``) and nothing is
    written. Writes ``incident.updated`` naming the changed fields.
    """
    perm_required(actor, Perm.EDIT_CASE)
    survivor = Survivor.objects.select_for_update().get(pk=incident.case.survivor_id)
    birth = survivor_birth(survivor)
    errors = Errors()
    # The floor is the birth year's first day, not the exact date: a refusal must not
    # let someone find the date of birth by trying incident dates.
    validate_incident(errors, data, born=birth_floor(birth_year=birth.year))
    errors.raise_if_any()
    locked = Incident.objects.select_for_update().select_related("case").get(pk=incident.pk)
    case = locked.case
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes=_incident_fields(data, case=case, birth=birth),
    )
    events.incident_updated(actor=actor, incident=locked, changed_fields=changed)
    return locked

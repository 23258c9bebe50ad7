"""Reads of cases. Every list starts from what the user may see; every file
read goes through ``case_get_for_user`` and is audited.
"""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, User
from amparo.accounts.roles import ASSIGNABLE_ROLES, Perm
from amparo.audit import events
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseAssignment, CaseFlag, CaseNote, Incident, RescueOperation
from amparo.people.models import ConsentGrant, FamilyMember
from amparo.people.selectors import survivor_ids_matching_name

RECENT_NOTES = 20


def visible_cases(*, user: User) -> QuerySet[Case]:
    """The cases whose files ``user`` may open: never another organisation's.

    Supervisors and admins see their organisation's; caseworkers, lawyers and
    counsellors the cases they are assigned to; data analysts none.
    """
    membership = user.active_membership if user.is_authenticated else None
    if membership is None:
        return Case.objects.none()
    cases = Case.objects.filter(organisation_id=membership.organisation_id)
    if user.has_amparo_perm(Perm.CASES_ALL):
        return cases
    if user.has_amparo_perm(Perm.CASES_ASSIGNED):
        return cases.filter(
            Exists(
                CaseAssignment.objects.filter(case=OuterRef("pk"), user=user, ended_at__isnull=True)
            )
        )
    return Case.objects.none()


def case_get_for_user(
    *, user: User, case_id: int, log_read: bool = True, for_update: bool = False
) -> Case:
    """The case if ``user`` may open it, else Http404. Logs the read unless told not to."""
    cases = visible_cases(user=user).select_related("survivor", "organisation")
    if for_update:
        perm_required(user, Perm.EDIT_CASE)
    case = cases.filter(pk=case_id).first()
    if case is None:
        raise Http404
    if log_read:
        events.case_viewed(actor=user, case=case)
    return case


def caseload_list(
    *,
    user: User,
    query: str = "",
    status: str = "",
    risk_level: str = "",
    mine: bool = False,
    by_name: bool = False,
) -> QuerySet[Case]:
    """The user's caseload, searched by case code or pseudonym, or by name when allowed.

    A search by name compares blind-index digests, never plaintext, and is
    audited because it touches identities.
    """
    cases = visible_cases(user=user).select_related("survivor")
    if status:
        cases = cases.filter(status=status)
    if risk_level:
        cases = cases.filter(risk_level=risk_level)
    if mine:
        cases = cases.filter(assignments__user=user, assignments__ended_at__isnull=True)
    query = query.strip()
    if query and by_name:
        membership = perm_required(user, Perm.SEARCH_BY_NAME)
        cases = cases.filter(
            survivor_id__in=survivor_ids_matching_name(
                organisation=membership.organisation, text=query
            )
        )
        events.record(code=Code.CASELOAD_SEARCHED_BY_NAME, actor=user, obj=membership.organisation)
    elif query:
        cases = cases.filter(Q(code__istartswith=query) | Q(survivor__pseudonym__icontains=query))
    return cases.order_by("-opened_on", "-id")


@dataclass(frozen=True)
class CaseFile:
    case: Case
    incidents: list[Incident]
    consents: list[ConsentGrant]
    family: list[FamilyMember]
    notes: list[CaseNote]
    assignments: list[CaseAssignment]
    flags: list[CaseFlag]


def case_file_get(*, user: User, case_id: int) -> CaseFile:
    """Everything on the case file, in a constant number of queries; logs the read."""
    case = case_get_for_user(user=user, case_id=case_id)
    return CaseFile(
        case=case,
        incidents=list(case.incidents.all()),
        consents=list(
            ConsentGrant.objects.filter(survivor_id=case.survivor_id).select_related("recipient")
        ),
        family=list(FamilyMember.objects.filter(survivor_id=case.survivor_id).order_by("id")),
        notes=list(case.notes.select_related("author")[:RECENT_NOTES]),
        assignments=list(
            case.assignments.filter(ended_at__isnull=True)
            .select_related("user")
            .order_by("assigned_at")
        ),
        flags=list(case.flags.filter(resolved_at__isnull=True)),
    )


def case_audit_trail(*, user: User, case_id: int) -> QuerySet[AuditEvent]:
    """Who has seen or changed the file: supervisors and admins only."""
    perm_required(user, Perm.VIEW_AUDIT)
    case = case_get_for_user(user=user, case_id=case_id, log_read=False)
    return (
        AuditEvent.objects.filter(Q(case=case) | Q(survivor_id=case.survivor_id))
        .select_related("actor", "organisation")
        .order_by("-at", "-id")
    )


def incident_get_for_user(*, user: User, case: Case, incident_id: int) -> Incident:
    incident = case.incidents.filter(pk=incident_id).first()
    if incident is None:
        raise Http404
    return incident


def rescue_operations_for_user(*, user: User) -> QuerySet[RescueOperation]:
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or not user.has_amparo_perm(Perm.INTAKE):
        return RescueOperation.objects.none()
    return RescueOperation.objects.filter(organisation_id=membership.organisation_id)


def rescue_operation_get_for_user(*, user: User, operation_id: int) -> RescueOperation:
    operation = rescue_operations_for_user(user=user).filter(pk=operation_id).first()
    if operation is None:
        raise Http404
    return operation


def assignable_members(*, user: User) -> QuerySet[Membership]:
    membership = perm_required(user, Perm.ASSIGN)
    return (
        Membership.objects.filter(
            organisation=membership.organisation, is_active=True, role__in=ASSIGNABLE_ROLES
        )
        .select_related("user")
        .order_by("user__full_name")
    )

"""Reads of cases. Every list starts from what the user may see; every file
read goes through ``case_get_for_user`` and is audited.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.roles import ASSIGNABLE_ROLES, Perm
from amparo.audit.models import AuditEvent
from amparo.cases import events
from amparo.cases.models import (
    Case,
    CaseAssignment,
    CaseFlag,
    CaseNote,
    ClosureRequest,
    Incident,
    RescueOperation,
)
from amparo.cases.vocab import OPEN_STATUSES, ClosureRequestStatus
from amparo.core.exceptions import NotFound
from amparo.people.models import ConsentGrant, FamilyMember
from amparo.people.selectors import survivor_ids_matching_name

RECENT_NOTES = 20
# Either opens case files (``visible_cases``): what a caseload page or endpoint declares.
CASE_PERMS = (Perm.CASES_ASSIGNED, Perm.CASES_ALL)


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
    """The case if ``user`` may open it (``visible_cases``), else ``NotFound``.

    Logs the read (``case.viewed``) unless told not to: a write that follows
    logs itself. With ``for_update`` the user must also hold EDIT_CASE
    (``Denied``), checked only once the case is known to be theirs to open, so
    a refusal never confirms that someone else's case exists.
    """
    cases = visible_cases(user=user).select_related("survivor", "organisation")
    case = cases.filter(pk=case_id).first()
    if case is None:
        raise NotFound
    if for_update:
        perm_required(user, Perm.EDIT_CASE)
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
    unassigned: bool = False,
    flagged: bool = False,
) -> QuerySet[Case]:
    """The user's caseload (``visible_cases``), searched by case code or pseudonym, or by name.

    A search by name needs SEARCH_BY_NAME (``Denied``), compares blind-index
    digests, never plaintext, and is
    audited because it ties a legal name to cases: one event per case found,
    so each survivor's "who has seen this file" shows the search.
    """
    cases = visible_cases(user=user).select_related("survivor")
    if status == "open":  # active or follow-up, as the supervisor's counts mean it
        cases = cases.filter(status__in=OPEN_STATUSES)
    elif status:
        cases = cases.filter(status=status)
    if unassigned:  # NOT EXISTS: an anti-join on the active-assignment index
        cases = cases.filter(
            ~Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), ended_at__isnull=True))
        )
    if flagged:  # a flag raised and not yet resolved
        cases = cases.filter(
            Exists(CaseFlag.objects.filter(case=OuterRef("pk"), resolved_at__isnull=True))
        )
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
        events.caseload_searched_by_name(
            actor=user, organisation=membership.organisation, found=list(cases)
        )
    elif query:
        cases = cases.filter(pk__in=_codes_or_pseudonyms(cases, query))
    return cases.order_by("-opened_on", "-id")


def _codes_or_pseudonyms(cases: QuerySet[Case], query: str) -> QuerySet[Case, Any]:
    """The ids of ``cases`` whose code starts with ``query`` or whose survivor's pseudonym
    contains it, ignoring case.

    Two arms joined by UNION, not one OR across two tables that no index could
    serve: on PostgreSQL the code arm reads ``case_code_upper_prefix`` and the
    pseudonym arm the trigram index ``survivor_pseudonym_trgm``.
    """
    by_code = cases.filter(code__istartswith=query).order_by().values("pk")
    by_pseudonym = cases.filter(survivor__pseudonym__icontains=query).order_by().values("pk")
    return by_code.union(by_pseudonym)


def recent_cases_list(*, user: User, case_ids: list[int]) -> list[Case]:
    """Those of ``case_ids`` whose files ``user`` may still open, in the order given.

    Starts from ``visible_cases``, so a case the user lost access to (an
    assignment ended, a membership closed) is simply not there. For a list
    that names cases by code and pseudonym only: nothing else of the survivor
    is loaded, and no read is logged, as for the caseload. One query.
    """
    if not case_ids:
        return []
    found = {
        case.pk: case
        for case in visible_cases(user=user)
        .filter(pk__in=case_ids)
        .select_related("survivor")
        .only("pk", "code", "survivor__pseudonym")
    }
    return [found[pk] for pk in case_ids if pk in found]


@dataclass(frozen=True)
class CaseFile:
    case: Case
    incidents: list[Incident]
    consents: list[ConsentGrant]
    family: list[FamilyMember]
    notes: list[CaseNote]
    assignments: list[CaseAssignment]
    flags: list[CaseFlag]
    pending_closure: ClosureRequest | None = None


def case_file_get(*, user: User, case_id: int) -> CaseFile:
    """Everything on the case file of a case ``user`` may open, else ``NotFound``.

    A constant number of queries however long the file; the read is logged
    (``case.viewed``). The identity is never part of it.
    """
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
        pending_closure=case.closure_requests.filter(status=ClosureRequestStatus.PENDING)
        .select_related("requested_by")
        .first(),
    )


def case_audit_trail(*, user: User, case_id: int) -> QuerySet[AuditEvent]:
    """Who has seen or changed the file: supervisors and admins only.

    Needs VIEW_AUDIT (``Denied``) and a case the user may open (``NotFound``).
    Reading the trail is a read of the survivor's file, so it is logged too
    (``audit.viewed``, shown in the trail it opens).
    """
    # The case first: another organisation's is not found, never refused.
    case = case_get_for_user(user=user, case_id=case_id, log_read=False)
    perm_required(user, Perm.VIEW_AUDIT)
    events.audit_trail_viewed(actor=user, case=case)
    return (
        AuditEvent.objects.filter(Q(case=case) | Q(survivor_id=case.survivor_id))
        .select_related("actor", "organisation")
        .order_by("-at", "-id")
    )


def incidents_for_case(*, case: Case) -> QuerySet[Incident]:
    """The incidents of a case the caller already holds (``case_get_for_user``)."""
    return case.incidents.order_by("-occurred_on", "-id")


def notes_for_case(*, case: Case) -> QuerySet[CaseNote]:
    """Every note of a case the caller already holds, newest first."""
    return case.notes.select_related("author").order_by("-created_at", "-id")


def consents_for_case(*, case: Case) -> QuerySet[ConsentGrant]:
    """The consent history of the case's survivor, withdrawn and expired included."""
    return ConsentGrant.objects.filter(survivor_id=case.survivor_id).select_related("recipient")


def incident_get_for_user(*, user: User, case: Case, incident_id: int) -> Incident:
    """An incident of ``case`` (which the caller got from ``case_get_for_user``), else
    ``NotFound``: an id from another case is never found through this one."""
    incident = case.incidents.filter(pk=incident_id).first()
    if incident is None:
        raise NotFound
    return incident


def rescue_operations_for_user(*, user: User) -> QuerySet[RescueOperation]:
    """The rescue operations of the user's organisation for those who run intakes; for
    anyone else, none."""
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or not user.has_amparo_perm(Perm.INTAKE):
        return RescueOperation.objects.none()
    return RescueOperation.objects.filter(organisation_id=membership.organisation_id)


def rescue_operation_get_for_user(*, user: User, operation_id: int) -> RescueOperation:
    """One of ``rescue_operations_for_user``, else ``NotFound``."""
    operation = rescue_operations_for_user(user=user).filter(pk=operation_id).first()
    if operation is None:
        raise NotFound
    return operation


def assignable_members(*, user: User) -> QuerySet[Membership]:
    """Who ``user`` may assign to a case: active caseworkers, lawyers, counsellors and
    supervisors of their organisation. Needs ASSIGN (``Denied``)."""
    membership = perm_required(user, Perm.ASSIGN)
    return (
        Membership.objects.filter(
            organisation=membership.organisation, is_active=True, role__in=ASSIGNABLE_ROLES
        )
        .select_related("user")
        .order_by("user__full_name")
    )


def case_codes_for_survivors(*, user: User, survivor_ids: list[int]) -> list[tuple[int, str]]:
    """Id and code of the cases of these survivors that ``user`` may open; others stay hidden."""
    return list(
        visible_cases(user=user)
        .filter(survivor_id__in=survivor_ids)
        .order_by("code")
        .values_list("pk", "code")
    )


def rescue_operation_cases(*, user: User, operation: RescueOperation) -> QuerySet[Case]:
    """The cases started from ``operation`` that ``user`` may open."""
    return (
        visible_cases(user=user)
        .filter(rescue_operation=operation)
        .select_related("survivor")
        .order_by("-opened_on", "-id")
    )


def consent_get_for_case(*, case: Case, consent_id: int) -> ConsentGrant:
    """A consent of the case's survivor, else NotFound."""
    grant = (
        ConsentGrant.objects.filter(pk=consent_id, survivor_id=case.survivor_id)
        .select_related("recipient")
        .first()
    )
    if grant is None:
        raise NotFound
    return grant


def assignment_get_for_case(*, case: Case, assignment_id: int) -> CaseAssignment:
    """A current assignment on the case, else NotFound."""
    assignment = (
        case.assignments.filter(pk=assignment_id, ended_at__isnull=True)
        .select_related("user")
        .first()
    )
    if assignment is None:
        raise NotFound
    return assignment


def flag_get_for_case(*, case: Case, flag_id: int) -> CaseFlag:
    """An open flag on the case, else NotFound."""
    flag = case.flags.filter(pk=flag_id, resolved_at__isnull=True).first()
    if flag is None:
        raise NotFound
    return flag


def sharing_organisations(*, user: User) -> QuerySet[Organisation]:
    """Active organisations other than the user's: who a consent to share may name.

    Needs EDIT_CASE (``Denied``): only those who record consents are shown them.
    """
    membership = perm_required(user, Perm.EDIT_CASE)
    return Organisation.objects.filter(is_active=True).exclude(pk=membership.organisation_id)

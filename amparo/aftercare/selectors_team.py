"""The lists a supervisor opens from the team's counts (``team_work``): the approvals
waiting across the organisation, and the team's overdue and due work by worker.

Both need CASES_ALL (``Denied``), read only the open cases the supervisor may
open (``visible_cases``), name cases by code only, and run a constant number of
queries, whatever the size of the organisation.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare.models import Task
from amparo.aftercare.selectors_work import APPROVAL_TASKS, case_work_items, task_work_items
from amparo.cases.extensions import WorkItem
from amparo.cases.models import Case, CaseAssignment
from amparo.cases.selectors import visible_cases
from amparo.cases.selectors_closure import pending_closure_requests
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.exceptions import NotFound

# The team's work is read as far as its members' own lists go (``my_work``).
TEAM_LIMIT = 1000


class When(StrEnum):
    OVERDUE = "overdue"
    DUE = "due"  # due by the horizon, not yet late
    ALL = "all"


@dataclass(frozen=True)
class TeamItem:
    worker: User
    item: WorkItem


@dataclass(frozen=True)
class TeamItems:
    rows: list[TeamItem]
    worker: User | None  # None: the whole team
    when: When
    today: datetime.date


class ApprovalKind(StrEnum):
    TASK = "task"  # a care plan, family assessment or reintegration to approve
    CLOSURE = "closure"  # a caseworker's request to close a case


@dataclass(frozen=True)
class Approval:
    kind: ApprovalKind
    pk: int  # of the task, or of the closure request
    label: str
    case: Case
    asked_at: datetime.datetime
    waiting_for: User | None  # the task's supervisor; None: any supervisor
    asked_by: User | None  # who asked a closure


def _open_cases(user: User) -> QuerySet[Case]:
    return visible_cases(user=user).filter(status__in=OPEN_STATUSES)


def team_items(
    *,
    user: User,
    worker_id: int | None = None,
    when: When = When.ALL,
    horizon_days: int = 14,
    today: datetime.date | None = None,
) -> TeamItems:
    """The items ``team_work`` counts, listed: per worker, the assessments, follow-ups
    and care-plan reviews on their open cases, and their tasks, overdue or due
    within ``horizon_days`` — an item on a case two people work is each one's.

    Needs CASES_ALL (``Denied``). ``worker_id`` keeps one worker's, and must name a
    member (present or past) of the supervisor's organisation, else ``NotFound``.
    Oldest due first; the same few queries however large the team.
    """
    membership = perm_required(user, Perm.CASES_ALL)
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=horizon_days)
    worker = None
    if worker_id is not None:
        worker = User.objects.filter(
            pk=worker_id, membership__organisation_id=membership.organisation_id
        ).first()
        if worker is None:
            raise NotFound
    open_cases = _open_cases(user)
    assignments = CaseAssignment.objects.filter(case__in=open_cases, ended_at__isnull=True)
    tasks = Task.objects.filter(case__in=open_cases, done_at__isnull=True, due_on__lte=horizon)
    if worker is not None:
        assignments = assignments.filter(user=worker)
        tasks = tasks.filter(assigned_to=worker)
    workers_of: dict[int, list[User]] = {}
    for assignment in assignments.select_related("user"):
        workers_of.setdefault(assignment.case_id, []).append(assignment.user)
    items = case_work_items(
        cases=open_cases.filter(pk__in=list(workers_of)),
        reader=user,
        horizon=horizon,
        today=today,
        limit=TEAM_LIMIT,
    )
    rows = [
        TeamItem(worker=person, item=item)
        for item in items
        if item.case is not None
        for person in workers_of.get(item.case.pk, [])
    ]
    open_tasks = list(tasks.select_related("case__survivor", "assigned_to")[:TEAM_LIMIT])
    rows += [
        TeamItem(worker=task.assigned_to, item=item)
        for task, item in zip(open_tasks, task_work_items(open_tasks, today=today), strict=True)
    ]
    if when == When.OVERDUE:
        rows = [row for row in rows if row.item.overdue]
    elif when == When.DUE:
        rows = [row for row in rows if not row.item.overdue]
    rows.sort(key=lambda r: (r.item.due_on, r.worker.full_name, r.worker.pk, r.item.kind))
    return TeamItems(rows=rows, worker=worker, when=when, today=today)


def team_approvals(*, user: User) -> list[Approval]:
    """Every approval waiting in the organisation, oldest first: the approval tasks
    (care plans, family assessments, reintegrations) and the caseworkers' closure
    requests, on the open cases the supervisor may open.

    Needs CASES_ALL (``Denied``). Two queries; case codes only, no survivor data.
    """
    perm_required(user, Perm.CASES_ALL)
    open_cases = _open_cases(user)
    tasks = Task.objects.filter(
        case__in=open_cases, done_at__isnull=True, kind__in=APPROVAL_TASKS
    ).select_related("case__survivor", "assigned_to")
    approvals = [
        Approval(
            kind=ApprovalKind.TASK,
            pk=task.pk,
            label=task.get_kind_display(),
            case=task.case,
            asked_at=task.created_at,
            waiting_for=task.assigned_to,
            asked_by=None,
        )
        for task in tasks
    ]
    approvals += [
        Approval(
            kind=ApprovalKind.CLOSURE,
            pk=request.pk,
            label=_("Close the case (%(reason)s)") % {"reason": request.get_reason_display()},
            case=request.case,
            asked_at=request.created_at,
            waiting_for=None,
            asked_by=request.requested_by,
        )
        for request in pending_closure_requests(user=user)
    ]
    approvals.sort(key=lambda a: (a.asked_at, a.kind, a.pk))
    return approvals


__all__ = [
    "Approval",
    "ApprovalKind",
    "TeamItem",
    "TeamItems",
    "When",
    "team_approvals",
    "team_items",
]

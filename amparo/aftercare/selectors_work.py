"""My work, grouped by urgency, and the team's work a supervisor watches.

Both read only cases the user may open (``visible_cases``) and run a constant
number of queries, whatever the caseload.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import vocab
from amparo.aftercare.models import CarePlan, FollowUp, RestorationStatus, Task
from amparo.cases.extensions import WorkItem, work_items
from amparo.cases.models import Case, CaseAssignment, CaseFlag, ClosureRequest
from amparo.cases.selectors import visible_cases
from amparo.cases.vocab import OPEN_STATUSES, ClosureRequestStatus, RiskLevel

RESTORATION_ORG_KINDS = ("aftercare", "shelter", "government")

# Labels are lazy so that My work reads in the language of the page, not of start-up.
INITIAL_ASSESSMENT = _("Initial restoration assessment")
ASSESSMENT = _("Restoration assessment")
FOLLOW_UP = _("Follow-up visit")
CARE_PLAN_REVIEW = _("Care plan review")

APPROVAL_TASKS = (
    vocab.TaskKind.APPROVE_CARE_PLAN,
    vocab.TaskKind.APPROVE_FAMILY_ASSESSMENT,
    vocab.TaskKind.APPROVE_REINTEGRATION,
)


@dataclass(frozen=True)
class MyWork:
    items: list[WorkItem]
    today: datetime.date

    @property
    def overdue(self) -> list[WorkItem]:
        return [i for i in self.items if i.overdue]

    @property
    def upcoming(self) -> list[WorkItem]:
        return [i for i in self.items if not i.overdue]

    @property
    def groups(self) -> list[tuple[str, str, list[WorkItem]]]:
        """(key, label, items) for overdue, today, this week and later, empty ones included."""
        week_end = self.today + datetime.timedelta(days=7)
        buckets: dict[str, list[WorkItem]] = {"overdue": [], "today": [], "week": [], "later": []}
        for item in self.items:
            if item.overdue:
                buckets["overdue"].append(item)
            elif item.due_on <= self.today:
                buckets["today"].append(item)
            elif item.due_on <= week_end:
                buckets["week"].append(item)
            else:
                buckets["later"].append(item)
        labels = {
            "overdue": _("Overdue"),
            "today": _("Today"),
            "week": _("This week"),
            "later": _("Later"),
        }
        return [(key, str(labels[key]), items) for key, items in buckets.items()]


def _runs_assessments(user: User) -> bool:
    membership = user.active_membership
    return bool(membership and membership.organisation.kind in RESTORATION_ORG_KINDS)


def case_work_items(
    *,
    cases: QuerySet[Case],
    reader: User,
    horizon: datetime.date,
    today: datetime.date,
    limit: int = 200,
) -> list[WorkItem]:
    """The assessments, follow-up visits and care-plan reviews due by ``horizon`` on
    ``cases`` (a queryset the caller has already limited to what ``reader`` may
    open), at most ``limit`` of each: three queries. Where the reader's
    organisation runs assessments, a case never assessed is due for its initial
    assessment from the day it opened."""
    items: list[WorkItem] = []
    scheduled = Q(restoration__next_due_on__lte=horizon)
    due_filter = (
        (Q(restoration__isnull=True) | scheduled) if _runs_assessments(reader) else scheduled
    )
    for case in cases.filter(due_filter).select_related("survivor", "restoration")[:limit]:
        status = getattr(case, "restoration", None)
        day = status.next_due_on if status else case.opened_on
        label = ASSESSMENT if status else INITIAL_ASSESSMENT
        items.append(WorkItem("assessment", str(label), day, case, day < today))
    for follow_up in FollowUp.objects.filter(
        case__in=cases, done_on__isnull=True, due_on__lte=horizon
    ).select_related("case__survivor")[:limit]:
        overdue = follow_up.due_on < today
        items.append(
            WorkItem("follow_up", str(FOLLOW_UP), follow_up.due_on, follow_up.case, overdue)
        )
    # A partner's plan under a referral is the partner's to review, not the owner's workers'.
    for plan in CarePlan.objects.filter(
        case__in=cases,
        status=vocab.CarePlanStatus.APPROVED,
        review_due_on__lte=horizon,
        partner_organisation__isnull=True,
    ).select_related("case__survivor")[:limit]:
        overdue = plan.review_due_on < today
        items.append(
            WorkItem(
                "care_plan_review", str(CARE_PLAN_REVIEW), plan.review_due_on, plan.case, overdue
            )
        )
    return items


def task_work_items(tasks: Iterable[Task], *, today: datetime.date) -> list[WorkItem]:
    """Open tasks as work items; the task's id rides in ``url_hint``."""
    return [
        WorkItem(
            "task",
            task.get_kind_display(),
            task.due_on,
            task.case,
            task.due_on < today,
            url_hint=str(task.pk),
        )
        for task in tasks
    ]


def my_work(*, user: User, horizon_days: int = 14, today: datetime.date | None = None) -> MyWork:
    """What the user must do soon or is late with: assessments, follow-ups,
    care-plan reviews, tasks and hearings — over the cases they may open.

    Everyone's work is on the cases they are assigned to; tasks (approvals,
    risks) are the user's on any case they may open. Assessments are due for
    every organisation that runs them: a restoration organisation from the
    day a case opens; any other once it has assessed the case (its schedule).
    A constant number of queries, whatever the caseload.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=horizon_days)
    cases = visible_cases(user=user).filter(
        status__in=OPEN_STATUSES, assignments__user=user, assignments__ended_at__isnull=True
    )
    from amparo.aftercare.selectors import tasks_for_user  # the one door to a user's tasks

    items = case_work_items(cases=cases, reader=user, horizon=horizon, today=today)
    items += task_work_items(tasks_for_user(user=user)[:200], today=today)
    # The other apps' work (hearings), through the extension point in cases.
    for source in work_items:
        items.extend(source(user=user, horizon_days=horizon_days, today=today))
    items.sort(key=lambda i: (i.due_on, i.kind))
    return MyWork(items=items, today=today)


@dataclass(frozen=True)
class WorkerLoad:
    user: User
    open_cases: int
    overdue: int
    due: int


@dataclass(frozen=True)
class TeamWork:
    workers: list[WorkerLoad]
    unassigned: int
    high_risk: int
    flagged: int
    approvals: int

    @property
    def overdue(self) -> int:
        return sum(w.overdue for w in self.workers)

    @property
    def due(self) -> int:
        return sum(w.due for w in self.workers)


def _count_by(rows: QuerySet, key: str) -> dict[int, tuple[int, int]]:
    return {row[key]: (row["overdue"], row["due"]) for row in rows}


def team_work(
    *, user: User, horizon_days: int = 14, today: datetime.date | None = None
) -> TeamWork | None:
    """The organisation's work as a supervisor watches it, else ``None``.

    Only for users who may open every case of the organisation (CASES_ALL):
    per worker, their open cases and the items overdue or due within
    ``horizon_days`` on them (assessments, follow-ups, care-plan reviews,
    the worker's tasks, and — in a restoration organisation — the initial
    assessment of a case never assessed, due from the day it opened, as My
    work lists it); unassigned open cases; open high-risk cases; open cases
    with a flag not yet resolved; and approvals waiting. Counts only — never a
    survivor — and a constant number of queries (tested), whatever the size of the organisation.
    """
    if not user.has_amparo_perm(Perm.CASES_ALL):
        return None
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=horizon_days)
    open_cases = visible_cases(user=user).filter(status__in=OPEN_STATUSES)
    active = CaseAssignment.objects.filter(case__in=open_cases, ended_at__isnull=True)
    caseload = dict(
        active.values("user").annotate(n=Count("case", distinct=True)).values_list("user", "n")
    )

    def per_worker(items: QuerySet, day_field: str) -> dict[int, tuple[int, int]]:
        # Items of ``model`` on the worker's open cases, overdue and due, in one grouped query.
        rows = (
            items.filter(case__in=open_cases)
            .filter(case__assignments__ended_at__isnull=True)
            .values("case__assignments__user")
            .annotate(
                overdue=Count("id", filter=Q(**{f"{day_field}__lt": today}), distinct=True),
                due=Count(
                    "id",
                    filter=Q(**{f"{day_field}__gte": today, f"{day_field}__lte": horizon}),
                    distinct=True,
                ),
            )
        )
        return _count_by(rows, "case__assignments__user")

    sources = [
        per_worker(FollowUp.objects.filter(done_on__isnull=True), "due_on"),
        per_worker(
            CarePlan.objects.filter(
                status=vocab.CarePlanStatus.APPROVED, partner_organisation__isnull=True
            ),
            "review_due_on",
        ),
        per_worker(RestorationStatus.objects.all(), "next_due_on"),
        # Never assessed: a restoration organisation owes the initial assessment
        # from the day the case opened, as each worker's My work lists it.
        _count_by(
            open_cases.filter(restoration__isnull=True, assignments__ended_at__isnull=True)
            .values("assignments__user")
            .annotate(
                overdue=Count("id", filter=Q(opened_on__lt=today), distinct=True),
                due=Count(
                    "id", filter=Q(opened_on__gte=today, opened_on__lte=horizon), distinct=True
                ),
            ),
            "assignments__user",
        )
        if _runs_assessments(user)
        else {},
        _count_by(
            Task.objects.filter(case__in=open_cases, done_at__isnull=True)
            .values("assigned_to")
            .annotate(
                overdue=Count("id", filter=Q(due_on__lt=today)),
                due=Count("id", filter=Q(due_on__gte=today, due_on__lte=horizon)),
            ),
            "assigned_to",
        ),
    ]
    worker_ids = set(caseload) | {uid for source in sources for uid in source}
    people = User.objects.filter(pk__in=worker_ids).order_by("full_name", "pk")
    workers = [
        WorkerLoad(
            user=person,
            open_cases=caseload.get(person.pk, 0),
            overdue=sum(s.get(person.pk, (0, 0))[0] for s in sources),
            due=sum(s.get(person.pk, (0, 0))[1] for s in sources),
        )
        for person in people
    ]
    workers.sort(key=lambda w: (-w.overdue, -w.due, w.user.full_name))
    # NOT EXISTS, an anti-join: NOT IN (subquery) is a nested scan on PostgreSQL.
    unassigned = open_cases.filter(
        ~Exists(CaseAssignment.objects.filter(case=OuterRef("pk"), ended_at__isnull=True))
    ).count()
    return TeamWork(
        workers=workers,
        unassigned=unassigned,
        high_risk=open_cases.filter(risk_level=RiskLevel.HIGH).count(),
        flagged=open_cases.filter(
            Exists(CaseFlag.objects.filter(case=OuterRef("pk"), resolved_at__isnull=True))
        ).count(),
        approvals=Task.objects.filter(
            case__in=open_cases, done_at__isnull=True, kind__in=APPROVAL_TASKS
        ).count()
        # A caseworker's request to close a case is an approval waiting too.
        + ClosureRequest.objects.filter(
            case__in=open_cases, status=ClosureRequestStatus.PENDING
        ).count(),
    )


__all__ = [
    "MyWork",
    "TeamWork",
    "WorkerLoad",
    "case_work_items",
    "my_work",
    "task_work_items",
    "team_work",
]

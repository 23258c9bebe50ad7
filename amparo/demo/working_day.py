"""The morning the demo is opened: every role finds work waiting.

Random histories leave My work to chance: on some days nothing falls due in
the next two weeks, and no hearing is ever left without its outcome. So each
worker is given, through the real services (rules and audit apply), a few
cases whose work falls on fixed days around the day of seeding: an assessment
overdue and one due this week, a follow-up visit due today (or just missed), a
care-plan review ahead. Each lawyer has hearings held in the last days whose
outcome is still to record, one today and some ahead. Each supervisor finds
care plans and a family assessment waiting for approval, and a few cases whose
worker has left, unassigned.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import timezone

from amparo.accounts.models import OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.aftercare.demo import GOALS, PLAN_SUMMARY, reintegrate
from amparo.aftercare.inputs import FamilyAssessmentInput, GoalInput
from amparo.aftercare.models import Facility
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.services.careplans import care_plan_approve, care_plan_draft, care_plan_submit
from amparo.aftercare.services.placements import placement_start
from amparo.aftercare.services.reintegration import family_assessment_record
from amparo.cases.models import Case, CaseAssignment
from amparo.cases.services.lifecycle import case_unassign
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.dates import add_months
from amparo.demo.teams import Team
from amparo.justice.models import LegalCase
from amparo.justice.services.hearings import hearing_schedule

# Cases each worker's day is built on: opened long enough ago for a six-month
# assessment to be overdue and a reintegration to have a history.
MIN_AGE_DAYS = 220
# Hearings of each lawyer, in days from the day of seeding, and the hour.
HEARINGS = ((-9, 9), (-3, 14), (0, 15), (2, 10), (6, 9), (12, 10))
UNASSIGNED_PER_ORGANISATION = 3
PENDING_PLANS_PER_ORGANISATION = 2


@dataclass
class WorkingDay:
    case_ids: set[int] = field(default_factory=set)  # cases given the day's work
    hearings: int = 0
    unassigned: int = 0
    approvals: int = 0


def seed_working_day(
    *,
    rng: random.Random,
    teams: list[Team],
    today: datetime.date,
    shelters: dict[int, list[Facility]],
) -> WorkingDay:
    """Give every role of every team something to do on ``today`` (see the module).

    Runs before the restoration journeys, which then leave these cases alone. On a
    small demo the cases run out: every worker gets the first kind of work before
    anyone gets the second. The survivors whose assessments are due live in one of
    the organisation's ``shelters`` (by organisation id).
    """
    day = WorkingDay()
    cutoff = today - datetime.timedelta(days=MIN_AGE_DAYS)
    for team in teams:
        supervisor = team.staff[Role.SUPERVISOR][0]
        free = _free_cases(team)
        old = [c for c in free if c.opened_on <= cutoff]
        young = [c for c in free if c.opened_on > cutoff]
        # The youngest cases lose their worker; they need no history for that.
        for case in young[-UNASSIGNED_PER_ORGANISATION:]:
            for assignment in CaseAssignment.objects.filter(case=case, ended_at__isnull=True):
                case_unassign(actor=supervisor, case=case, assignment_id=assignment.pk)
            young.remove(case)
            day.case_ids.add(case.pk)
            day.unassigned += 1
        for step in _STEPS:
            for user in _case_workers(team):
                case = next((c for c in old if user.pk in c.worker_ids), None)
                if case is None:
                    continue
                step(rng, case=case, worker=user, supervisor=supervisor, today=today)
                if step in _SHELTERED:
                    _place(rng, case=case, worker=user, shelters=shelters[case.organisation_id])
                old.remove(case)
                day.case_ids.add(case.pk)
        waiting = (young + old)[: PENDING_PLANS_PER_ORGANISATION + 1]
        for case in waiting[:PENDING_PLANS_PER_ORGANISATION]:
            _care_plan(rng, case=case, worker=case.created_by, supervisor=None, today=today)
        for case in waiting[PENDING_PLANS_PER_ORGANISATION:]:
            _family_assessment(rng, case=case, worker=case.created_by, today=today)
        day.case_ids.update(c.pk for c in waiting)
        day.approvals += len(waiting)
        for lawyer in team.staff.get(Role.LAWYER, []):
            day.hearings += _hearings(lawyer, today)
    return day


def _case_workers(team: Team) -> list[User]:
    """Who works cases day to day: caseworkers, counsellors, and lawyers where the
    organisation brings no court cases (their day is then the survivors')."""
    roles = [Role.CASEWORKER, Role.COUNSELLOR]
    if team.organisation.kind == OrganisationKind.AFTERCARE:
        roles.append(Role.LAWYER)
    return [user for role in roles for user in team.staff.get(role, [])]


def _free_cases(team: Team) -> list[Case]:
    """The team's open cases with no restoration work yet, oldest first, each with the
    ids of the people assigned to it (``worker_ids``)."""
    cases = list(
        Case.objects.filter(
            organisation=team.organisation,
            status__in=OPEN_STATUSES,
            restoration__isnull=True,
            care_plans__isnull=True,
            reintegrations__isnull=True,
        )
        .select_related("survivor", "created_by")
        .order_by("opened_on", "pk")
    )
    workers: dict[int, set[int]] = {}
    for case_id, user_id in CaseAssignment.objects.filter(
        case__in=cases, ended_at__isnull=True
    ).values_list("case_id", "user_id"):
        workers.setdefault(case_id, set()).add(user_id)
    for case in cases:
        # A plain attribute the seed reads back; Case declares no such field.
        case.worker_ids = workers.get(case.pk, set())  # type: ignore[attr-defined]  # seed-only
    return cases


def _scores(rng: random.Random, case: Case) -> dict[str, int]:
    instrument = active_instrument(organisation_id=case.organisation_id)
    return {
        item.code: rng.randint(2, 3)
        for domain in instrument.domains.prefetch_related("items")
        for item in domain.items.all()
    }


def _assessment_due(
    rng: random.Random, *, case: Case, worker: User, today: datetime.date, due_in: int
) -> None:
    """One assessment, dated so that the next (six months later) falls ``due_in`` days from today."""
    assessed_on = max(case.opened_on, add_months(today + datetime.timedelta(days=due_in), -6))
    assessment_record(actor=worker, case=case, assessed_on=assessed_on, scores=_scores(rng, case))


def _overdue_assessment(
    rng: random.Random, *, case: Case, worker: User, supervisor: User, today: datetime.date
) -> None:
    _assessment_due(rng, case=case, worker=worker, today=today, due_in=-rng.randint(3, 20))


def _assessment_this_week(
    rng: random.Random, *, case: Case, worker: User, supervisor: User, today: datetime.date
) -> None:
    _assessment_due(rng, case=case, worker=worker, today=today, due_in=rng.randint(4, 6))


def _visit_due(
    rng: random.Random, *, case: Case, worker: User, supervisor: User, today: datetime.date
) -> None:
    """The survivor went home a month ago (a visit due today) or a few days more (one missed)."""
    home_on = today - datetime.timedelta(days=rng.choice([30, 30, 33]))
    reintegrate(
        rng,
        case=case,
        worker=worker,
        supervisor=supervisor,
        today=today,
        assessed_on=home_on - datetime.timedelta(days=30),
        home_on=home_on,
    )


def _care_plan(
    rng: random.Random,
    *,
    case: Case,
    worker: User,
    supervisor: User | None,
    today: datetime.date,
) -> None:
    """A care plan whose review falls in the next two weeks; approved by ``supervisor``,
    or left waiting for approval without one."""
    plan = care_plan_draft(
        actor=worker,
        case=case,
        summary=PLAN_SUMMARY,
        review_due_on=today + datetime.timedelta(days=rng.randint(3, 13)),
        goals=[
            GoalInput(
                domain=domain,
                description=GOALS[domain],
                target_on=today + datetime.timedelta(days=rng.randint(60, 200)),
            )
            for domain in rng.sample(sorted(GOALS), 2)
        ],
    )
    care_plan_submit(actor=worker, plan=plan)
    if supervisor is not None:
        care_plan_approve(actor=supervisor, plan=plan)


def _family_assessment(
    rng: random.Random, *, case: Case, worker: User, today: datetime.date
) -> None:
    """A family assessment recorded last week, waiting for the supervisor's approval."""
    family_assessment_record(
        actor=worker,
        case=case,
        data=FamilyAssessmentInput(
            assessed_on=max(case.opened_on, today - datetime.timedelta(days=rng.randint(1, 6))),
            household_safety="safe",
            recommendation="reintegrate",
            protective_factors=["caring_adult", "school"],
            risks=["poverty"],
        ),
    )


# Each worker's first cases, in this order: late, this week, today, ahead.
_STEPS = (_overdue_assessment, _assessment_this_week, _visit_due, _care_plan)
_SHELTERED = (_overdue_assessment, _assessment_this_week)


def _place(rng: random.Random, *, case: Case, worker: User, shelters: list[Facility]) -> None:
    """In a shelter since the case opened, in the first with a bed free."""
    for facility in rng.sample(shelters, len(shelters)):
        try:
            placement_start(
                actor=worker,
                case=case,
                facility_id=facility.pk,
                started_on=case.opened_on,
                reason="emergency",
            )
        except ValidationError:
            continue  # full: the next one
        return


def _hearings(lawyer: User, today: datetime.date) -> int:
    """Schedule ``HEARINGS`` on the lawyer's open legal cases filed before the first of them;
    the past ones stay without an outcome, for the lawyer to record."""
    earliest = today + datetime.timedelta(days=min(d for d, _h in HEARINGS))
    legal_cases = list(
        LegalCase.objects.filter(
            lawyers__user=lawyer,
            lawyers__ended_at__isnull=True,
            status="open",
            complaint_on__lte=earliest,
        ).order_by("complaint_on", "pk")[: len(HEARINGS)]
    )
    if not legal_cases:
        return 0
    for n, (days, hour) in enumerate(HEARINGS):
        legal_case = legal_cases[n % len(legal_cases)]
        at = datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(hour))
        hearing_schedule(
            actor=lawyer,
            legal_case=legal_case,
            scheduled_for=timezone.make_aware(at),
            kind="trial" if legal_case.trial_on else "pre_trial",
        )
    return len(HEARINGS)

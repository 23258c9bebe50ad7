"""The supervisor's morning: the team's work as counts that open the right lists."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.models import Task
from amparo.aftercare.selectors_work import APPROVAL_TASKS, team_work
from amparo.aftercare.tests.conftest import days_ago
from amparo.aftercare.tests.records import restoration_records
from amparo.cases.models import Case, CaseAssignment
from amparo.cases.services import case_assign, intake_submit
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory, intake_input


def _by_name(team):
    return {w.user.full_name: (w.open_cases, w.overdue, w.due) for w in team.workers}


def test_the_team_shows_each_workers_overdue_work_and_the_approvals(cast):
    restoration_records(cast)
    team = team_work(user=cast.supervisor)
    rows = _by_name(team)
    # Alicia: Lex's case; its follow-up was due 5 days ago (records) and nothing else is late.
    assert rows["Alicia Caseworker"][0] == 1
    assert rows["Alicia Caseworker"][1] >= 1
    # Sam holds the approval tasks the records raised (care plan, reintegration...).
    open_approvals = Task.objects.filter(done_at__isnull=True, kind__in=APPROVAL_TASKS).count()
    assert team.approvals == open_approvals >= 1
    assert team.overdue == sum(w.overdue for w in team.workers) >= 1
    # Most overdue first.
    assert team.workers[0].overdue == max(w.overdue for w in team.workers)


def test_only_who_opens_every_case_gets_the_team(cast):
    for name in ("caseworker", "other_caseworker", "lawyer", "counsellor", "analyst"):
        user = cast.user(name)
        if user is not None:
            assert team_work(user=user) is None, name
    assert team_work(user=cast.supervisor) is not None
    assert team_work(user=cast.admin) is not None


def test_unassigned_and_high_risk_counts_open_their_lists(cast, client):
    before = team_work(user=cast.supervisor)
    CaseAssignment.objects.filter(case=cast.case).update(ended_at=timezone.now())
    Case.objects.filter(pk=cast.case.pk).update(risk_level="high")
    after = team_work(user=cast.supervisor)
    assert after.unassigned == before.unassigned + 1
    assert after.high_risk == before.high_risk + (cast.case.risk_level != "high")
    client.force_login(cast.supervisor)
    home = client.get(reverse("my_work")).content.decode()
    assert "Your team" in home
    assert f"{reverse('caseload')}?unassigned=on&amp;status=open" in home
    listed = client.get(reverse("caseload"), {"unassigned": "on", "status": "open"})
    assert cast.case.code in listed.content.decode()
    assert listed.context["page"].paginator.count == after.unassigned
    risky = client.get(reverse("caseload"), {"risk_level": "high", "status": "open"})
    assert risky.context["page"].paginator.count == after.high_risk
    # The API's caseload filters the same way.
    body = api_client(cast.supervisor).get("/api/v1/cases/", {"unassigned": "true"}).json()
    assert cast.case.code in [row["code"] for row in body["results"]]


def test_a_caseworkers_home_has_no_team_and_the_api_gives_the_same_counts(cast, client):
    restoration_records(cast)
    client.force_login(cast.caseworker)
    assert "Your team" not in client.get(reverse("my_work")).content.decode()
    team = team_work(user=cast.supervisor)
    body = api_client(cast.supervisor).get("/api/v1/team-work/").json()
    assert body["overdue"] == team.overdue and body["approvals"] == team.approvals
    assert {w["name"]: w["overdue"] for w in body["workers"]} == {
        w.user.full_name: w.overdue for w in team.workers
    }
    # Counts only: no survivor's pseudonym or case code in the answer.
    assert cast.case.code not in str(body)
    assert cast.case.survivor.pseudonym not in str(body)


def test_the_supervisors_home_runs_constant_queries(cast, client):
    restoration_records(cast)
    client.force_login(cast.supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("my_work")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for _ in range(3):
        intake_submit(actor=cast.caseworker, data=intake_input())
    assert count() == before


def test_my_work_groups_by_urgency(cast):
    from amparo.aftercare.selectors_work import my_work

    restoration_records(cast)
    work = my_work(user=cast.caseworker, today=days_ago(0))
    keys = [key for key, _label, _items in work.groups]
    assert keys == ["overdue", "today", "week", "later"]
    grouped = {key: items for key, _label, items in work.groups}
    assert sum(len(items) for items in grouped.values()) == len(work.items)
    assert all(i.overdue for i in grouped["overdue"])
    assert all(i.due_on == days_ago(0) for i in grouped["today"])


def test_flagged_cases_count_opens_their_list(cast, client):
    from amparo.cases.services import case_flag_raise, case_flag_resolve

    assert team_work(user=cast.supervisor).flagged == 0
    flag = case_flag_raise(actor=cast.caseworker, case=cast.case, kind="safety", note="Fictional.")
    assert team_work(user=cast.supervisor).flagged == 1
    client.force_login(cast.supervisor)
    home = client.get(reverse("my_work")).content.decode()
    assert f"{reverse('caseload')}?flagged=on&amp;status=open" in home
    listed = client.get(reverse("caseload"), {"flagged": "on", "status": "open"})
    assert [c.pk for c in listed.context["page"]] == [cast.case.pk]
    body = api_client(cast.supervisor).get("/api/v1/cases/", {"flagged": "true"}).json()
    assert [row["code"] for row in body["results"]] == [cast.case.code]
    assert api_client(cast.supervisor).get("/api/v1/team-work/").json()["flagged"] == 1
    case_flag_resolve(actor=cast.supervisor, case=cast.case, flag_id=flag.pk)
    assert team_work(user=cast.supervisor).flagged == 0


def _team_kinds_from_my_work(user, today):
    """(overdue, due) as the worker's My work lists them, in the kinds the team counts.

    My work lists every open task whatever its day and hearings from justice;
    the team counts tasks within the horizon and no hearings.
    """
    from amparo.aftercare.selectors_work import my_work

    horizon = today + datetime.timedelta(days=14)
    items = [
        i
        for i in my_work(user=user, today=today).items
        if i.kind in {"assessment", "follow_up", "care_plan_review", "task"} and i.due_on <= horizon
    ]
    return sum(i.overdue for i in items), sum(not i.overdue for i in items)


def _refugio_caseload(cast, *, opened_days_ago: list[int], worker) -> None:
    """Cases of the aftercare organisation, never assessed, opened that many days ago;
    the first left with the caseworker who ran the intake, the others moved to ``worker``."""
    for n, days in enumerate(opened_days_ago):
        case = intake_submit(actor=cast.partner_caseworker, data=intake_input())
        Case.objects.filter(pk=case.pk).update(opened_on=days_ago(days))
        if n:
            case_assign(actor=cast.partner_supervisor, case=case, user_id=worker.pk)
            CaseAssignment.objects.filter(case=case, user=cast.partner_caseworker).update(
                ended_at=timezone.now()
            )


def test_cases_never_assessed_count_their_initial_assessment_per_worker(cast):
    worker = MembershipFactory.create(
        organisation=cast.refugio, role="caseworker", user__full_name="Rita Refugio"
    ).user
    # Opened 30 and 3 days ago: overdue; today: due. Never assessed, so each
    # owes the initial assessment from the day it opened.
    _refugio_caseload(cast, opened_days_ago=[30, 3, 0, 0], worker=worker)
    today = days_ago(0)
    rows = {w.user: w for w in team_work(user=cast.partner_supervisor, today=today).workers}
    for person in (cast.partner_caseworker, worker):
        overdue, due = _team_kinds_from_my_work(person, today)
        assert (rows[person].overdue, rows[person].due) == (overdue, due), person.full_name
    assert (rows[cast.partner_caseworker].overdue, rows[worker].overdue) == (1, 1)
    assert rows[worker].due == 2
    # A legal-aid organisation owes no initial assessment: Lex's case counts none.
    lex_rows = {w.user: w for w in team_work(user=cast.supervisor, today=today).workers}
    assert (lex_rows[cast.caseworker].overdue, lex_rows[cast.caseworker].due) == (0, 0)


def test_initial_assessments_are_counted_in_constant_queries(cast):
    worker = MembershipFactory.create(organisation=cast.refugio, role="caseworker").user

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            team_work(user=cast.partner_supervisor)
        return len(ctx.captured_queries)

    _refugio_caseload(cast, opened_days_ago=[5, 1], worker=worker)
    before = count()
    _refugio_caseload(cast, opened_days_ago=[9, 2, 0], worker=worker)
    assert count() == before

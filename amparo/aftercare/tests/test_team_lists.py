"""The lists behind the supervisor's counts: the approvals waiting (approval tasks and
closure requests), and each worker's overdue and due items — the same on the page
and in the API, for who opens every case only, in a constant number of queries."""

import pytest
from django.urls import reverse

from amparo.aftercare.models import Task
from amparo.aftercare.selectors_team import ApprovalKind, When, team_approvals, team_items
from amparo.aftercare.selectors_work import APPROVAL_TASKS, team_work
from amparo.aftercare.tests.records import restoration_records
from amparo.cases.services import closure_request_create, intake_submit
from amparo.core.exceptions import Denied, NotFound
from amparo.testing.cast import EVERYONE, expect
from amparo.testing.factories import intake_input
from amparo.testing.matrix import covers

# Who opens every case of their own organisation: each sees their own team only.
SUPERVISORS = {"supervisor", "admin", "partner_supervisor", "third_supervisor"}


def _closure_request(cast):
    return closure_request_create(
        actor=cast.caseworker,
        case=cast.case,
        reason="relocated",
        justification="The family moved abroad (fictional).",
    )


def test_the_approvals_are_the_tasks_and_the_closure_requests_oldest_first(cast):
    restoration_records(cast)
    request = _closure_request(cast)
    approvals = team_approvals(user=cast.supervisor)
    tasks = Task.objects.filter(done_at__isnull=True, kind__in=APPROVAL_TASKS)
    assert [a.pk for a in approvals if a.kind == ApprovalKind.TASK] == sorted(
        tasks.values_list("pk", flat=True)
    )
    assert approvals[-1].kind == ApprovalKind.CLOSURE and approvals[-1].pk == request.pk
    assert approvals[-1].asked_by == cast.caseworker
    assert [a.asked_at for a in approvals] == sorted(a.asked_at for a in approvals)
    # The tile counts the closure request too.
    assert team_work(user=cast.supervisor).approvals == len(approvals) == tasks.count() + 1
    with pytest.raises(Denied):
        team_approvals(user=cast.caseworker)


def test_a_workers_list_holds_what_their_row_counts(cast):
    restoration_records(cast)
    team = team_work(user=cast.supervisor)
    row = next(w for w in team.workers if w.user == cast.caseworker)
    mine = team_items(user=cast.supervisor, worker_id=cast.caseworker.pk, when=When.OVERDUE)
    assert mine.worker == cast.caseworker
    assert {r.worker for r in mine.rows} == {cast.caseworker}
    assert all(r.item.overdue for r in mine.rows)
    # Lex runs no restoration, so no initial assessments: the list is the count.
    assert len(mine.rows) == row.overdue >= 1
    due = team_items(user=cast.supervisor, worker_id=cast.caseworker.pk, when=When.DUE)
    assert len(due.rows) == row.due
    everyone = team_items(user=cast.supervisor, when=When.OVERDUE)
    assert len(everyone.rows) == team.overdue
    # Only members of the supervisor's organisation are workers here.
    with pytest.raises(NotFound):
        team_items(user=cast.supervisor, worker_id=cast.partner_caseworker.pk)
    # Another organisation's supervisor sees none of Lex's work.
    assert team_items(user=cast.partner_supervisor).rows == []


def test_the_lists_run_constant_queries(cast, client, django_assert_max_num_queries):
    restoration_records(cast)
    _closure_request(cast)
    client.force_login(cast.supervisor)
    urls = [
        reverse("team_items") + "?when=overdue",
        reverse("team_items") + f"?worker={cast.caseworker.pk}",
        reverse("team_approvals"),
    ]
    with django_assert_max_num_queries(40) as small:
        for url in urls:
            assert client.get(url).status_code == 200
    for _ in range(3):
        case = intake_submit(actor=cast.caseworker, data=intake_input())
        closure_request_create(
            actor=cast.caseworker, case=case, reason="other", justification="Fictional reason."
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        for url in urls:
            assert client.get(url).status_code == 200


def test_the_counts_open_their_lists(cast, client):
    restoration_records(cast)
    request = _closure_request(cast)
    client.force_login(cast.supervisor)
    home = client.get(reverse("my_work")).content.decode()
    assert f'href="{reverse("team_approvals")}"' in home
    assert f'href="{reverse("team_items")}?when=overdue"' in home
    assert f'href="{reverse("team_items")}?worker={cast.caseworker.pk}"' in home
    approvals = client.get(reverse("team_approvals")).content.decode()
    assert reverse("closure_request_detail", args=[cast.case.pk, request.pk]) in approvals
    assert reverse("case_restoration", args=[cast.case.pk]) in approvals
    listed = client.get(reverse("team_items"), {"worker": cast.caseworker.pk, "when": "overdue"})
    assert listed.status_code == 200 and cast.case.code in listed.content.decode()
    assert "Alicia Caseworker" in listed.content.decode()
    assert client.get(reverse("team_items"), {"when": "soon"}).status_code == 400
    assert client.get(reverse("team_items"), {"worker": cast.third_caseworker.pk}).status_code == (
        404
    )


@pytest.mark.parametrize(
    "page", [pytest.param(p, marks=covers(p)) for p in ("team_items", "team_approvals")]
)
def test_the_team_pages_for_the_cast(cast, client, page):
    restoration_records(cast)
    _closure_request(cast)
    url = reverse(page)
    answers, shown = {}, set()
    for name in EVERYONE:
        user = cast.user(name)
        if user is None:
            continue
        client.force_login(user)
        response = client.get(url)
        answers[name] = response.status_code
        if cast.case.code in response.content.decode():
            shown.add(name)
    assert {n for n, code in answers.items() if code == 200} == SUPERVISORS
    assert set(answers.values()) - {200} == {403}
    assert shown == {"supervisor", "admin"}
    client.logout()
    assert client.get(url).status_code == 302


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-team-work-items GET", "api-team-work-approvals GET")
def test_the_team_api_for_the_cast(cast, name):
    restoration_records(cast)
    request = _closure_request(cast)
    client = cast.client(name)
    items = client.get("/api/v1/team-work/items/", {"when": "overdue"})
    approvals = client.get("/api/v1/team-work/approvals/")
    allowed = {n: 200 for n in SUPERVISORS}
    assert items.status_code == approvals.status_code == expect(name, allowed, default=403)
    if name in ("supervisor", "admin"):
        team = team_work(user=cast.supervisor)
        assert items.json()["count"] == team.overdue
        row = items.json()["results"][0]
        assert row["item"]["overdue"] and row["worker_name"]
        body = approvals.json()
        assert body["count"] == team.approvals
        assert {"kind": "closure", "closure_request": request.pk, "case": cast.case.pk}.items() <= (
            body["results"][-1].items()
        )
        assert cast.case.survivor.pseudonym not in str(body)
        one = client.get("/api/v1/team-work/items/", {"worker": cast.caseworker.pk})
        assert {r["worker"] for r in one.json()["results"]} == {cast.caseworker.pk}
        assert client.get("/api/v1/team-work/items/", {"when": "soon"}).status_code == 400
    elif items.status_code == 200:
        assert items.json()["count"] == 0 and approvals.json()["count"] == 0

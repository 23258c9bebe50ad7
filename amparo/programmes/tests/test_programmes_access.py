"""Every programme and goal page and API operation against the whole cast.

Lex's programme (Refugio a partner): Lex's supervisor, analyst and admin may
see and change it; Refugio's supervisor may see it, and changing it is 403;
everyone else (other roles, Tercera, no membership) gets 404, never a
confirmation that it exists. Signed out: the sign-in page, or 401.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import reverse

from amparo.programmes.models import Goal
from amparo.programmes.tests.records import ProgrammeRecords, programme_records
from amparo.testing.api import api_client
from amparo.testing.cast import SIGNED_IN
from amparo.testing.matrix import covers

CHANGE = {"supervisor", "analyst", "admin"}
SEE = CHANGE | {"partner_supervisor"}
MAY_CREATE = CHANGE | {"partner_supervisor", "third_supervisor"}


def read(name: str) -> int:
    return 200 if name in SEE else 404


def change(success: int) -> Callable[[str], int]:
    def expected(name: str) -> int:
        if name in CHANGE:
            return success
        return 403 if name in SEE else 404

    return expected


def create(success: int) -> Callable[[str], int]:
    return lambda name: success if name in MAY_CREATE else 403


def lists(name: str) -> int:
    return 200 if name in MAY_CREATE else 403


@pytest.fixture
def records(cast) -> ProgrammeRecords:
    found = programme_records(cast)
    found.goal = Goal.objects.create(
        programme=found.lex_programme,
        indicator="conviction_rate",
        title="Conviction rate reaches 30%",
        baseline_value=6,
        baseline_on=datetime.date(2024, 1, 1),
        target_value=30,
        target_on=datetime.date(2030, 12, 31),
        created_by=cast.analyst,
    )
    return found


PAGES: list[tuple[str, tuple[str, ...], Callable[[str], int]]] = [
    ("programme_new", (), create(200)),
    ("programme_detail", ("programme_id",), read),
    ("programme_edit", ("programme_id",), change(200)),
    ("programme_archive", ("programme_id",), change(200)),
    ("programme_areas", ("programme_id",), read),
    ("area_edit", ("programme_id", "area_id"), change(200)),
    ("goal_new", ("programme_id",), change(200)),
    ("goal_edit", ("programme_id", "goal_id"), change(200)),
    ("goal_archive", ("programme_id", "goal_id"), change(200)),
]


def _ids(records: ProgrammeRecords) -> dict[str, int]:
    return {
        "programme_id": records.lex_programme.pk,
        "area_id": records.guatemala.pk,
        "goal_id": records.goal.pk,
    }


@pytest.mark.parametrize("page", [pytest.param(p, id=p[0], marks=covers(p[0])) for p in PAGES])
def test_every_page_answers_each_cast_member_exactly(cast, client, records, page):
    name, kwargs, expected = page
    ids = _ids(records)
    url = reverse(name, kwargs={k: ids[k] for k in kwargs})
    for who, user in cast.everyone().items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected(who), who
        if response.status_code in (403, 404):
            assert "Justicia Segura" not in response.content.decode(), who
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_partner_posting_a_change_is_refused_and_nothing_changes(cast, client, records):
    programme = records.lex_programme
    client.force_login(cast.partner_supervisor)
    url = reverse("programme_archive", kwargs={"programme_id": programme.pk})
    assert client.post(url, {"confirm": "yes"}).status_code == 403
    client.force_login(cast.third_supervisor)
    assert client.post(url, {"confirm": "yes"}).status_code == 404
    programme.refresh_from_db()
    assert programme.archived_at is None


@dataclass(frozen=True)
class Endpoint:
    route: str
    method: str
    url: Callable[[ProgrammeRecords], str]
    expected: Callable[[str], int]
    body: Callable[[ProgrammeRecords], dict[str, Any]] | None = None


def prog(r: ProgrammeRecords) -> str:
    return f"/api/v1/programmes/{r.lex_programme.pk}/"


def goal(r: ProgrammeRecords) -> str:
    return f"/api/v1/goals/{r.goal.pk}/"


GOAL_BODY = {
    "indicator": "survivors_restored",
    "title": "Survivors restored",
    "baseline_value": "10",
    "baseline_on": "2024-01-01",
    "target_value": "100",
    "target_on": "2030-12-31",
    "milestones": [{"due_on": "2027-01-01", "value": "50"}],
}

ENDPOINTS: dict[str, Endpoint] = {
    "list": Endpoint("api-programmes", "get", lambda r: "/api/v1/programmes/", lists),
    "create": Endpoint(
        "api-programmes",
        "post",
        lambda r: "/api/v1/programmes/",
        create(201),
        lambda r: {
            "name": "API programme",
            "slug": "api-programme",
            "countries": ["GT"],
            "starts_on": "2025-01-01",
            "ends_on": "2029-12-31",
        },
    ),
    "detail": Endpoint("api-programme", "get", prog, read),
    "update": Endpoint(
        "api-programme",
        "patch",
        prog,
        change(200),
        lambda r: {"summary": "Changed", "version": r.lex_programme.version},
    ),
    "archive": Endpoint(
        "api-programme-archive", "post", lambda r: prog(r) + "archive/", change(200)
    ),
    "areas": Endpoint("api-programme-areas", "get", lambda r: prog(r) + "areas/", read),
    "add area": Endpoint(
        "api-programme-areas",
        "post",
        lambda r: prog(r) + "areas/",
        change(201),
        lambda r: {"country": "GT", "admin1": "Escuintla", "population": 800_000},
    ),
    "update area": Endpoint(
        "api-programme-area",
        "patch",
        lambda r: prog(r) + f"areas/{r.guatemala.pk}/",
        change(200),
        lambda r: {"population": 3_100_000},
    ),
    "goals": Endpoint("api-programme-goals", "get", lambda r: prog(r) + "goals/", read),
    "set goal": Endpoint(
        "api-programme-goals",
        "post",
        lambda r: prog(r) + "goals/",
        change(201),
        lambda r: GOAL_BODY,
    ),
    "goal": Endpoint("api-goal", "get", goal, read),
    "update goal": Endpoint(
        "api-goal",
        "patch",
        goal,
        change(200),
        lambda r: {"target_value": "35", "version": r.goal.version},
    ),
    "archive goal": Endpoint(
        "api-goal-archive", "post", lambda r: goal(r) + "archive/", change(200)
    ),
    "indicators": Endpoint("api-indicators", "get", lambda r: "/api/v1/indicators/", lists),
}

OPERATIONS = [
    pytest.param(op, marks=covers(f"{e.route} {e.method.upper()}")) for op, e in ENDPOINTS.items()
]


def _call(client, endpoint: Endpoint, records: ProgrammeRecords):
    body = endpoint.body(records) if endpoint.body else None
    return getattr(client, endpoint.method)(endpoint.url(records), body, format="json")


@pytest.mark.parametrize("who", SIGNED_IN)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_endpoint_answers_each_cast_member_exactly(cast, records, operation, who):
    endpoint = ENDPOINTS[operation]
    response = _call(api_client(getattr(cast, who)), endpoint, records)
    assert response.status_code == endpoint.expected(who), response.content
    if response.status_code in (403, 404):
        assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_endpoint_refuses_anonymous(records, operation):
    response = _call(api_client(), ENDPOINTS[operation], records)
    assert response.status_code == 401

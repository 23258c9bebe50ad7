"""Every restoration endpoint against the whole cast, and anonymous.

A case the user may not open is 404; a change the role may not make is 403;
an endpoint the role has no business with is 403; signed out is 401/403.
"""

import pytest

from amparo.aftercare.tests.records import restoration_records
from amparo.testing.api import api_client
from amparo.testing.cast import MAY_OPEN_CASE, MEMBERS
from amparo.testing.matrix import covers

HAS_CASELOAD = MEMBERS - {"analyst"}
AGGREGATES = {"supervisor", "analyst", "admin", "partner_supervisor", "third_supervisor"}

# Each list of a case's records, by path, and its route.
CASE_READS = {
    "placements/": "api-placements",
    "care-plans/": "api-care-plans",
    "services/": "api-services",
    "counselling-sessions/": "api-counselling-sessions",
    "assessments/": "api-assessments",
    "family-assessments/": "api-family-assessments",
    "reintegrations/": "api-reintegrations",
    "follow-ups/": "api-follow-ups",
}


def _expect_page(name: str, allowed: set[str]) -> int:
    return 200 if name in allowed else 403


@pytest.mark.parametrize(
    "path", [pytest.param(path, marks=covers(f"{r} GET")) for path, r in CASE_READS.items()]
)
def test_case_reads(cast, path):
    ids = restoration_records(cast).ids()
    url = f"/api/v1/cases/{ids['case']}/{path}"
    for name, user in cast.everyone().items():
        response = api_client(user).get(url)
        assert response.status_code == (200 if name in MAY_OPEN_CASE else 404), name
        assert response["Cache-Control"] == "private, no-store"
    assert api_client().get(url).status_code in (401, 403)


@pytest.mark.parametrize(
    "path,allowed",
    [
        pytest.param("/api/v1/my-work/", HAS_CASELOAD, marks=covers("api-my-work GET")),
        pytest.param("/api/v1/tasks/", HAS_CASELOAD, marks=covers("api-tasks GET")),
        pytest.param(
            "/api/v1/team-work/", AGGREGATES - {"analyst"}, marks=covers("api-team-work GET")
        ),
        pytest.param(
            "/api/v1/facilities/", HAS_CASELOAD | {"analyst"}, marks=covers("api-facilities GET")
        ),
        pytest.param(
            "/api/v1/indicators/restoration/",
            AGGREGATES,
            marks=covers("api-restoration-indicators GET"),
        ),
        pytest.param("/api/v1/instrument/", HAS_CASELOAD, marks=covers("api-instrument GET")),
    ],
)
def test_organisation_reads(cast, path, allowed):
    for name, user in cast.everyone().items():
        assert api_client(user).get(path).status_code == _expect_page(name, allowed), name
    assert api_client().get(path).status_code in (401, 403)


# Writes that must be refused: (path, body). Who may not open the case gets 404;
# who may open it but lacks the role gets 403. Allowed users are tested elsewhere.
WRITES = [
    ("placements/", {}, "edit", "api-placements"),
    ("placements/{placement}/end/", {}, "edit", "api-placement-end"),
    ("care-plans/", {}, "edit", "api-care-plans"),
    ("care-plans/{plan}/submit/", None, "edit", "api-care-plan-submit"),
    ("care-plans/{plan}/approve/", None, "assign", "api-care-plan-approve"),
    ("care-plans/{plan}/review/", {}, "edit", "api-care-plan-review"),
    ("services/", {}, "edit", "api-services"),
    ("counselling-sessions/", {}, "edit", "api-counselling-sessions"),
    ("assessments/", {}, "edit", "api-assessments"),
    ("family-assessments/", {}, "edit", "api-family-assessments"),
    ("family-assessments/{family}/approve/", None, "assign", "api-family-assessment-approve"),
    ("reintegrations/", {}, "edit", "api-reintegrations"),
    ("reintegrations/{reintegration}/decide/", {}, "assign", "api-reintegration-decide"),
    ("reintegrations/{reintegration}/complete/", {}, "edit", "api-reintegration-complete"),
    ("follow-ups/{follow_up}/", {}, "edit", "api-follow-up"),
]
MAY_EDIT = {"caseworker", "supervisor"}
MAY_DECIDE = {"supervisor", "admin"}


@pytest.mark.parametrize(
    "path,body,kind",
    [pytest.param(*w[:3], id=w[0], marks=covers(f"{w[3]} POST")) for w in WRITES],
)
def test_case_writes_are_refused_to_those_who_may_not(cast, path, body, kind):
    ids = restoration_records(cast).ids()
    url = f"/api/v1/cases/{ids['case']}/" + path.format(**ids)
    may = MAY_EDIT if kind == "edit" else MAY_DECIDE
    for name, user in cast.everyone().items():
        if name in may:
            continue
        response = api_client(user).post(url, body or {}, format="json")
        expected = 403 if name in MAY_OPEN_CASE else 404
        assert response.status_code == expected, (name, response.data)
    assert api_client().post(url, body or {}, format="json").status_code in (401, 403)


@covers("api-task-complete POST")
def test_tasks_are_only_the_assignees(cast):
    ids = restoration_records(cast).ids()
    url = f"/api/v1/tasks/{ids['task']}/complete/"
    for name, user in cast.everyone().items():
        if name != "supervisor":
            expected = 404 if name in HAS_CASELOAD else 403
            assert api_client(user).post(url).status_code == expected, name
    response = api_client(cast.supervisor).post(url)
    assert response.status_code == 200 and response.data["done_at"]


@covers("api-facilities POST")
def test_facility_create_is_for_supervisors_and_admins(cast):
    body = {"name": "Casa Nueva", "kind": "shelter", "admin1": "Petén", "capacity": 4}
    for name, user in cast.everyone().items():
        may = {"supervisor", "admin", "partner_supervisor", "third_supervisor"}
        expected = 201 if name in may else 403
        body["name"] = f"Casa {name}"
        assert api_client(user).post("/api/v1/facilities/", body, format="json").status_code == (
            expected
        ), name

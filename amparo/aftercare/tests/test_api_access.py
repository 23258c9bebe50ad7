"""Every restoration endpoint against the whole cast, and anonymous.

A case the user may not open is 404; a change the role may not make is 403;
an endpoint the role has no business with is 403; signed out is 401/403.
"""

import pytest

from amparo.aftercare.tests.records import restoration_records
from amparo.testing.api import api_client
from conftest import MAY_OPEN_CASE

HAS_CASELOAD = {
    "caseworker",
    "other_caseworker",
    "lawyer",
    "counsellor",
    "supervisor",
    "admin",
    "partner_supervisor",
    "partner_caseworker",
}
AGGREGATES = {"supervisor", "analyst", "admin", "partner_supervisor"}

CASE_READS = [
    "placements/",
    "care-plans/",
    "services/",
    "counselling-sessions/",
    "assessments/",
    "family-assessments/",
    "reintegrations/",
    "follow-ups/",
]


def _expect_page(name: str, allowed: set[str]) -> int:
    return 200 if name in allowed else 403


@pytest.mark.parametrize("path", CASE_READS)
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
        ("/api/v1/my-work/", HAS_CASELOAD),
        ("/api/v1/tasks/", HAS_CASELOAD),
        ("/api/v1/facilities/", HAS_CASELOAD | {"analyst"}),
        ("/api/v1/indicators/restoration/", AGGREGATES),
        ("/api/v1/instrument/", HAS_CASELOAD),
    ],
)
def test_organisation_reads(cast, path, allowed):
    for name, user in cast.everyone().items():
        assert api_client(user).get(path).status_code == _expect_page(name, allowed), name
    assert api_client().get(path).status_code in (401, 403)


# Writes that must be refused: (path, body). Who may not open the case gets 404;
# who may open it but lacks the role gets 403. Allowed users are tested elsewhere.
WRITES = [
    ("placements/", {}, "edit"),
    ("placements/{placement}/end/", {}, "edit"),
    ("care-plans/", {}, "edit"),
    ("care-plans/{plan}/submit/", None, "edit"),
    ("care-plans/{plan}/approve/", None, "assign"),
    ("care-plans/{plan}/review/", {}, "edit"),
    ("services/", {}, "edit"),
    ("counselling-sessions/", {}, "edit"),
    ("assessments/", {}, "edit"),
    ("family-assessments/", {}, "edit"),
    ("family-assessments/{family}/approve/", None, "assign"),
    ("reintegrations/", {}, "edit"),
    ("reintegrations/{reintegration}/decide/", {}, "assign"),
    ("reintegrations/{reintegration}/complete/", {}, "edit"),
    ("follow-ups/{follow_up}/", {}, "edit"),
]
MAY_EDIT = {"caseworker", "supervisor"}
MAY_DECIDE = {"supervisor", "admin"}


@pytest.mark.parametrize("path,body,kind", WRITES, ids=[w[0] for w in WRITES])
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


def test_tasks_are_only_the_assignees(cast):
    ids = restoration_records(cast).ids()
    url = f"/api/v1/tasks/{ids['task']}/complete/"
    for name, user in cast.everyone().items():
        if name != "supervisor":
            expected = 404 if name in HAS_CASELOAD else 403
            assert api_client(user).post(url).status_code == expected, name
    response = api_client(cast.supervisor).post(url)
    assert response.status_code == 200 and response.data["done_at"]


def test_facility_create_is_for_supervisors_and_admins(cast):
    body = {"name": "Casa Nueva", "kind": "shelter", "admin1": "Petén", "capacity": 4}
    for name, user in cast.everyone().items():
        expected = 201 if name in {"supervisor", "admin", "partner_supervisor"} else 403
        body["name"] = f"Casa {name}"
        assert api_client(user).post("/api/v1/facilities/", body, format="json").status_code == (
            expected
        ), name

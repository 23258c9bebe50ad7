"""Every API endpoint against every member of the standing cast, and anonymous.

Rules: a record the user may not open is 404 (never confirmed to exist); a
record they may open but not change is 403; lists and creates a role has no
business with are 403; signed out is 401.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from amparo.accounts.services import token_issue
from amparo.cases.services import rescue_operation_record
from amparo.testing.api import api_client, intake_payload
from amparo.testing.cast import MAY_OPEN_CASE, MEMBERS, SIGNED_IN, Cast
from amparo.testing.matrix import covers

HAS_CASELOAD = MEMBERS - {"analyst"}
SEARCHES_BY_NAME = HAS_CASELOAD - {"admin"}
RUNS_INTAKE = {
    "caseworker",
    "other_caseworker",
    "lawyer",
    "supervisor",
    "partner_supervisor",
    "partner_caseworker",
    "third_supervisor",
    "third_caseworker",
}
LEX_INTAKE = {"caseworker", "other_caseworker", "lawyer", "supervisor"}
MAY_EDIT_CASE = {"caseworker", "supervisor"}  # may open it and holds EDIT_CASE
assert MAY_EDIT_CASE <= MAY_OPEN_CASE


@dataclass
class World:
    cast: Cast
    operation_id: int
    incident_id: int
    consent_id: int
    token_ids: dict[str, int]

    @property
    def case(self) -> str:
        return f"/api/v1/cases/{self.cast.case.pk}/"


def read(name: str) -> int:
    return 200 if name in MAY_OPEN_CASE else 404


def write(success: int) -> Callable[[str], int]:
    def expected(name: str) -> int:
        if name in MAY_EDIT_CASE:
            return success
        return 403 if name in MAY_OPEN_CASE else 404

    return expected


def allowed(group: set[str], success: int, refused: int = 403) -> Callable[[str], int]:
    return lambda name: success if name in group else refused


def _today() -> str:
    return timezone.localdate().isoformat()


@dataclass(frozen=True)
class Endpoint:
    route: str  # its name in the route registry
    method: str
    url: Callable[[World], str]
    expected: Callable[[str], int]
    body: Callable[[World], dict[str, Any]] | None = None


ENDPOINTS: dict[str, Endpoint] = {
    "caseload": Endpoint(
        "api-cases", "get", lambda w: "/api/v1/cases/", allowed(HAS_CASELOAD, 200)
    ),
    "name search": Endpoint(
        "api-cases-search",
        "post",
        lambda w: "/api/v1/cases/search/",
        allowed(SEARCHES_BY_NAME, 200),
        lambda w: {"name": "Testa Ficticia"},
    ),
    "intake": Endpoint(
        "api-cases",
        "post",
        lambda w: "/api/v1/cases/",
        allowed(RUNS_INTAKE, 201),
        lambda w: intake_payload(),
    ),
    "case file": Endpoint("api-case", "get", lambda w: w.case, read),
    "case update": Endpoint(
        "api-case",
        "patch",
        lambda w: w.case,
        write(200),
        lambda w: {"risk_level": "high", "version": w.cast.case.version},
    ),
    "case close": Endpoint(
        "api-case-close",
        "post",
        lambda w: w.case + "close/",
        # Before the closure rule is met only a supervisor may close: the
        # caseworker is let in but refused by the service (a field error).
        lambda name: {"caseworker": 400}.get(name) or write(200)(name),
        lambda w: {
            "reason": "restored",
            "override_reason": "Survivor moved abroad with family",
            "version": w.cast.case.version,
        },
    ),
    "identity reveal": Endpoint(
        "api-identity-reveal",
        "post",
        lambda w: w.case + "identity/reveal/",
        write(200),
        lambda w: {"reason": "Preparing the court summons"},
    ),
    "survivor": Endpoint("api-survivor", "get", lambda w: w.case + "survivor/", read),
    "survivor update": Endpoint(
        "api-survivor",
        "patch",
        lambda w: w.case + "survivor/",
        write(200),
        lambda w: {"pseudonym": "Colibrí", "version": w.cast.case.survivor.version},
    ),
    "incidents": Endpoint("api-incidents", "get", lambda w: w.case + "incidents/", read),
    "incident record": Endpoint(
        "api-incidents",
        "post",
        lambda w: w.case + "incidents/",
        write(201),
        lambda w: {"occurred_on": _today(), "admin1": "Escuintla", "q_physical": True},
    ),
    "incident": Endpoint(
        "api-incident", "get", lambda w: w.case + f"incidents/{w.incident_id}/", read
    ),
    "incident update": Endpoint(
        "api-incident",
        "patch",
        lambda w: w.case + f"incidents/{w.incident_id}/",
        write(200),
        lambda w: {"admin1": "Sacatepéquez", "version": 1},
    ),
    "consents": Endpoint("api-consents", "get", lambda w: w.case + "consents/", read),
    "consent grant": Endpoint(
        "api-consents",
        "post",
        lambda w: w.case + "consents/",
        write(201),
        lambda w: {"scope": "reporting", "given_by": "survivor", "given_on": _today()},
    ),
    "consent withdraw": Endpoint(
        "api-consent-withdraw",
        "post",
        lambda w: w.case + f"consents/{w.consent_id}/withdraw/",
        write(200),
        lambda w: {"version": 1},
    ),
    "notes": Endpoint("api-notes", "get", lambda w: w.case + "notes/", read),
    "note add": Endpoint(
        "api-notes",
        "post",
        lambda w: w.case + "notes/",
        write(201),
        lambda w: {"body": "Called back."},
    ),
    "rescue operations": Endpoint(
        "api-rescue-operations",
        "get",
        lambda w: "/api/v1/rescue-operations/",
        allowed(RUNS_INTAKE, 200),
    ),
    "rescue operation record": Endpoint(
        "api-rescue-operations",
        "post",
        lambda w: "/api/v1/rescue-operations/",
        allowed(RUNS_INTAKE, 201),
        lambda w: {
            "name": "Operativo Prueba",
            "happened_on": _today(),
            "admin1": "Petén",
            "people_removed": 4,
        },
    ),
    "rescue operation": Endpoint(
        "api-rescue-operation",
        "get",
        lambda w: f"/api/v1/rescue-operations/{w.operation_id}/",
        allowed(LEX_INTAKE, 200, refused=404),
    ),
    "vocabularies": Endpoint(
        "api-vocabularies", "get", lambda w: "/api/v1/vocabularies/", allowed(MEMBERS, 200)
    ),
    "tokens": Endpoint("api-tokens", "get", lambda w: "/api/v1/tokens/", allowed(MEMBERS, 200)),
    "token issue": Endpoint(
        "api-tokens",
        "post",
        lambda w: "/api/v1/tokens/",
        allowed(MEMBERS, 201),
        lambda w: {"name": "laptop"},
    ),
}


# Each operation, claiming its route and method for the route-coverage test.
OPERATIONS = [
    pytest.param(op, marks=covers(f"{e.route} {e.method.upper()}")) for op, e in ENDPOINTS.items()
]


@pytest.fixture
def world(cast: Cast) -> World:
    operation = rescue_operation_record(
        actor=cast.caseworker,
        name="Operativo Lex",
        happened_on=timezone.localdate(),
        admin1="Escuintla",
        people_removed=3,
    )
    token_ids = {
        name: token_issue(user=user, name="matrix")[0].pk
        for name, user in cast.everyone().items()
        if name in MEMBERS
    }
    return World(
        cast=cast,
        operation_id=operation.pk,
        incident_id=cast.case.incidents.get().pk,
        consent_id=cast.case.survivor.consents.get().pk,
        token_ids=token_ids,
    )


def _call(client, endpoint: Endpoint, world: World):
    body = endpoint.body(world) if endpoint.body else None
    return getattr(client, endpoint.method)(endpoint.url(world), body, format="json")


@pytest.mark.parametrize("who", SIGNED_IN)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_endpoint_answers_each_cast_member_exactly(world, operation, who):
    endpoint = ENDPOINTS[operation]
    response = _call(api_client(getattr(world.cast, who)), endpoint, world)
    assert response.status_code == endpoint.expected(who), response.content
    assert response["Content-Type"].startswith("application/json")
    if response.status_code in (403, 404):
        assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_endpoint_refuses_anonymous(world, operation):
    response = _call(api_client(), ENDPOINTS[operation], world)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("who", SIGNED_IN)
@covers("api-token-revoke POST")
def test_token_revoke_answers_each_cast_member(world, who):
    # Members revoke their own token; the outsider tries the caseworker's.
    token_id = world.token_ids.get(who, world.token_ids["caseworker"])
    response = api_client(getattr(world.cast, who)).post(f"/api/v1/tokens/{token_id}/revoke/")
    assert response.status_code == (200 if who in MEMBERS else 403)


def test_token_revoke_refuses_anonymous(world):
    token_id = world.token_ids["caseworker"]
    assert api_client().post(f"/api/v1/tokens/{token_id}/revoke/").status_code == 401


def test_child_records_of_another_case_are_not_found(world):
    cast = world.cast
    client = api_client(cast.caseworker)
    other = client.post("/api/v1/cases/", intake_payload(), format="json").json()
    other_incident = f"/api/v1/cases/{other['id']}/incidents/{world.incident_id}/"
    assert client.get(other_incident).status_code == 404
    withdraw = f"/api/v1/cases/{other['id']}/consents/{world.consent_id}/withdraw/"
    assert client.post(withdraw, {"version": 1}, format="json").status_code == 404
    assert client.get(world.case + "incidents/999999999/").status_code == 404
    assert client.get("/api/v1/cases/999999999999999999999999/").status_code == 404

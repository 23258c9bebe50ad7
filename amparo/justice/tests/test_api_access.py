"""Every justice endpoint against every member of the standing cast, and anonymous.

A legal case the user may not see is 404; one they may see but not change is
403; lists and creates a role has no business with are 403; signed out is 401.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from amparo.justice.models import Court, Offence
from amparo.justice.tests.test_access import MAY_OPEN_LEGAL_CASE
from amparo.justice.tests.world import MAY_EDIT_LEGAL_CASE, LegalWorld, days_ago
from amparo.testing.api import api_client
from amparo.testing.cast import MEMBERS, SIGNED_IN
from amparo.testing.factories import MembershipFactory
from amparo.testing.matrix import covers

HAS_CASELOAD = MEMBERS - {"analyst"}
EDITS_CASES = HAS_CASELOAD - {"admin"}
AGGREGATES = {"supervisor", "analyst", "admin", "partner_supervisor", "third_supervisor"}
# Linking ``cast.case`` needs the case to be visible to the actor (not the lawyer's).
SEES_THE_CASE = {"caseworker", "supervisor"}


def read(name: str) -> int:
    return 200 if name in MAY_OPEN_LEGAL_CASE else 404


def write(success: int) -> Callable[[str], int]:
    def expected(name: str) -> int:
        if name in MAY_EDIT_LEGAL_CASE:
            return success
        return 403 if name in MAY_OPEN_LEGAL_CASE else 404

    return expected


def allowed(group: set[str], success: int) -> Callable[[str], int]:
    return lambda name: success if name in group else 403


def link_victim(name: str) -> int:
    if name in MAY_EDIT_LEGAL_CASE:
        return 200 if name in SEES_THE_CASE else 400
    return write(200)(name)


@dataclass(frozen=True)
class Endpoint:
    route: str  # its name in the route registry
    method: str
    url: Callable[[LegalWorld], str]
    expected: Callable[[str], int]
    body: Callable[[LegalWorld], dict[str, Any]] | None = None


def lc(w: LegalWorld) -> str:
    return f"/api/v1/legal-cases/{w.legal_case.pk}/"


ENDPOINTS: dict[str, Endpoint] = {
    "list": Endpoint(
        "api-legal-cases", "get", lambda w: "/api/v1/legal-cases/", allowed(HAS_CASELOAD, 200)
    ),
    "create": Endpoint(
        "api-legal-cases",
        "post",
        lambda w: "/api/v1/legal-cases/",
        allowed(EDITS_CASES, 201),
        lambda w: {
            "title": "API case",
            "court": Court.objects.first().pk,
            "offence_category": "trafficking",
        },
    ),
    "detail": Endpoint("api-legal-case", "get", lc, read),
    "close": Endpoint(
        "api-legal-case-close",
        "post",
        lambda w: lc(w) + "close/",
        write(200),
        lambda w: {"reason": "withdrawn", "version": w.legal_case.version},
    ),
    "link victim": Endpoint(
        "api-legal-victims",
        "post",
        lambda w: lc(w) + "victims/",
        link_victim,
        lambda w: {"case": w.case_id},
    ),
    "assign lawyer": Endpoint(
        "api-legal-lawyers",
        "post",
        lambda w: lc(w) + "lawyers/",
        write(201),
        lambda w: {"user": w.second_lawyer_id},
    ),
    "accused list": Endpoint("api-accused-list", "get", lambda w: lc(w) + "accused/", read),
    "accused add": Endpoint(
        "api-accused-list",
        "post",
        lambda w: lc(w) + "accused/",
        write(201),
        lambda w: {"pseudonym": "La Sombra"},
    ),
    "accused update": Endpoint(
        "api-accused",
        "patch",
        lambda w: lc(w) + f"accused/{w.accused.pk}/",
        write(200),
        lambda w: {"custody_status": "detained", "version": w.accused.version},
    ),
    "accused reveal": Endpoint(
        "api-accused-reveal",
        "post",
        lambda w: lc(w) + f"accused/{w.accused.pk}/identity/reveal/",
        write(200),
        lambda w: {"reason": "Checking the warrant"},
    ),
    "charge add": Endpoint(
        "api-charges",
        "post",
        lambda w: lc(w) + f"accused/{w.accused.pk}/charges/",
        write(201),
        lambda w: {"offence": w.new_offence_id},
    ),
    "verdict": Endpoint(
        "api-verdict",
        "post",
        lambda w: lc(w) + f"charges/{w.open_charge.pk}/verdict/",
        write(200),
        lambda w: {"verdict": "acquitted", "verdict_on": days_ago(10).isoformat()},
    ),
    "sentence": Endpoint(
        "api-sentence",
        "post",
        lambda w: lc(w) + f"charges/{w.convicted_charge.pk}/sentence/",
        write(200),
        lambda w: {"sentenced_on": days_ago(10).isoformat(), "custody_months": 120},
    ),
    "stages": Endpoint("api-stages", "get", lambda w: lc(w) + "stages/", read),
    "stage record": Endpoint(
        "api-stages",
        "post",
        lambda w: lc(w) + "stages/",
        write(201),
        lambda w: {"stage": "investigation", "occurred_on": days_ago(350).isoformat()},
    ),
    "stage correct": Endpoint(
        "api-stage-correct",
        "post",
        lambda w: lc(w) + f"stages/{w.trial_event.pk}/correct/",
        write(201),
        lambda w: {"occurred_on": days_ago(90).isoformat(), "reason": "Court record typo"},
    ),
    "hearings": Endpoint("api-hearings", "get", lambda w: lc(w) + "hearings/", read),
    "hearing schedule": Endpoint(
        "api-hearings",
        "post",
        lambda w: lc(w) + "hearings/",
        write(201),
        lambda w: {
            "scheduled_for": (timezone.now() + timezone.timedelta(days=3)).isoformat(),
            "kind": "trial",
        },
    ),
    "hearing outcome": Endpoint(
        "api-hearing-outcome",
        "post",
        lambda w: lc(w) + f"hearings/{w.past_hearing.pk}/outcome/",
        write(200),
        lambda w: {
            "outcome": "postponed",
            "postponement_reason": "judge",
            "version": w.past_hearing.version,
        },
    ),
    "hearing postpone": Endpoint(
        "api-hearing-postpone",
        "post",
        lambda w: lc(w) + f"hearings/{w.past_hearing.pk}/postpone/",
        write(201),
        lambda w: {
            "postponement_reason": "judge",
            "scheduled_for": (timezone.now() + timezone.timedelta(days=9)).isoformat(),
            "version": w.past_hearing.version,
        },
    ),
    "upcoming": Endpoint(
        "api-hearings-upcoming",
        "get",
        lambda w: "/api/v1/hearings/upcoming/",
        allowed(HAS_CASELOAD, 200),
    ),
    "awaiting outcome": Endpoint(
        "api-hearings-awaiting",
        "get",
        lambda w: "/api/v1/hearings/awaiting-outcome/",
        allowed(HAS_CASELOAD, 200),
    ),
    "indicators": Endpoint(
        "api-legal-indicators",
        "get",
        lambda w: "/api/v1/legal/indicators/",
        allowed(AGGREGATES, 200),
    ),
    "courts": Endpoint("api-courts", "get", lambda w: "/api/v1/courts/", allowed(MEMBERS, 200)),
    "offences": Endpoint(
        "api-offences", "get", lambda w: "/api/v1/offences/", allowed(MEMBERS, 200)
    ),
}


# Each operation, claiming its route and method for the route-coverage test.
OPERATIONS = [
    pytest.param(op, marks=covers(f"{e.route} {e.method.upper()}")) for op, e in ENDPOINTS.items()
]


@pytest.fixture
def api_world(cast, world):
    world.case_id = cast.case.pk
    world.second_lawyer_id = MembershipFactory(organisation=cast.lex, role="lawyer").user.pk
    used = {world.open_charge.offence_id, world.convicted_charge.offence_id}
    world.new_offence_id = Offence.objects.filter(country="GT").exclude(pk__in=used).first().pk
    return world


def _call(client, endpoint: Endpoint, world: LegalWorld):
    body = endpoint.body(world) if endpoint.body else None
    return getattr(client, endpoint.method)(endpoint.url(world), body, format="json")


@pytest.mark.parametrize("who", SIGNED_IN)
@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_endpoint_answers_each_cast_member_exactly(cast, api_world, operation, who):
    endpoint = ENDPOINTS[operation]
    response = _call(api_client(getattr(cast, who)), endpoint, api_world)
    assert response.status_code == endpoint.expected(who), response.content
    assert response["Content-Type"].startswith("application/json")
    if response.status_code in (403, 404):
        assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_endpoint_refuses_anonymous(api_world, operation):
    response = _call(api_client(), ENDPOINTS[operation], api_world)
    assert response.status_code == 401

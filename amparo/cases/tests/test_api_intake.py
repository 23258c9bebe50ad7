"""Intake through the API: end to end, and every kind of bad input refused per
field with nothing written."""

import datetime
import json

import pytest
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, RescueOperation
from amparo.cases.services import rescue_operation_record
from amparo.people.models import Survivor, SurvivorIdentity
from amparo.testing.api import api_client, intake_payload

TODAY = timezone.localdate()
TOMORROW = (TODAY + datetime.timedelta(days=1)).isoformat()
YESTERDAY = (TODAY - datetime.timedelta(days=1)).isoformat()


def _counts() -> tuple[int, int, int]:
    return Case.objects.count(), Survivor.objects.count(), AuditEvent.objects.count()


def test_intake_end_to_end(cast):
    client = api_client(cast.caseworker)
    response = client.post("/api/v1/cases/", intake_payload(), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"].startswith("LEX-")
    assert body["risk_level"] == "high"
    assert body["survivor"] == {
        "id": body["survivor"]["id"],
        "pseudonym": "Golondrina",
        "sex": "female",
        "age_band": "12-17",
    }
    assert response["ETag"] == '"1"'
    # The identity is stored, encrypted, and never echoed back.
    assert "Ficticia" not in response.content.decode()
    identity = SurvivorIdentity.objects.get(survivor_id=body["survivor"]["id"])
    assert identity.given_names == "Ficticia Prueba"
    case = Case.objects.get(pk=body["id"])
    assert case.assignments.get().user == cast.caseworker
    trail = AuditEvent.objects.filter(survivor_id=case.survivor_id)
    assert set(trail.values_list("code", flat=True)) >= {
        Code.CASE_OPENED,
        Code.SURVIVOR_REGISTERED,
        Code.INCIDENT_RECORDED,
        Code.CONSENT_GRANTED,
        Code.CASE_ASSIGNED,
        Code.NOTE_ADDED,
    }
    file = client.get(f"/api/v1/cases/{case.pk}/").json()
    assert file["incidents"][0]["gbv_type"] == "sexual_assault"
    assert "csa" in file["incidents"][0]["contexts"]
    assert file["recent_notes"][0]["body"] == "First contact at the office; fictional."
    assert file["survivor"]["languages"] == ["es", "quc"]


def test_intake_without_identity_or_consents(cast):
    payload = intake_payload()
    del payload["identity"], payload["consents"], payload["first_note"]
    response = api_client(cast.caseworker).post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 201, response.content


def test_intake_from_a_rescue_operation(cast):
    operation = rescue_operation_record(
        actor=cast.caseworker,
        name="Operativo",
        happened_on=TODAY,
        admin1="Izabal",
        people_removed=5,
    )
    payload = intake_payload(origin="rescue", rescue_operation=operation.pk)
    response = api_client(cast.caseworker).post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 201
    assert Case.objects.get(pk=response.json()["id"]).rescue_operation == operation


def _with(path: str, value: object) -> dict:
    payload = intake_payload()
    *parents, leaf = path.split(".")
    target = payload
    for key in parents:
        target = target[int(key)] if isinstance(target, list) else target[key]
    target[leaf] = value
    return payload


BAD_INTAKES = {
    "unknown origin": (_with("origin", "teleport"), "origin"),
    "unknown sex": (_with("survivor.sex", "robot"), "survivor.sex"),
    "unknown language": (_with("survivor.languages", ["es", "klingon"]), "survivor.languages"),
    "unknown control": (
        _with("incident.means_of_control", ["mind_control"]),
        "incident.means_of_control",
    ),
    "unknown consent scope": (_with("consents.0.scope", "everything"), "consents.0.scope"),
    "future opening": (_with("opened_on", TOMORROW), "opened_on"),
    "future incident": (_with("incident.occurred_on", TOMORROW), "incident.occurred_on"),
    "future birth": (_with("identity.date_of_birth", TOMORROW), "identity.date_of_birth"),
    "malformed date": (_with("opened_on", "21/11/2025"), "opened_on"),
    "birth year as text": (_with("survivor.birth_year", "fifteen"), "survivor.birth_year"),
    "implausible birth year": (_with("survivor.birth_year", 1700), "survivor.birth_year"),
    "count as text": (_with("incident.perpetrator_count", "many"), "incident.perpetrator_count"),
    "too many perpetrators": (
        _with("incident.perpetrator_count", 10**9),
        "incident.perpetrator_count",
    ),
    "flag as text": (_with("incident.q_physical", "perhaps"), "incident.q_physical"),
    "incident not an object": (_with("incident", "it happened"), "incident"),
    "consents not a list": (_with("consents", {"scope": "services"}), "consents"),
    "survivor missing": (
        {k: v for k, v in intake_payload().items() if k != "survivor"},
        "survivor",
    ),
    "blank pseudonym": (_with("survivor.pseudonym", "  "), "survivor.pseudonym"),
    "pseudonym too long": (_with("survivor.pseudonym", "x" * 81), "survivor.pseudonym"),
    "expired consent": (
        _with("consents.0.valid_until", YESTERDAY),
        "consents.0.valid_until",
    ),
    "rescue without operation": (_with("origin", "rescue"), "rescue_operation"),
    "unknown operation": (_with("rescue_operation", 999_999), "rescue_operation"),
    "huge operation id": (_with("rescue_operation", 10**30), "rescue_operation"),
    "note too long": (_with("first_note", "x" * 20_001), "first_note"),
}


@pytest.mark.parametrize("name", BAD_INTAKES)
def test_bad_intake_is_refused_per_field_and_writes_nothing(cast, name):
    payload, field = BAD_INTAKES[name]
    before = _counts()
    response = api_client(cast.caseworker).post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors, errors
    assert all(isinstance(m, str) for messages in errors.values() for m in messages)
    assert _counts() == before


def test_several_problems_are_reported_together(cast):
    payload = intake_payload(origin="teleport", opened_on=TOMORROW)
    payload["incident"]["occurred_on"] = TOMORROW
    errors = api_client(cast.caseworker).post("/api/v1/cases/", payload, format="json").json()
    assert {"origin", "opened_on", "incident.occurred_on"} <= set(errors)


def test_existing_case_code_is_refused(cast):
    before = _counts()
    payload = intake_payload(case_code=cast.case.code.lower())
    response = api_client(cast.caseworker).post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 400
    assert "already exists" in response.json()["case_code"][0]
    assert _counts() == before


def test_another_organisations_rescue_operation_is_refused(cast):
    theirs = rescue_operation_record(
        actor=cast.partner_caseworker,
        name="Theirs",
        happened_on=TODAY,
        admin1="Izabal",
        people_removed=1,
    )
    before = _counts()
    payload = intake_payload(origin="rescue", rescue_operation=theirs.pk)
    response = api_client(cast.caseworker).post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 400
    assert "rescue_operation" in response.json()
    assert _counts() == before
    assert RescueOperation.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "content_type", "status"),
    [
        ("{not json", "application/json", 400),
        ("[1, 2, 3]", "application/json", 400),
        ('"just a string"', "application/json", 400),
        ("", "application/json", 400),
        ("origin=report", "application/x-www-form-urlencoded", 415),
        (json.dumps({"first_note": "x" * 300_000}), "application/json", 413),
    ],
)
def test_malformed_and_oversized_bodies_get_a_clean_json_error(cast, content, content_type, status):
    before = _counts()
    response = api_client(cast.caseworker).post(
        "/api/v1/cases/", content, content_type=content_type
    )
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()
    assert _counts() == before

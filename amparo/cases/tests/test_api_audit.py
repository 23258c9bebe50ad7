"""The API leaves the same audit trail as the services: every read of a file,
every reveal with its reason, every write with its code."""

import pytest
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.testing.api import api_client

CASE_READS = ["", "survivor/", "incidents/", "incidents/{incident}/", "consents/", "notes/"]


def _url(cast, suffix: str = "") -> str:
    incident = cast.case.incidents.get().pk
    return f"/api/v1/cases/{cast.case.pk}/" + suffix.format(incident=incident)


@pytest.mark.parametrize("suffix", CASE_READS)
def test_every_case_read_is_logged_once(cast, suffix):
    before = AuditEvent.objects.count()
    response = api_client(cast.supervisor).get(_url(cast, suffix))
    assert response.status_code == 200
    new = AuditEvent.objects.order_by("id")[before:]
    assert [(e.code, e.actor, e.case) for e in new] == [
        (Code.CASE_VIEWED, cast.supervisor, cast.case)
    ]


@pytest.mark.parametrize("suffix", CASE_READS)
def test_a_refused_read_writes_nothing(cast, suffix):
    before = AuditEvent.objects.count()
    assert api_client(cast.other_caseworker).get(_url(cast, suffix)).status_code == 404
    assert AuditEvent.objects.count() == before


def test_reveal_is_logged_with_its_reason_and_not_cached(cast):
    response = api_client(cast.caseworker).post(
        _url(cast, "identity/reveal/"),
        {"reason": "Preparing the court summons"},
        format="json",
        HTTP_USER_AGENT="AmparoTest/1.0",
    )
    assert response.status_code == 200
    assert response.json()["given_names"] == "Testa Ficticia"
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.latest("id")
    assert (event.code, event.actor, event.case) == (
        Code.IDENTITY_REVEALED,
        cast.caseworker,
        cast.case,
    )
    assert event.reason == "Preparing the court summons"
    assert event.user_agent == "AmparoTest/1.0"


@pytest.mark.parametrize("body", [{}, {"reason": ""}, {"reason": "   "}, {"reason": "why"}])
def test_reveal_without_a_reason_reveals_and_writes_nothing(cast, body):
    before = AuditEvent.objects.count()
    response = api_client(cast.caseworker).post(_url(cast, "identity/reveal/"), body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"reason"}
    assert "Testa" not in response.content.decode()
    assert AuditEvent.objects.count() == before


def test_a_role_that_may_not_reveal_writes_nothing(cast):
    before = AuditEvent.objects.count()
    response = api_client(cast.admin).post(
        _url(cast, "identity/reveal/"), {"reason": "Curiosity, not allowed"}, format="json"
    )
    assert response.status_code == 403
    assert AuditEvent.objects.count() == before


def _writes(cast):
    today = timezone.localdate().isoformat()
    consent = cast.case.survivor.consents.get().pk
    incident = cast.case.incidents.get().pk
    return [
        ("patch", "", {"risk_level": "low", "version": 1}, Code.CASE_UPDATED),
        (
            "post",
            "close/",
            {"reason": "restored", "override_reason": "Moved abroad", "version": 1},
            # Closed before the closure rule is met: the override is what is recorded.
            Code.CASE_CLOSURE_OVERRIDDEN,
        ),
        ("patch", "survivor/", {"pseudonym": "Colibrí", "version": 1}, Code.SURVIVOR_UPDATED),
        (
            "post",
            "incidents/",
            {"occurred_on": today, "admin1": "Escuintla"},
            Code.INCIDENT_RECORDED,
        ),
        (
            "patch",
            f"incidents/{incident}/",
            {"admin1": "Sololá", "version": 1},
            Code.INCIDENT_UPDATED,
        ),
        (
            "post",
            "consents/",
            {"scope": "reporting", "given_by": "survivor", "given_on": today},
            Code.CONSENT_GRANTED,
        ),
        ("post", f"consents/{consent}/withdraw/", {"version": 1}, Code.CONSENT_WITHDRAWN),
        ("post", "notes/", {"body": "Called back."}, Code.NOTE_ADDED),
    ]


@pytest.mark.parametrize("index", range(8))
def test_api_writes_leave_the_services_audit_codes(cast, index):
    method, suffix, body, code = _writes(cast)[index]
    before = AuditEvent.objects.count()
    client = api_client(cast.supervisor)
    response = getattr(client, method)(_url(cast, suffix), body, format="json")
    assert response.status_code in (200, 201), response.content
    new = list(AuditEvent.objects.order_by("id")[before:])
    assert code in {e.code for e in new}
    assert {(e.actor, e.case) for e in new} == {(cast.supervisor, cast.case)}
    # The write's own events only: a write is not also logged as a read.
    assert Code.CASE_VIEWED not in {e.code for e in new}


def test_rescue_operation_and_intake_are_audited(cast):
    client = api_client(cast.caseworker)
    response = client.post(
        "/api/v1/rescue-operations/",
        {
            "name": "Operativo",
            "happened_on": timezone.localdate().isoformat(),
            "admin1": "Izabal",
            "people_removed": 2,
        },
        format="json",
    )
    assert response.status_code == 201
    assert AuditEvent.objects.latest("id").code == Code.RESCUE_RECORDED

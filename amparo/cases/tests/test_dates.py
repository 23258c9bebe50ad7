"""Impossible case dates through the API (400, JSON field errors) and the pages (422)."""

import datetime

from django.urls import reverse
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, Incident
from amparo.people.models import Survivor
from amparo.testing.api import api_client, intake_payload

TODAY = timezone.localdate()


def _counts() -> tuple[int, int, int, int]:
    return (
        Case.objects.count(),
        Survivor.objects.count(),
        Incident.objects.count(),
        AuditEvent.objects.count(),
    )


def test_api_intake_refuses_an_incident_in_year_1_and_before_birth(cast):
    before = _counts()
    payload = intake_payload()
    payload["incident"]["occurred_on"] = "0001-01-01"
    payload["consents"][0]["given_on"] = datetime.date(TODAY.year - 17, 1, 1).isoformat()
    response = api_client(cast.caseworker).post("/api/v1/cases/", payload, format="json")
    assert response.status_code == 400, response.content
    assert response.json() == {
        "incident.occurred_on": ["Give a date from 1900 onwards."],
        "consents.0.given_on": ["This date is before the survivor was born."],
    }
    assert _counts() == before


def test_api_incident_in_9999_is_a_field_error(cast):
    before = _counts()
    response = api_client(cast.caseworker).post(
        f"/api/v1/cases/{cast.case.pk}/incidents/",
        {"occurred_on": "9999-12-31", "admin1": "Escuintla"},
        format="json",
    )
    assert response.status_code == 400, response.content
    assert response.json() == {"occurred_on": ["This date is in the future."]}
    assert _counts() == before


def test_incident_page_refuses_year_1_and_shows_why(cast, client):
    client.force_login(cast.caseworker)
    incident = cast.case.incidents.get()
    response = client.post(
        reverse("incident_edit", kwargs={"pk": cast.case.pk, "incident_id": incident.pk}),
        {
            "version": incident.version,
            "occurred_on": "0001-01-01",
            "admin1": "Petén",
            "perpetrator_count": 1,
            "perpetrator_sex": "male",
            "perpetrator_age_band": "26-40",
            "perpetrator_relation": "recruiter",
        },
    )
    assert response.status_code == 422
    assert response.context["form"]["occurred_on"].errors == ["Give a date from 1900 onwards."]
    assert "Give a date from 1900 onwards." in response.content.decode()
    incident.refresh_from_db()
    assert incident.admin1 == "Escuintla"
    assert not AuditEvent.objects.filter(code="incident.updated").exists()

"""Recording consents, changing incidents and the identity from the case file."""

import datetime

from django.urls import reverse
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.services import incident_update, intake_submit
from amparo.people.models import ConsentGrant, SurvivorIdentity
from amparo.people.services import identity_update
from amparo.testing.factories import intake_input

TODAY = timezone.localdate()
YESTERDAY = TODAY - datetime.timedelta(days=1)


def url(name: str, case: Case, **kwargs: int) -> str:
    return reverse(name, kwargs={"pk": case.pk, **kwargs})


def codes(code: str) -> int:
    return AuditEvent.objects.filter(code=code).count()


def test_case_file_links_to_the_new_pages(cast, client):
    client.force_login(cast.caseworker)
    body = client.get(url("case_file", cast.case)).content.decode()
    incident = cast.case.incidents.get()
    assert url("consent_add", cast.case) in body
    assert url("incident_edit", cast.case, incident_id=incident.pk) in body
    assert url("identity_edit", cast.case) in body


# Consent


def test_consent_page_records_a_consent(cast, client):
    client.force_login(cast.caseworker)
    page = client.get(url("consent_add", cast.case)).content.decode()
    # Only other organisations may be named as recipients.
    assert "Refugio Test Aftercare" in page and "Lex Test Legal Aid" not in page
    data = {"scope": "tracing", "given_by": "survivor", "given_on": TODAY.isoformat()}
    response = client.post(url("consent_add", cast.case), data)
    assert response.status_code == 302
    grant = ConsentGrant.objects.get(scope="tracing")
    assert (grant.survivor_id, grant.recorded_by) == (cast.case.survivor_id, cast.caseworker)
    event = AuditEvent.objects.get(code="consent.granted", object_id=str(grant.pk))
    assert (event.actor, event.case) == (cast.caseworker, cast.case)


def test_expired_consent_is_a_field_error_and_writes_nothing(cast, client):
    client.force_login(cast.caseworker)
    before = (ConsentGrant.objects.count(), codes("consent.granted"))
    data = {
        "scope": "tracing",
        "given_by": "survivor",
        "given_on": (TODAY - datetime.timedelta(days=9)).isoformat(),
        "valid_until": YESTERDAY.isoformat(),
    }
    response = client.post(url("consent_add", cast.case), data)
    assert response.status_code == 422
    field = response.context["form"]["valid_until"]
    assert field.errors == ["This consent has already expired: its end date is in the past."]
    assert (ConsentGrant.objects.count(), codes("consent.granted")) == before


def test_consent_to_share_names_an_organisation_and_is_confirmed(cast, client):
    client.force_login(cast.caseworker)
    add = url("consent_add", cast.case)
    data = {"scope": "share", "given_by": "survivor", "given_on": TODAY.isoformat()}
    response = client.post(add, data)
    assert response.status_code == 422
    assert response.context["form"]["recipient"].errors
    # Naming one's own organisation is not a choice.
    response = client.post(add, {**data, "recipient": cast.lex.pk})
    assert response.status_code == 422 and response.context["form"]["recipient"].errors

    data["recipient"] = cast.refugio.pk
    # A consent to share names the parts of the file it covers.
    response = client.post(add, data)
    assert response.status_code == 422 and response.context["form"]["sections"].errors

    data["sections"] = ["incidents", "care_plan"]
    confirm = client.post(add, data)
    body = confirm.content.decode()
    assert "Yes, record the consent" in body and "Intake summary and incidents" in body
    assert not ConsentGrant.objects.filter(scope="share").exists()
    response = client.post(add, {**data, "confirmed": "yes"})
    assert response.status_code == 302
    grant = ConsentGrant.objects.get(scope="share")
    assert grant.recipient == cast.refugio and grant.sections == ["care_plan", "incidents"]
    assert "Care plan and services" in client.get(url("case_file", cast.case)).content.decode()


# Incident


def incident_data(**overrides: object) -> dict[str, object]:
    data = {
        "occurred_on": (TODAY - datetime.timedelta(days=20)).isoformat(),
        "admin1": "Petén",
        "admin2": "Flores",
        "q_penetration": "no",
        "q_physical": "yes",
        "perpetrator_count": 2,
        "perpetrator_sex": "male",
        "perpetrator_age_band": "26-40",
        "perpetrator_relation": "recruiter",
        "description": "Changed fictional description.",
    }
    data.update(overrides)
    return data


def test_incident_edit_page_is_prefilled_and_saves(cast, client):
    client.force_login(cast.caseworker)
    incident = cast.case.incidents.get()
    edit = url("incident_edit", cast.case, incident_id=incident.pk)
    form = client.get(edit).context["form"]
    assert form["admin1"].value() == "Escuintla"
    assert form["q_penetration"].value() == "yes"
    assert form["version"].value() == incident.version
    # Derived contexts are not offered: the service derives them again.
    assert form["contexts"].value() == ["trafficking"]

    response = client.post(edit, incident_data(version=incident.version))
    assert response.status_code == 302
    incident.refresh_from_db()
    assert (incident.admin1, incident.gbv_type, incident.perpetrator_count) == (
        "Petén",
        "physical_assault",
        2,
    )
    assert incident.description == "Changed fictional description."
    event = AuditEvent.objects.get(code="incident.updated")
    assert (event.actor, event.case) == (cast.caseworker, cast.case)
    assert "admin1" in event.changed_fields


def test_incident_in_the_future_is_a_field_error_and_writes_nothing(cast, client):
    client.force_login(cast.caseworker)
    incident = cast.case.incidents.get()
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        url("incident_edit", cast.case, incident_id=incident.pk),
        incident_data(version=incident.version, occurred_on=tomorrow),
    )
    assert response.status_code == 422
    assert response.context["form"]["occurred_on"].errors == ["This date is in the future."]
    before_version = incident.version
    incident.refresh_from_db()
    assert (incident.admin1, incident.version) == ("Escuintla", before_version)
    assert codes("incident.updated") == 0


def test_stale_incident_edit_is_refused(cast, client):
    client.force_login(cast.caseworker)
    incident = cast.case.incidents.get()
    stale = incident.version
    changed = intake_input().incident
    changed.admin2 = "Otro Municipio"
    incident_update(actor=cast.supervisor, incident=incident, expected_version=stale, data=changed)
    response = client.post(
        url("incident_edit", cast.case, incident_id=incident.pk),
        incident_data(version=stale),
    )
    assert response.status_code == 422
    assert "Someone else changed this record" in response.content.decode()
    incident.refresh_from_db()
    assert (incident.admin1, incident.admin2) == ("Escuintla", "Otro Municipio")
    assert codes("incident.updated") == 1


def test_incident_of_another_case_is_not_found(cast, client):
    other_case = intake_submit(actor=cast.caseworker, data=intake_input())
    other_incident = other_case.incidents.get()
    client.force_login(cast.caseworker)
    edit = url("incident_edit", cast.case, incident_id=other_incident.pk)
    assert client.get(edit).status_code == 404
    assert client.post(edit, incident_data(version=1)).status_code == 404


# Identity


def identity_data(version: int, **overrides: object) -> dict[str, object]:
    data = {
        "version": version,
        "given_names": "Testa Cambiada",
        "family_names": "Ejemplo Prueba",
        "date_of_birth": datetime.date(TODAY.year - 15, 3, 14).isoformat(),
        "phone": "+502 5555 0101",
        "national_id": "TEST-0000-0001",
        "address": "Calle Ficticia 2, Zona 0",
        "narrative": "Fictional narrative for tests.",
    }
    data.update(overrides)
    return data


def test_identity_edit_reveals_for_a_reason_then_saves(cast, client):
    client.force_login(cast.caseworker)
    edit = url("identity_edit", cast.case)
    page = client.get(edit).content.decode()
    assert "Why do you need to see the identity?" in page and "Testa" not in page
    for reason in ("", "abc"):
        response = client.post(edit, {"reason": reason})
        assert response.status_code == 422
        assert "Testa" not in response.content.decode()
    assert codes("identity.revealed") == 0

    response = client.post(edit, {"reason": "Survivor gave a new phone number"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="Testa Ficticia"' in body and 'value="TEST-0000-0001"' in body
    assert "no-store" in response["Cache-Control"]
    survivor = cast.case.survivor
    assert response.context["form"]["version"].value() == survivor.version
    revealed = AuditEvent.objects.get(code="identity.revealed")
    assert revealed.reason == "Survivor gave a new phone number"
    # Identity stays in the page: never in the URL or the session.
    assert "Testa" not in str(dict(client.session))

    response = client.post(edit, identity_data(survivor.version))
    assert response.status_code == 302
    assert response["Location"] == url("case_file", cast.case)
    assert "Testa" not in str(dict(client.session))
    identity = SurvivorIdentity.objects.get(survivor=survivor)
    assert (identity.given_names, identity.phone) == ("Testa Cambiada", "+502 5555 0101")
    updated = AuditEvent.objects.get(code="identity.updated")
    assert updated.actor == cast.caseworker and updated.pk > revealed.pk
    assert set(updated.changed_fields) == {"given_names", "phone", "address"}
    survivor_version = survivor.version
    survivor.refresh_from_db()
    assert survivor.version == survivor_version + 1


def test_identity_edit_with_a_bad_date_is_a_field_error_and_writes_nothing(cast, client):
    client.force_login(cast.caseworker)
    survivor = cast.case.survivor
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(
        url("identity_edit", cast.case), identity_data(survivor.version, date_of_birth=tomorrow)
    )
    assert response.status_code == 422
    assert response.context["form"]["date_of_birth"].errors == ["This date is in the future."]
    assert SurvivorIdentity.objects.get(survivor=survivor).given_names == "Testa Ficticia"
    assert codes("identity.updated") == 0


def test_stale_identity_edit_is_refused(cast, client):
    client.force_login(cast.caseworker)
    survivor = cast.case.survivor
    stale = survivor.version
    newer = intake_input().identity
    newer.phone = "+502 5555 0177"
    identity_update(actor=cast.supervisor, case=cast.case, expected_version=stale, data=newer)
    response = client.post(url("identity_edit", cast.case), identity_data(stale))
    assert response.status_code == 422
    assert "Someone else changed this record" in response.content.decode()
    identity = SurvivorIdentity.objects.get(survivor=survivor)
    assert (identity.given_names, identity.phone) == ("Testa Ficticia", "+502 5555 0177")
    assert codes("identity.updated") == 1

"""The caseload, the case file, vocabularies and the OpenAPI document."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit, note_add
from amparo.testing.api import api_client
from amparo.testing.factories import intake_input

IDENTITY_WORDS = ("Testa", "Ficticia", "Ejemplo", "5555", "TEST-0000", "Calle")


def test_caseload_shows_pseudonyms_never_identities(cast):
    response = api_client(cast.caseworker).get("/api/v1/cases/")
    assert response.status_code == 200
    (entry,) = response.json()["results"]
    assert set(entry) == {"id", "code", "status", "risk_level", "opened_on", "survivor", "version"}
    assert set(entry["survivor"]) == {"id", "pseudonym", "sex", "age_band"}
    assert not any(word in response.content.decode() for word in IDENTITY_WORDS)


def test_caseload_filters(cast):
    client = api_client(cast.supervisor)
    code = cast.case.code

    def codes(**params: str) -> list[str]:
        response = client.get("/api/v1/cases/", params)
        assert response.status_code == 200, response.content
        return [c["code"] for c in response.json()["results"]]

    assert codes(q=code[:6]) == [code]
    assert codes(q="mariposa") == [code]
    assert codes(q="Testa") == []  # plaintext names never match outside the blind index
    assert codes(status="active", risk_level="medium") == [code]
    assert codes(status="closed") == []
    assert codes(mine="true") == []  # the supervisor is not assigned
    assert api_client(cast.caseworker).get("/api/v1/cases/", {"mine": "true"}).json()["count"] == 1
    found = client.post("/api/v1/cases/search/", {"name": "testa ficticia"}, format="json")
    assert found.status_code == 200, found.content
    assert [c["code"] for c in found.json()["results"]] == [code]
    event = AuditEvent.objects.get(code="caseload.name_search")
    assert event.case_id == cast.case.pk and event.survivor_id == cast.case.survivor_id


def test_search_by_name_in_the_url_is_refused(cast):
    client = api_client(cast.supervisor)
    response = client.get("/api/v1/cases/", {"q": "testa ficticia", "by_name": "true"})
    assert response.status_code == 400
    assert "/api/v1/cases/search/" in response.json()["by_name"][0]
    assert not AuditEvent.objects.filter(code="caseload.name_search").exists()


def test_search_by_name_needs_a_name_and_the_permission(cast):
    blank = api_client(cast.supervisor).post("/api/v1/cases/search/", {"name": " "}, format="json")
    assert blank.status_code == 400 and "name" in blank.json()
    for user in (cast.admin, cast.analyst, cast.outsider):
        response = api_client(user).post("/api/v1/cases/search/", {"name": "testa"}, format="json")
        assert response.status_code == 403, user
    assert api_client().post("/api/v1/cases/search/", {"name": "testa"}).status_code in (401, 403)
    assert not AuditEvent.objects.filter(code="caseload.name_search").exists()


def test_search_by_name_finds_nobody_it_may_not_see(cast):
    response = api_client(cast.partner_supervisor).post(
        "/api/v1/cases/search/", {"name": "testa ficticia"}, format="json"
    )
    assert response.status_code == 200 and response.json()["count"] == 0
    # Searched, found nobody: the search is still on record, naming no case.
    event = AuditEvent.objects.get(code="caseload.name_search")
    assert event.case_id is None and event.actor == cast.partner_supervisor


def test_caseload_filter_of_the_wrong_type_is_a_field_error(cast):
    response = api_client(cast.caseworker).get("/api/v1/cases/", {"mine": "perhaps"})
    assert response.status_code == 400 and "mine" in response.json()


def _caseload_queries(user) -> int:
    client = api_client(user)
    client.get("/api/v1/cases/")  # warm the session and the membership
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/cases/").status_code == 200
    return len(queries)


def test_caseload_queries_do_not_grow_with_the_number_of_cases(cast):
    few = _caseload_queries(cast.supervisor)
    for _ in range(15):
        intake_submit(actor=cast.caseworker, data=intake_input())
    assert _caseload_queries(cast.supervisor) == few


def test_case_file_has_the_whole_file_and_recent_notes_decrypted(cast):
    note_add(actor=cast.caseworker, case=cast.case, body="Safe house visit went well.")
    response = api_client(cast.caseworker).get(f"/api/v1/cases/{cast.case.pk}/")
    assert response.status_code == 200
    file = response.json()
    assert file["version"] == cast.case.version and response["ETag"] == f'"{file["version"]}"'
    assert file["recent_notes"][0]["body"] == "Safe house visit went well."
    assert file["recent_notes"][0]["author"] == "Alicia Caseworker"
    assert file["incidents"][0]["report_delay"] == "6-14d"
    assert file["consents"][0]["is_current"] is True
    assert file["assignments"][0]["user"] == cast.caseworker.pk
    assert file["open_flags"] == []
    assert not any(word in response.content.decode() for word in IDENTITY_WORDS)
    assert "no-store" in response["Cache-Control"]


def test_notes_are_paginated_and_append_only(cast):
    client = api_client(cast.caseworker)
    url = f"/api/v1/cases/{cast.case.pk}/notes/"
    for n in range(3):
        assert client.post(url, {"body": f"Note {n}"}, format="json").status_code == 201
    page = client.get(url, {"page_size": 2}).json()
    assert page["count"] == 3 and [n["body"] for n in page["results"]] == ["Note 2", "Note 1"]
    assert client.post(url, {"body": "   "}, format="json").json() == {
        "body": ["Write something in the note."]
    }
    assert client.put(url, {"body": "x"}, format="json").status_code == 405


def test_vocabularies_give_values_and_labels(cast):
    response = api_client(cast.analyst).get("/api/v1/vocabularies/")
    assert response.status_code == 200
    vocabularies = response.json()
    assert {"value": "high", "label": "High"} in vocabularies["risk_level"]
    assert {"case_status", "means_of_control", "consent_scope", "sex", "gbvims_age_band"} <= set(
        vocabularies
    )


def test_incident_update_derives_the_type_again(cast):
    incident = cast.case.incidents.get()
    url = f"/api/v1/cases/{cast.case.pk}/incidents/{incident.pk}/"
    response = api_client(cast.caseworker).patch(
        url, {"q_penetration": False, "q_physical": True, "version": 1}, format="json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["gbv_type"] == "physical_assault"
    assert "csa" not in body["contexts"] and "trafficking" in body["contexts"]
    assert body["means_of_control"] == ["threats", "withholds_documents"]  # kept


def test_openapi_document_describes_the_api(cast):
    response = api_client(cast.caseworker).get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in (
        "/api/v1/cases/",
        "/api/v1/cases/{case_id}/",
        "/api/v1/cases/{case_id}/close/",
        "/api/v1/cases/{case_id}/identity/reveal/",
        "/api/v1/cases/{case_id}/survivor/",
        "/api/v1/cases/{case_id}/incidents/{incident_id}/",
        "/api/v1/cases/{case_id}/consents/{consent_id}/withdraw/",
        "/api/v1/cases/{case_id}/notes/",
        "/api/v1/rescue-operations/{operation_id}/",
        "/api/v1/vocabularies/",
        "/api/v1/tokens/",
        "/api/v1/tokens/{token_id}/revoke/",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/cases/"]) == {"get", "post"}
    assert set(paths["/api/v1/cases/{case_id}/"]) == {"get", "patch"}
    intake = paths["/api/v1/cases/"]["post"]
    assert "requestBody" in intake and "201" in intake["responses"]
    assert "CaseCreateInput" in schema["components"]["schemas"]


@pytest.mark.parametrize("user", ["caseworker", "analyst"])
def test_api_docs_load_from_local_static_files(cast, user):
    response = api_client(getattr(cast, user)).get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "drf_spectacular_sidecar" in page
    assert "cdn" not in page.lower()

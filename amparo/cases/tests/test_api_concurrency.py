"""Optimistic concurrency over HTTP: a stale version is 409, a missing one 428."""

import pytest

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.testing.api import api_client


def _state(case_id: int) -> tuple[str, str, int]:
    case = Case.objects.get(pk=case_id)
    return case.risk_level, case.status, case.version


def test_get_sends_the_version_as_etag_and_if_match_accepts_it(cast):
    client = api_client(cast.caseworker)
    url = f"/api/v1/cases/{cast.case.pk}/"
    etag = client.get(url)["ETag"]
    assert etag == '"1"'
    response = client.patch(url, {"risk_level": "high"}, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 200
    assert response["ETag"] == '"2"' and response.json()["version"] == 2


@pytest.mark.parametrize("how", ["body", "if-match"])
def test_stale_update_is_refused_and_changes_nothing(cast, how):
    url = f"/api/v1/cases/{cast.case.pk}/"
    api_client(cast.supervisor).patch(url, {"risk_level": "high", "version": 1}, format="json")
    before, events = _state(cast.case.pk), AuditEvent.objects.count()
    body, headers = {"risk_level": "low", "status": "follow_up"}, {}
    if how == "body":
        body["version"] = 1
    else:
        headers["HTTP_IF_MATCH"] = '"1"'
    response = api_client(cast.caseworker).patch(url, body, format="json", **headers)
    assert response.status_code == 409
    assert response.json()["current_version"] == 2
    assert response["ETag"] == '"2"'
    assert _state(cast.case.pk) == before == ("high", "active", 2)
    assert AuditEvent.objects.count() == events


def test_missing_version_is_428_and_changes_nothing(cast):
    before = _state(cast.case.pk)
    response = api_client(cast.caseworker).patch(
        f"/api/v1/cases/{cast.case.pk}/", {"risk_level": "low"}, format="json"
    )
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert _state(cast.case.pk) == before


@pytest.mark.parametrize(
    ("header", "body_version"), [("*", None), ('"abc"', None), ('"1"', 7), ("1,2", None)]
)
def test_malformed_or_contradictory_versions_are_400(cast, header, body_version):
    body = {"risk_level": "low"} | ({"version": body_version} if body_version else {})
    response = api_client(cast.caseworker).patch(
        f"/api/v1/cases/{cast.case.pk}/", body, format="json", HTTP_IF_MATCH=header
    )
    assert response.status_code == 400
    assert "version" in response.json()


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("post", "close/", {"reason": "restored", "override_reason": "Moved abroad"}),
        ("patch", "survivor/", {"pseudonym": "Colibrí"}),
        ("patch", "incidents/{incident}/", {"admin1": "Sololá"}),
        ("post", "consents/{consent}/withdraw/", {}),
    ],
)
def test_every_versioned_write_needs_a_fresh_version(cast, method, suffix, body):
    url = f"/api/v1/cases/{cast.case.pk}/" + suffix.format(
        incident=cast.case.incidents.get().pk, consent=cast.case.survivor.consents.get().pk
    )
    client = api_client(cast.supervisor)
    events = AuditEvent.objects.count()
    assert getattr(client, method)(url, body, format="json").status_code == 428
    assert getattr(client, method)(url, body | {"version": 99}, format="json").status_code == 409
    assert AuditEvent.objects.count() == events
    assert getattr(client, method)(url, body | {"version": 1}, format="json").status_code == 200


def test_closed_case_cannot_be_reopened_by_update(cast):
    client = api_client(cast.supervisor)
    url = f"/api/v1/cases/{cast.case.pk}/"
    body = {"reason": "duplicate", "override_reason": "Registered twice", "version": 1}
    closed = client.post(url + "close/", body, format="json")
    assert closed.json()["status"] == "closed"
    response = client.patch(url, {"status": "active", "version": 2}, format="json")
    assert response.status_code == 400 and "status" in response.json()


def test_close_errors_use_the_api_field_names(cast):
    response = api_client(cast.caseworker).post(
        f"/api/v1/cases/{cast.case.pk}/close/",
        {"reason": "vanished", "closed_on": "2000-01-01", "version": 1},
        format="json",
    )
    assert response.status_code == 400
    assert {"reason", "closed_on"} <= set(response.json())


def test_closing_before_the_closure_rule_is_met_needs_a_supervisor_and_a_reason(cast):
    url = f"/api/v1/cases/{cast.case.pk}/close/"
    body = {"reason": "restored", "version": 1}
    refused = api_client(cast.caseworker).post(url, body, format="json")
    assert refused.status_code == 400 and "reason" in refused.json()
    unexplained = api_client(cast.supervisor).post(url, body, format="json")
    assert unexplained.status_code == 400 and "override_reason" in unexplained.json()
    assert _state(cast.case.pk) == ("medium", "active", 1)

"""Under /api/ every error is JSON in the documented shapes; pages keep their own.

Field errors (and errors about the body as a whole, under ``non_field_errors``)
are ``{"field": ["message"]}``; everything else is ``{"detail": "..."}``.
"""

import json
import re
from unittest import mock

import pytest
from django.test import Client, RequestFactory
from rest_framework.test import APIClient

from amparo.cases.api.cases import CaseListApi
from amparo.cases.models import Case, CaseNote
from amparo.core import errors
from amparo.testing.api import api_client, intake_payload


def _json(response) -> object:
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    return json.loads(response.content)


def _detail_only(response) -> str:
    body = _json(response)
    assert set(body) == {"detail"}, body
    return body["detail"]


def _field_errors(response) -> dict[str, list[str]]:
    body = _json(response)
    assert isinstance(body, dict) and body
    assert all(isinstance(v, list) and all(isinstance(m, str) for m in v) for v in body.values())
    return body


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases/abc/",  # an id that is not a number never reaches a view
        "/api/v1/cases/1/incidents/x/",
        "/api/v1/no-such-thing/",
        "/api/v2/cases/",
        "/api/v1/cases/99999999999999999999/",  # past the id converter's bound
    ],
)
@pytest.mark.parametrize("who", ["caseworker", "outsider", None])
def test_unknown_api_urls_are_a_json_404(cast, url, who):
    client = api_client(getattr(cast, who) if who else None)
    response = client.get(url)
    assert response.status_code == 404
    assert _detail_only(response) == "Not found."
    assert response["Cache-Control"] == "private, no-store"


def test_unknown_pages_are_still_the_html_404(cast):
    client = Client()
    client.force_login(cast.caseworker)
    response = client.get("/cases/abc/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
    assert "There is nothing here that you can open." in response.content.decode()


def test_the_404_is_translated(cast):
    response = api_client(cast.caseworker).get("/api/v1/cases/abc/", HTTP_ACCEPT_LANGUAGE="es")
    assert _detail_only(response) == "No encontrado."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{not json", "The request body is not valid JSON."),
        ('{"origin": "report",', "The request body is not valid JSON."),
        ("[1, 2]", "The request body must be a JSON object."),
        ('"a string"', "The request body must be a JSON object."),
        ("42", "The request body must be a JSON object."),
        ("null", "The request body must be a JSON object."),
        ("true", "The request body must be a JSON object."),
    ],
)
def test_a_body_that_is_not_a_json_object_is_a_field_error(cast, body, message):
    client = api_client(cast.caseworker)
    cases = Case.objects.count()
    response = client.post("/api/v1/cases/", body, content_type="application/json")
    assert response.status_code == 400
    assert _field_errors(response) == {"non_field_errors": [message]}
    assert Case.objects.count() == cases


def test_the_body_error_is_translated(cast):
    response = api_client(cast.caseworker).post(
        "/api/v1/cases/", "[]", content_type="application/json", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert _field_errors(response) == {
        "non_field_errors": ["El cuerpo de la solicitud debe ser un objeto JSON."]
    }


def _writes(schema: dict) -> list[tuple[str, str]]:
    return [
        (method, path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in ("post", "put", "patch")
    ]


@pytest.fixture(scope="module")
def schema(django_db_blocker) -> dict:
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return json.loads(json.dumps(SchemaGenerator().get_schema(request=None, public=True)))


def test_every_write_operation_refuses_a_non_object_body_in_json(cast, schema):
    """Every door, not one: any operation that takes a body, by the user who may use it."""
    notes = CaseNote.objects.count()
    writes = _writes(schema)
    assert len(writes) > 30
    for method, path in writes:
        url = re.sub(r"\{[a-z_]+\}", str(cast.case.pk), path)
        for user in (cast.supervisor, cast.caseworker, cast.admin):
            response = getattr(api_client(user), method)(
                url, "[1]", content_type="application/json"
            )
            assert response["Content-Type"].startswith("application/json"), (method, url)
            assert response.status_code in (400, 403, 404), (method, url, response.content)
            if response.status_code == 400:
                assert response.json() == {
                    "non_field_errors": ["The request body must be a JSON object."]
                }, (method, url)
    assert CaseNote.objects.count() == notes


def test_wrong_method_and_media_type_answer_json(cast):
    client = api_client(cast.caseworker)
    response = client.delete("/api/v1/cases/")
    assert response.status_code == 405
    assert "DELETE" in _detail_only(response)
    response = client.post("/api/v1/cases/", "origin=report", content_type="text/plain")
    assert response.status_code == 415
    _detail_only(response)


def test_signed_out_is_a_json_401(db):
    response = api_client().get("/api/v1/cases/")
    assert response.status_code == 401
    _detail_only(response)


def test_a_failed_csrf_check_under_the_api_is_json(cast):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(cast.caseworker)
    response = client.post("/api/v1/cases/", intake_payload(), format="json")
    assert response.status_code == 403
    assert "CSRF" in _detail_only(response)
    assert not Case.objects.exclude(pk=cast.case.pk).exists()


def test_the_csrf_failure_view_answers_json_for_the_api_and_a_page_for_people(db):
    factory = RequestFactory()
    response = errors.csrf_failure(factory.post("/api/v1/cases/"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert "CSRF" in _detail_only(response)
    response = errors.csrf_failure(factory.post("/cases/intake/"), reason="CSRF cookie not set.")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


def test_a_page_form_without_its_csrf_token_is_refused(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.caseworker)
    response = client.post("/cases/intake/", {"origin": "report"})
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")


SECRET = "Ficticia Secreta 5555"  # what a failing request might carry


def test_an_unexpected_error_is_a_json_500_without_traceback_or_data(cast):
    client = api_client(cast.caseworker)
    client.raise_request_exception = False
    with mock.patch.object(CaseListApi, "get", side_effect=RuntimeError(SECRET)):
        response = client.get("/api/v1/cases/", {"q": SECRET})
    assert response.status_code == 500
    detail = _detail_only(response)
    assert detail == "Something went wrong. Please try again in a moment."
    assert SECRET not in response.content.decode()
    assert "Traceback" not in response.content.decode()


def test_an_unexpected_error_on_a_page_is_the_standalone_500_page(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.caseworker)
    with mock.patch("amparo.cases.views.caseload.caseload_list", side_effect=KeyError(SECRET)):
        response = client.get("/cases/", {"q": SECRET})
    assert response.status_code == 500
    page = response.content.decode()
    assert "Something went wrong" in page
    assert SECRET not in page and "Traceback" not in page


def test_the_bad_request_and_permission_denied_handlers_answer_json_under_the_api(db):
    factory = RequestFactory()
    response = errors.bad_request(factory.get("/api/v1/cases/"), Exception(SECRET))
    assert response.status_code == 400
    assert _field_errors(response) == {"non_field_errors": ["The request could not be understood."]}
    response = errors.permission_denied(factory.get("/api/v1/cases/"), Exception(SECRET))
    assert response.status_code == 403
    assert SECRET not in _detail_only(response)
    response = errors.server_error(factory.get("/api/v1/cases/"))
    assert response.status_code == 500
    _detail_only(response)


def test_too_many_requests_is_a_json_429_with_retry_after(cast):
    from rest_framework.throttling import UserRateThrottle

    client = api_client(cast.caseworker)
    with mock.patch.object(UserRateThrottle, "get_rate", return_value="1/min"):
        assert client.get("/api/v1/cases/").status_code == 200
        response = client.get("/api/v1/cases/")
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    _detail_only(response)

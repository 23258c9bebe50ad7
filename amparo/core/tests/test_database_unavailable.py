"""When the database cannot be reached: 503 with Retry-After, JSON for the API, a page
that needs no database for people, a log line without request data.

The database is made to fail inside the test process only (every statement
raises, as after a restart); the shared server is never touched.
"""

import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.conf import settings
from django.db.backends.utils import CursorWrapper
from django.db.utils import InterfaceError, OperationalError
from django.test import Client

from amparo.cases.api.cases import CaseListApi
from amparo.core.errors import RETRY_AFTER_SECONDS
from amparo.testing.api import api_client

# What a failing driver might quote: it must reach neither the answer nor the log.
STATEMENT = 'SELECT "given_names" FROM identity WHERE phone = 55550000'


@contextmanager
def database_down(error: type[Exception] = OperationalError):
    failure = error(f"server closed the connection unexpectedly: {STATEMENT}")
    with (
        mock.patch.object(CursorWrapper, "execute", side_effect=failure),
        mock.patch.object(CursorWrapper, "executemany", side_effect=failure),
    ):
        yield


def _assert_503(response) -> None:
    assert response.status_code == 503, response.content[:300]
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert STATEMENT not in response.content.decode()
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
@pytest.mark.parametrize("who", ["caseworker", "analyst", "outsider"])
def test_the_api_answers_a_json_503_while_the_database_is_away(cast, error, who):
    """The first query fails while the session or the user is loaded, in a middleware.
    (Signed out, a 401 needs no database and is still answered.)"""
    client = api_client(getattr(cast, who))
    client.raise_request_exception = False
    with database_down(error):
        response = client.get("/api/v1/cases/")
    _assert_503(response)
    assert response["Content-Type"].startswith("application/json")
    assert response.json() == {
        "detail": "The service is briefly unavailable. Please try again shortly."
    }


def test_a_view_that_loses_the_database_answers_503_not_500(cast):
    client = api_client(cast.caseworker)
    with mock.patch.object(CaseListApi, "get", side_effect=OperationalError(STATEMENT)):
        response = client.get("/api/v1/cases/")
    _assert_503(response)
    assert set(response.json()) == {"detail"}


def test_a_write_while_the_database_is_away_answers_503(cast):
    client = api_client(cast.caseworker)
    client.raise_request_exception = False
    with database_down():
        response = client.post(f"/api/v1/cases/{cast.case.pk}/notes/", {"body": "x"}, format="json")
    _assert_503(response)
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    ("language", "title"), [("en", "Briefly unavailable"), ("es", "Servicio no disponible")]
)
def test_people_see_a_friendly_page_that_needs_no_database(cast, language, title):
    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(cast.caseworker)
    with database_down():
        response = client.get("/cases/")
    _assert_503(response)
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    assert title in page
    assert f'lang="{language}"' in page
    # Nothing of the signed-in user's session: the page was rendered without one.
    assert cast.caseworker.email not in page


def test_signing_in_while_the_database_is_away_answers_503(cast):
    client = Client(raise_request_exception=False)
    with database_down():
        response = client.post(
            "/accounts/login/", {"login": cast.caseworker.email, "password": "not-checked-here"}
        )
    _assert_503(response)
    assert response["Content-Type"].startswith("text/html")


def test_the_log_names_the_error_without_request_data(cast, caplog):
    client = api_client(cast.caseworker)
    client.raise_request_exception = False
    with caplog.at_level(logging.ERROR, logger="amparo.errors"), database_down():
        client.get("/api/v1/cases/", {"q": "Ficticia Secreta"})
    lines = [r.getMessage() for r in caplog.records if r.name == "amparo.errors"]
    assert lines == ["Database unavailable (OperationalError); answered 503."]
    assert all(STATEMENT not in r.getMessage() for r in caplog.records)
    assert all("Ficticia" not in r.getMessage() for r in caplog.records)


def test_the_database_is_back_on_the_next_request(cast):
    client = api_client(cast.caseworker)
    client.raise_request_exception = False
    with database_down():
        assert client.get("/api/v1/cases/").status_code == 503
    assert client.get("/api/v1/cases/").status_code == 200


def test_connections_are_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True

"""``/healthz`` for the load balancer: the same answer for everyone, no data, no session written."""

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.core import health
from amparo.core.tests.test_database_unavailable import database_down
from amparo.testing.cast import SIGNED_IN
from amparo.testing.matrix import covers

URL = "/healthz"


@covers("healthz")
@pytest.mark.parametrize("name", ["anonymous", *SIGNED_IN])
def test_everyone_gets_the_same_answer_and_nothing_else(cast, name):
    client = Client()
    user = cast.user(name)
    if user is not None:
        client.force_login(user)
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]
    assert client.post(URL).status_code == 405


@pytest.mark.django_db
def test_one_cheap_query_and_no_session(client):
    client.get(URL)  # the migration check runs once per process
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL).status_code == 200
    assert [q["sql"] for q in captured.captured_queries] == ["SELECT 1"]
    assert not Session.objects.exists()
    assert "sessionid" not in client.cookies


@pytest.mark.django_db
def test_plain_http_is_not_redirected(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(URL).status_code == 200
    assert client.get("/accounts/login/").status_code == 301


@pytest.mark.django_db
def test_a_database_that_cannot_be_reached_takes_the_server_out(client):
    with database_down():
        response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"status": "database unavailable"}


@pytest.mark.django_db
def test_pending_migrations_take_the_server_out(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("pending", False)]
    )
    response = client.get(URL)
    assert response.status_code == 503
    assert response.json() == {"status": "migrations pending"}

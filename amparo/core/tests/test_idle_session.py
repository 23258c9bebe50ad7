"""A page read writes no session; the idle timeout still slides and still ends a session.

``amparo.core.middleware.IdleSessionMiddleware`` pushes the session's expiry forward
at most once a ``SESSION_REFRESH_SECONDS``, instead of on every request.
"""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

START = timezone.make_aware(datetime.datetime(2026, 3, 2, 9, 0))


def _session_writes(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    table = Session._meta.db_table
    return [
        query["sql"]
        for query in captured.captured_queries
        if table in query["sql"] and not query["sql"].lstrip().upper().startswith("SELECT")
    ]


def _expiry(client):
    return Session.objects.get(session_key=client.session.session_key).expire_date


@pytest.fixture
def traveller():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def test_signed_in_reads_of_the_caseload_and_a_file_write_no_session(cast, client, traveller):
    client.force_login(cast.caseworker)
    caseload = reverse("caseload")
    case_file = reverse("case_file", kwargs={"pk": cast.case.pk})
    client.get(caseload)  # the first request stamps the session's refresh
    client.get(case_file)  # opening a file the first time changes the recent cases
    for url in (caseload, case_file, caseload, case_file):
        assert _session_writes(client, url) == []


def test_the_idle_timeout_slides_at_most_once_a_refresh_interval(cast, client, traveller):
    client.force_login(cast.caseworker)
    caseload = reverse("caseload")
    client.get(caseload)
    stamped = _expiry(client)
    traveller.shift(settings.SESSION_REFRESH_SECONDS - 1)
    assert _session_writes(client, caseload) == []
    assert _expiry(client) == stamped
    traveller.shift(1)
    assert len(_session_writes(client, caseload)) == 1
    assert _expiry(client) == stamped + datetime.timedelta(seconds=settings.SESSION_REFRESH_SECONDS)


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(cast, client, traveller):
    client.force_login(cast.caseworker)
    caseload = reverse("caseload")
    client.get(caseload)
    # Active every few minutes for an hour: still signed in.
    for _ in range(12):
        traveller.shift(5 * 60)
        assert client.get(caseload).status_code == 200
    traveller.shift(settings.SESSION_COOKIE_AGE)
    response = client.get(caseload)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

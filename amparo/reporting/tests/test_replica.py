"""Reporting reads from a real PostgreSQL streaming replica; writes and case pages use the primary.

``.ci/run`` starts a replica of the local cluster (``pg_basebackup -R``) and
names it in ``AMPARO_TEST_REPLICA_URL``; ``config/settings_test.py`` then adds
a ``replica`` alias, a test mirror of ``default``, which these tests point at
the replica's server (the same test database, replicated). The rows must be
committed to reach the replica, so the tests are transactional. With CI set
and PostgreSQL in use, they fail rather than skip when no replica is named.
"""

import os
import time
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.services import intake_submit
from amparo.core.replica import reading_from_replica
from amparo.testing.factories import intake_input

REPLICA = "replica"
pytestmark = pytest.mark.django_db(
    transaction=True,
    databases=["default", REPLICA] if REPLICA in settings.DATABASES else ["default"],
)
WRITES = ("INSERT", "UPDATE", "DELETE")


@pytest.fixture
def replica(settings) -> Iterator[BaseDatabaseWrapper]:
    """The ``replica`` alias, connected to the streaming replica's copy of the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("Streaming replicas are PostgreSQL's.")
    url = os.environ.get("AMPARO_TEST_REPLICA_URL", "")
    if not url or REPLICA not in connections:
        message = "Set AMPARO_TEST_REPLICA_URL to a streaming replica of the test server."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    parts = urlsplit(url)
    primary = connections["default"].settings_dict
    wrapper = connections[REPLICA]
    saved = wrapper.settings_dict
    wrapper.close()
    wrapper.settings_dict = {
        **primary,
        "HOST": parts.hostname or primary["HOST"],
        "PORT": str(parts.port or primary["PORT"]),
        "USER": unquote(parts.username or primary["USER"]),
        "PASSWORD": unquote(parts.password or primary["PASSWORD"] or ""),
        "TEST": {**primary["TEST"], "MIRROR": "default"},
    }
    settings.AMPARO_REPORTING_DATABASE = REPLICA
    try:
        yield wrapper
    finally:
        wrapper.close()
        wrapper.settings_dict = saved


def _one(wrapper: BaseDatabaseWrapper, sql: str, params: list | None = None) -> object:
    with wrapper.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def caught_up(replica: BaseDatabaseWrapper) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    lsn = _one(connection, "SELECT pg_current_wal_lsn()::text")
    deadline = time.monotonic() + 30
    while not _one(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [lsn]):
        assert time.monotonic() < deadline, "The replica did not catch up within 30 s."
        time.sleep(0.05)


def _sql(captured: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in captured.captured_queries]


def _writes(captured: CaptureQueriesContext) -> list[str]:
    return [sql for sql in _sql(captured) if sql.lstrip().upper().startswith(WRITES)]


def test_dashboards_read_the_replica_and_every_write_goes_to_the_primary(cast, replica, client):
    caught_up(replica)
    assert _one(replica, "SELECT pg_is_in_recovery()") is True
    assert _one(connection, "SELECT pg_is_in_recovery()") is False
    client.force_login(cast.analyst)
    exported = AuditEvent.objects.count()
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        assert client.get(reverse("home")).status_code == 200
        assert client.get(reverse("justice_dashboard")).status_code == 200
        assert client.get(reverse("justice_dashboard_csv")).status_code == 200
    for table in ("cases_case", "justice_legalcase"):
        assert any(table in sql for sql in _sql(on_replica)), table
        assert not [s for s in _sql(on_primary) if f'FROM "{table}"' in s], table
    assert _writes(on_replica) == []
    # The export is audited, on the primary.
    assert any("audit_auditevent" in sql for sql in _writes(on_primary))
    assert AuditEvent.objects.count() == exported + 1


def test_a_case_page_reads_its_own_writes_while_the_replica_lags(cast, replica, client):
    caught_up(replica)
    _one(replica, "SELECT pg_wal_replay_pause()::text")
    try:
        opened = intake_submit(actor=cast.caseworker, data=intake_input())
        with reading_from_replica():
            assert not Case.objects.filter(pk=opened.pk).exists()  # not replayed yet
        client.force_login(cast.caseworker)
        with CaptureQueriesContext(replica) as on_replica:
            response = client.get(reverse("case_file", kwargs={"pk": opened.pk}))
        assert response.status_code == 200 and opened.code in response.content.decode()
        assert _sql(on_replica) == []
    finally:
        _one(replica, "SELECT pg_wal_replay_resume()::text")
    caught_up(replica)
    with reading_from_replica():
        assert Case.objects.filter(pk=opened.pk).exists()

"""The application's database role cannot erase or alter the audit trail (PostgreSQL).

The suite runs as the owner role (pytest-django creates the test database).
These tests grant a second, non-owner role its privileges with
``grant_app_role`` and connect as that role. In CI, ``.ci/run`` creates the
role and names it in ``AMPARO_TEST_APP_ROLE_URL``; elsewhere the test creates
``amparo_app_test`` itself when the owner may create roles. With CI set, the
tests fail rather than skip when no application role can be had.
"""

# Table names in the SQL below come from the catalogue or constants, never from input.
# ruff: noqa: S608

import datetime
import os
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from amparo.audit.models import AuditEvent
from amparo.cases.models import CaseNote
from amparo.cases.selectors import case_audit_trail
from amparo.cases.services import note_add

LOCAL_ROLE = "amparo_app_test"

pytestmark = pytest.mark.django_db(transaction=True)


def _unavailable(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _ensure_local_role() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user"
        )
        (may_create,) = cursor.fetchone()
        if not may_create:
            _unavailable("Set AMPARO_TEST_APP_ROLE_URL: the test user cannot create roles.")
        # Idempotent even when two test runs create it at the same moment.
        cursor.execute(
            "DO $$ BEGIN "
            f"IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{LOCAL_ROLE}') THEN "
            f"CREATE ROLE {LOCAL_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE; END IF; "
            "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$"
        )


@pytest.fixture
def app_role() -> dict[str, str]:
    """Connection settings of the application role, on the test database."""
    if connection.vendor != "postgresql":
        pytest.skip("Database roles exist on PostgreSQL only.")
    owner = connection.settings_dict
    url = os.environ.get("AMPARO_TEST_APP_ROLE_URL")
    if url:
        parts = urlsplit(url)
        settings = {
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or owner["HOST"],
            "PORT": str(parts.port or owner["PORT"]),
        }
    else:
        _ensure_local_role()
        settings = {
            "USER": LOCAL_ROLE,
            "PASSWORD": "",
            "HOST": owner["HOST"],
            "PORT": owner["PORT"],
        }
    call_command("grant_app_role", settings["USER"], stdout=StringIO())
    return settings


@contextmanager
def connected_as(settings: dict[str, str]) -> Iterator[None]:
    """Django's own connection, as another database role, for the block."""
    saved = {key: connection.settings_dict[key] for key in settings}
    connection.close()
    connection.settings_dict.update(settings)
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_user")
            assert cursor.fetchone() == (settings["USER"],)
        yield
    finally:
        connection.close()
        connection.settings_dict.update(saved)


def _denied(sql: str, params: list | None = None) -> None:
    with (
        pytest.raises(DatabaseError, match=r"permission denied|must be owner"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def _trail() -> list[tuple]:
    return list(AuditEvent._base_manager.order_by("id").values_list("id", "code", "reason"))


def test_app_role_reads_and_appends_but_cannot_erase_or_alter_the_trail(cast, app_role):
    before = _trail()
    with connected_as(app_role):
        assert _trail() == before
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO audit_auditevent (at, code, object_type, object_id, user_agent, "
                "reason, changed_fields) VALUES (now(), 'test.appended', 'case', %s, '', '', "
                "'[]') RETURNING id",
                [str(cast.case.pk)],
            )
            (appended,) = cursor.fetchone()
        _denied("UPDATE audit_auditevent SET code = 'tampered'")
        _denied("DELETE FROM audit_auditevent")
        _denied("TRUNCATE audit_auditevent CASCADE")
        _denied("ALTER TABLE audit_auditevent DISABLE TRIGGER ALL")
        _denied("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only")
        _denied("DROP TRIGGER audit_auditevent_no_truncate ON audit_auditevent")
        _denied("DROP TABLE audit_auditevent CASCADE")
        # Replica mode skips ordinary triggers; only a superuser may set it.
        _denied("SET session_replication_role = replica")
        _denied("UPDATE django_migrations SET name = name")
        with pytest.raises(DatabaseError, match="permission denied"), transaction.atomic():
            AuditEvent._base_manager.filter(pk=appended).update(code="tampered")
    after = _trail()
    assert after[: len(before)] == before
    assert [(event_id, code) for event_id, code, _reason in after[len(before) :]] == [
        (appended, "test.appended")
    ]


def test_the_application_works_as_the_app_role(cast, app_role):
    with connected_as(app_role):
        note = note_add(actor=cast.caseworker, case=cast.case, body="Nota ficticia de prueba.")
        trail = case_audit_trail(user=cast.supervisor, case_id=cast.case.pk)
        assert trail.filter(object_id=str(note.pk)).exists()
        with transaction.atomic():
            CaseNote.objects.filter(pk=note.pk).update(body="Nota ficticia corregida.")
    assert CaseNote.objects.get(pk=note.pk).body == "Nota ficticia corregida."


def test_owner_only_commands_refuse_the_app_role(cast, app_role):
    before = _trail()
    with connected_as(app_role):
        with pytest.raises(CommandError, match="owns the tables"):
            call_command("rotate_encryption_keys", stdout=StringIO())
        with pytest.raises(CommandError, match="owns the tables"):
            call_command("grant_app_role", app_role["USER"], stdout=StringIO())
    assert _trail() == before


def test_grant_refuses_a_role_that_could_lift_the_guard(cast, app_role):
    owner = connection.settings_dict["USER"]
    with pytest.raises(CommandError, match=r"superuser|owns tables"):
        call_command("grant_app_role", owner, stdout=StringIO())
    with pytest.raises(CommandError, match="no database role"):
        call_command("grant_app_role", "amparo_no_such_role", stdout=StringIO())


@pytest.mark.django_db
def test_grant_is_refused_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("Checks the SQLite refusal.")
    with pytest.raises(CommandError, match="PostgreSQL only"):
        call_command("grant_app_role", "amparo_app", stdout=StringIO())


def test_app_role_cannot_alter_any_partition_but_makes_the_coming_ones(cast, app_role):
    from amparo.audit.partitions import audit_partitions, audit_partitions_ensure

    before = _trail()
    with connected_as(app_role):
        for partition in audit_partitions(connection=connection):
            _denied(f"UPDATE {partition.name} SET code = 'tampered'")
            _denied(f"DELETE FROM {partition.name}")
            _denied(f"TRUNCATE {partition.name}")
            _denied(f"ALTER TABLE {partition.name} DISABLE TRIGGER ALL")
        # Making a month ahead runs as the owner (a SECURITY DEFINER function), audited.
        created = audit_partitions_ensure(
            connection=connection, today=datetime.date(2045, 2, 1), ahead=0
        )
        assert created == ["audit_auditevent_2045_02"]
        _denied("UPDATE audit_auditevent_2045_02 SET code = 'tampered'")
    after = _trail()
    assert after[: len(before)] == before
    assert [code for _id, code, _reason in after[len(before) :]] == ["audit.partition_created"]

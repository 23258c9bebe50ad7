import pytest
from django.core.management import CommandError, call_command
from django.core.management.commands import flush
from django.db import DatabaseError, connection, transaction

from amparo.audit.append_only import append_only_lifted
from amparo.audit.context import RequestOrigin, reset_origin, set_origin
from amparo.audit.models import AppendOnlyError, AuditEvent
from amparo.people.services import identity_reveal


def test_audit_events_cannot_be_changed_or_deleted(cast):
    event = AuditEvent.objects.filter(case=cast.case).first()
    event.code = "tampered"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(case=cast.case).update(code="tampered")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.filter(case=cast.case).delete()
    assert not AuditEvent.objects.filter(code="tampered").exists()


def test_reveal_records_actor_origin_and_reason(cast):
    token = set_origin(RequestOrigin(ip="192.0.2.7", user_agent="TestAgent/1.0"))
    try:
        identity = identity_reveal(
            actor=cast.supervisor, case=cast.case, reason="Court summons needs the legal name"
        )
    finally:
        reset_origin(token)
    assert identity.given_names == "Testa Ficticia"
    event = AuditEvent.objects.get(code="identity.revealed")
    assert (event.actor, event.organisation, event.case, event.survivor) == (
        cast.supervisor,
        cast.lex,
        cast.case,
        cast.case.survivor,
    )
    assert (event.ip, event.user_agent) == ("192.0.2.7", "TestAgent/1.0")
    assert event.reason == "Court summons needs the legal name"


def test_reveal_without_reason_writes_nothing(cast):
    from django.core.exceptions import ValidationError

    before = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        identity_reveal(actor=cast.supervisor, case=cast.case, reason="  ")
    assert AuditEvent.objects.count() == before


# The triggers each migration leaves on the audit table. SQLite drops a
# table's triggers when Django rebuilds it for a schema change, so this fails
# if a later migration rebuilds the table without creating them again.
TRIGGERS = {
    "postgresql": {"audit_auditevent_append_only", "audit_auditevent_no_truncate"},
    "sqlite": {"audit_auditevent_no_delete", "audit_auditevent_no_update"},
}


def _triggers_on_audit_table() -> set[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_auditevent'::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'"
            )
        else:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'audit_auditevent'"
            )
        return {name for (name,) in cursor.fetchall()}


def _refused(sql: str) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


def _trail() -> list[tuple]:
    return list(AuditEvent._base_manager.order_by("id").values_list("id", "code", "reason"))


def test_the_migrated_database_has_every_append_only_trigger(db):
    assert _triggers_on_audit_table() == TRIGGERS[connection.vendor]


def test_database_refuses_raw_updates_and_deletes(cast):
    before = _trail()
    assert before
    _refused("UPDATE audit_auditevent SET code = 'tampered'")
    _refused("DELETE FROM audit_auditevent")
    assert _trail() == before


def test_database_refuses_orm_updates_and_deletes_past_the_guarded_manager(cast):
    # The base manager is a plain queryset (cascades and raw ORM scripts use
    # it): the application check is bypassed and the database must refuse.
    before = _trail()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent._base_manager.filter(case=cast.case).update(code="tampered")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent._base_manager.filter(case=cast.case).delete()
    assert _trail() == before


def test_postgresql_refuses_truncate(cast):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE; its DELETE trigger is tested above.")
    before = _trail()
    # TRUNCATE waits for no deferred foreign-key check of the test's transaction.
    connection.check_constraints()
    _refused("TRUNCATE audit_auditevent CASCADE")
    assert _trail() == before


def test_lifting_the_guard_lasts_one_transaction(cast):
    event = AuditEvent.objects.filter(case=cast.case).first()
    with transaction.atomic(), append_only_lifted(connection=connection):
        assert _triggers_on_audit_table() == set()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE audit_auditevent SET user_agent = 'lifted' WHERE id = %s", [event.pk]
            )
    assert _triggers_on_audit_table() == TRIGGERS[connection.vendor]
    assert AuditEvent.objects.get(pk=event.pk).user_agent == "lifted"
    _refused("UPDATE audit_auditevent SET code = 'tampered'")


def test_an_error_while_lifted_rolls_the_lifting_back(cast):
    before = _trail()
    with pytest.raises(RuntimeError), append_only_lifted(connection=connection):
        with connection.cursor() as cursor:
            cursor.execute("UPDATE audit_auditevent SET code = 'tampered'")
        raise RuntimeError("the batch failed")
    assert _trail() == before
    assert _triggers_on_audit_table() == TRIGGERS[connection.vendor]


def test_djangos_own_flush_is_refused_and_erases_nothing(cast):
    before = _trail()
    with pytest.raises(CommandError, match="couldn't be flushed"):
        call_command(flush.Command(), interactive=False, verbosity=0)
    assert _trail() == before


def test_the_test_suites_flush_empties_the_trail_and_keeps_the_guard(cast):
    call_command("flush", interactive=False, verbosity=0)
    assert _trail() == []
    assert _triggers_on_audit_table() == TRIGGERS[connection.vendor]

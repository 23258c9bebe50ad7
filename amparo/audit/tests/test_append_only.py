import pytest

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


def test_database_refuses_rewrites_on_postgresql(cast):
    from django.db import connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("The trigger exists on PostgreSQL only; SQLite relies on the application.")
    from django.db import DatabaseError

    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET code = 'tampered'")

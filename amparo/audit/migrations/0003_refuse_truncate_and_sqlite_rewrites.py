"""Refuse TRUNCATE of audit rows on PostgreSQL, and UPDATE and DELETE on SQLite.

Migration 0002 refuses UPDATE and DELETE row by row on PostgreSQL, but a
TRUNCATE fires no row trigger: a statement-level trigger now refuses it too.
SQLite has no TRUNCATE (Django's flush deletes), so BEFORE UPDATE and BEFORE
DELETE triggers abort the statement there.

SQLite drops a table's triggers whenever Django rebuilds the table for a
schema change; ``amparo/audit/tests/test_append_only.py`` checks that the
triggers exist after every migration, so a later migration that rebuilds the
audit table must create them again.
"""

from django.db import migrations

MESSAGE = "audit events are append-only"

POSTGRESQL_CREATE = [
    """
    CREATE TRIGGER audit_auditevent_no_truncate
        BEFORE TRUNCATE ON audit_auditevent
        FOR EACH STATEMENT EXECUTE FUNCTION amparo_audit_append_only()
    """,
]
POSTGRESQL_DROP = ["DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent"]

# Each trigger is one statement: SQLite's driver runs one statement per call.
SQLITE_CREATE = [
    f"""
    CREATE TRIGGER audit_auditevent_no_{operation.lower()}
        BEFORE {operation} ON audit_auditevent
    BEGIN
        SELECT RAISE(ABORT, '{MESSAGE}');
    END
    """
    for operation in ("UPDATE", "DELETE")
]
SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS audit_auditevent_no_{operation}" for operation in ("update", "delete")
]


def _run(schema_editor, statements_by_vendor):
    for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def forwards(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_CREATE, "sqlite": SQLITE_CREATE})


def backwards(apps, schema_editor):
    _run(schema_editor, {"postgresql": POSTGRESQL_DROP, "sqlite": SQLITE_DROP})


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]

"""The database's own guard on the audit trail, and the one way to lift it.

Migrations audit 0002 and 0003 install triggers that refuse UPDATE, DELETE and
TRUNCATE of audit rows (PostgreSQL) and UPDATE and DELETE (SQLite, which has
no TRUNCATE); on PostgreSQL, 0004 partitions the table by month and keeps
them on every partition (``amparo.audit.partitions``). On PostgreSQL the application runs as a role that does not own
the tables and holds only SELECT and INSERT on them (``grant_app_role``), so it
can neither rewrite rows nor disable the triggers; the triggers stop the owner
too, unless it lifts them on purpose.

Only two owner-run jobs lift them: key rotation (re-encrypting a reason does
not change what it says) and the test suite's flush between transactional
tests. Both go through ``append_only_lifted``.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from amparo.audit.models import AuditEvent

# Tables whose rows are written once and never changed by the application.
APPEND_ONLY_TABLES: tuple[str, ...] = (AuditEvent._meta.db_table,)


class NotTableOwnerError(Exception):
    """The connected database role does not own the append-only tables."""


def connected_role_owns_tables(*, connection: BaseDatabaseWrapper) -> bool:
    """Whether the connected role owns (or is a member of the owner of) every append-only table.

    Always true on SQLite, which has no roles.
    """
    if connection.vendor != "postgresql":
        return True
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT bool_and(pg_has_role(current_user, c.relowner, 'USAGE')) "
            "FROM pg_class c WHERE c.oid = ANY(%s::regclass[])",
            [list(APPEND_ONLY_TABLES)],
        )
        (owns,) = cursor.fetchone()
    return bool(owns)


def require_table_owner(*, connection: BaseDatabaseWrapper, job: str) -> None:
    """Raise ``NotTableOwnerError`` naming ``job`` unless the connection is the owner role."""
    if not connected_role_owns_tables(connection=connection):
        raise NotTableOwnerError(
            f"{job} must run as the database role that owns the tables (the one that runs "
            "'migrate'), not as the application role: set DATABASE_URL to the owner's URL "
            "for this command."
        )


@contextmanager
def append_only_lifted(*, connection: BaseDatabaseWrapper) -> Iterator[None]:
    """Let the owner rewrite append-only rows inside one transaction, then guard them again.

    The triggers are lifted and restored within a savepoint of the caller's
    transaction (or a transaction of its own), so an error inside the block
    rolls the lifting back with everything else. On PostgreSQL, ALTER TABLE
    holds an exclusive lock on the table until the outer transaction ends, so
    no other session writes or reads audit rows while the guard is down; on
    SQLite the write lock is held for the whole transaction anyway.
    """
    with transaction.atomic(using=connection.alias):
        if connection.vendor == "postgresql":
            lifted = _postgresql_disable(connection)
            yield
            _postgresql_enable(connection, lifted)
        elif connection.vendor == "sqlite":
            dropped = _sqlite_drop(connection)
            yield
            _sqlite_recreate(connection, dropped)
        else:
            yield


def _postgresql_disable(connection: BaseDatabaseWrapper) -> list[tuple[str, str]]:
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The tables and their partitions (amparo_audit_partition_ensure gives each its own
        # TRUNCATE trigger); a row trigger cloned onto a partition follows its parent's.
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgrelid IN (SELECT relid FROM unnest(%s::regclass[]) AS root, "
            "pg_partition_tree(root)) AND NOT t.tgisinternal AND t.tgparentid = 0 "
            "AND t.tgenabled <> 'D' ORDER BY c.relname, t.tgname",
            [list(APPEND_ONLY_TABLES)],
        )
        lifted = cursor.fetchall()
        if lifted:
            # ALTER TABLE refuses while deferred foreign-key checks are pending.
            connection.check_constraints()
        for table, trigger in lifted:
            cursor.execute(f"ALTER TABLE {quote(table)} DISABLE TRIGGER {quote(trigger)}")
    return lifted


def _postgresql_enable(connection: BaseDatabaseWrapper, lifted: list[tuple[str, str]]) -> None:
    quote = connection.ops.quote_name
    if lifted:
        connection.check_constraints()
    with connection.cursor() as cursor:
        for table, trigger in lifted:
            cursor.execute(f"ALTER TABLE {quote(table)} ENABLE TRIGGER {quote(trigger)}")


def _sqlite_drop(connection: BaseDatabaseWrapper) -> list[tuple[str, str]]:
    # SQLite cannot disable a trigger: it is dropped and created again from
    # its own stored definition, so there is no second copy of its SQL here.
    quote = connection.ops.quote_name
    placeholders = ", ".join("%s" for _ in APPEND_ONLY_TABLES)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "  # noqa: S608
            f"AND tbl_name IN ({placeholders}) ORDER BY name",
            list(APPEND_ONLY_TABLES),
        )
        dropped = cursor.fetchall()
        for name, _sql in dropped:
            cursor.execute(f"DROP TRIGGER {quote(name)}")
    return dropped


def _sqlite_recreate(connection: BaseDatabaseWrapper, dropped: list[tuple[str, str]]) -> None:
    with connection.cursor() as cursor:
        for _name, sql in dropped:
            cursor.execute(sql)

"""The audit trail's monthly partitions on PostgreSQL: made ahead, and archived when old.

Migration audit 0004 partitions ``audit_auditevent`` by month (UTC), with
``audit_auditevent_default`` for a month that has no partition yet. Two jobs
keep it so (SQLite keeps one table; both do nothing there):

- ``audit_partitions_ensure``, daily (``amparo.audit.tasks``) and at will:
  the partitions of this month and the next ``AMPARO_AUDIT_PARTITIONS_AHEAD``.
  It calls ``amparo_audit_partition_ensure``, which runs as the tables' owner,
  so the application role can run it too; rows that waited in the default
  partition move into their month's partition.
- ``audit_partitions_archive`` (``manage.py archive_audit_partitions``, run
  as the owner): months older than ``AMPARO_AUDIT_ONLINE_MONTHS`` are
  *detached*, never dropped: each becomes table ``audit_archive.<its name>``,
  still append-only, readable by the owner only (the application role has no
  access to that schema), ready for ``pg_dump --table`` to cold storage.
  Their events leave "who has seen this file". Each archived month is an
  audit event (``audit.partition_archived``).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from amparo.audit import events
from amparo.audit.append_only import require_table_owner
from amparo.audit.models import AuditEvent

TABLE = AuditEvent._meta.db_table
ARCHIVE_SCHEMA = "audit_archive"
# The statements that keep an archived month append-only once it leaves the partitioned table.
_GUARDS = (
    "CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON {table} "
    "FOR EACH ROW EXECUTE FUNCTION amparo_audit_append_only()",
)


@dataclass(frozen=True)
class Partition:
    name: str
    month: datetime.date | None  # None for the default partition


def _first_of_month(day: datetime.date, months: int = 0) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def audit_partitions(*, connection: BaseDatabaseWrapper) -> list[Partition]:
    """The trail's partitions, oldest month first, the default last; empty on SQLite."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i "
            "JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = %s::regclass",
            [TABLE],
        )
        rows = cursor.fetchall()
    found = [
        Partition(name=name, month=None if bound == "DEFAULT" else _month_of(name))
        for name, bound in rows
    ]
    return sorted(found, key=lambda p: (p.month is None, p.month or datetime.date.min))


def _month_of(name: str) -> datetime.date:
    year, month = name.removeprefix(f"{TABLE}_").split("_")
    return datetime.date(int(year), int(month), 1)


def audit_partitions_ensure(
    *, connection: BaseDatabaseWrapper, today: datetime.date, ahead: int
) -> list[str]:
    """Create the partitions of ``today``'s month and the ``ahead`` next; the names created.

    Idempotent: a partition that exists is left alone. Each one created is an
    audit event, in the same transaction. Does nothing on SQLite.
    """
    if connection.vendor != "postgresql":
        return []
    created = []
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        for months in range(ahead + 1):
            # A partition is made by ALTERing the table, refused while deferred checks are
            # pending: checked before each, for the event the one before it wrote (in the
            # default partition, when the clock stands in a month that has none).
            connection.check_constraints()
            cursor.execute(
                "SELECT amparo_audit_partition_ensure(%s)", [_first_of_month(today, months)]
            )
            (name,) = cursor.fetchone()
            if name:
                created.append(name)
                events.audit_partition_created(partition=name)
    return created


def audit_partitions_archive(
    *, connection: BaseDatabaseWrapper, today: datetime.date, online_months: int
) -> list[str]:
    """Detach every month older than the last ``online_months`` into ``audit_archive``; the names.

    Run as the owner (``NotTableOwnerError`` otherwise). Nothing is dropped:
    each month becomes a table of its own in the archive schema, with the
    append-only triggers, one transaction per month, each with its audit
    event. The current month and the ``online_months`` before it stay.
    """
    if connection.vendor != "postgresql":
        return []
    require_table_owner(connection=connection, job="archive_audit_partitions")
    oldest_kept = _first_of_month(today, -online_months)
    quote = connection.ops.quote_name
    archived = []
    for partition in audit_partitions(connection=connection):
        if partition.month is None or partition.month >= oldest_kept:
            continue
        table = quote(partition.name)
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            connection.check_constraints()  # ALTER TABLE waits for no deferred check
            cursor.execute(f"CREATE SCHEMA IF NOT EXISTS {quote(ARCHIVE_SCHEMA)}")
            cursor.execute(f"ALTER TABLE {quote(TABLE)} DETACH PARTITION {table}")
            # Detached, the row trigger cloned from the parent is gone: it is made again.
            for guard in _GUARDS:
                cursor.execute(guard.format(table=table))
            cursor.execute(f"ALTER TABLE {table} SET SCHEMA {quote(ARCHIVE_SCHEMA)}")
            events.audit_partition_archived(partition=f"{ARCHIVE_SCHEMA}.{partition.name}")
        archived.append(partition.name)
    return archived

"""The audit trail partitioned by month on PostgreSQL (migration audit 0004, ``amparo.audit.partitions``).

Every partition is append-only, the default one too; partitions are made
ahead (rows that waited in the default move into their month); old months
are detached into the archive schema, never dropped, each archive audited.
"""

# Table names in the SQL below come from the catalogue or constants, never from input.
# ruff: noqa: S608

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from amparo.audit import events
from amparo.audit.models import AuditEvent
from amparo.audit.partitions import (
    ARCHIVE_SCHEMA,
    TABLE,
    audit_partitions,
    audit_partitions_ensure,
)


@pytest.fixture(autouse=True)
def postgresql_only(db):
    if connection.vendor != "postgresql":
        pytest.skip("The audit trail is partitioned on PostgreSQL only.")


def _event_at(moment: datetime.datetime) -> AuditEvent:
    with time_machine.travel(timezone.make_aware(moment, datetime.UTC), tick=False):
        return events.audit_partition_created(partition="test")


def _partition_of(event: AuditEvent, table: str = TABLE) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT tableoid::regclass::text FROM {table} WHERE id = %s", [event.pk])
        return cursor.fetchone()[0]


def _refused(sql: str, match: str = "append-only") -> None:
    with (
        pytest.raises(DatabaseError, match=match),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)


def test_events_land_in_their_months_partition_and_read_by_id(cast):
    event = _event_at(datetime.datetime.now())
    month = timezone.now().strftime("%Y_%m")
    assert _partition_of(event) == f"{TABLE}_{month}"
    assert AuditEvent.objects.get(pk=event.pk).code == events.Code.AUDIT_PARTITION_CREATED
    names = [p.name for p in audit_partitions(connection=connection)]
    assert names[-1] == f"{TABLE}_default" and f"{TABLE}_{month}" in names


def test_every_partition_refuses_update_delete_and_truncate(cast):
    _event_at(datetime.datetime(2049, 1, 15))  # no partition: the default one
    partitions = audit_partitions(connection=connection)
    for partition in partitions:
        if partition.month is not None:  # a row in each, for the row trigger to refuse
            event = _event_at(datetime.datetime.combine(partition.month, datetime.time(12)))
            assert _partition_of(event) == partition.name
    connection.check_constraints()
    assert any(p.month is None for p in partitions)
    for partition in partitions:
        _refused(f"UPDATE {partition.name} SET code = 'tampered'")
        _refused(f"DELETE FROM {partition.name}")
        _refused(f"TRUNCATE {partition.name}")
    assert not AuditEvent.objects.filter(code="tampered").exists()


def test_partitions_are_made_ahead_and_rows_in_the_default_move_to_their_month(cast):
    waiting = _event_at(datetime.datetime(2041, 5, 20, 12))
    assert _partition_of(waiting) == f"{TABLE}_default"
    created = audit_partitions_ensure(
        connection=connection, today=datetime.date(2041, 5, 3), ahead=2
    )
    assert created == [f"{TABLE}_2041_05", f"{TABLE}_2041_06", f"{TABLE}_2041_07"]
    assert _partition_of(waiting) == f"{TABLE}_2041_05"
    assert AuditEvent.objects.get(pk=waiting.pk).at == waiting.at
    made = AuditEvent.objects.filter(
        code=events.Code.AUDIT_PARTITION_CREATED, object_id__in=created
    )
    assert made.count() == 3
    # Idempotent; and the moved rows are still guarded.
    assert (
        audit_partitions_ensure(connection=connection, today=datetime.date(2041, 5, 3), ahead=2)
        == []
    )
    _refused(f"UPDATE {TABLE}_2041_05 SET code = 'tampered'")


def test_old_months_are_detached_into_the_archive_never_dropped(cast):
    audit_partitions_ensure(connection=connection, today=datetime.date(2021, 1, 1), ahead=0)
    old = _event_at(datetime.datetime(2021, 1, 10))
    recent = _event_at(datetime.datetime.now())
    out = StringIO()
    call_command("archive_audit_partitions", online_months=12, stdout=out)
    archived = f"{ARCHIVE_SCHEMA}.{TABLE}_2021_01"
    assert f"archived: {archived}" in out.getvalue()
    assert not AuditEvent.objects.filter(pk=old.pk).exists()
    assert AuditEvent.objects.filter(pk=recent.pk).exists()
    assert _partition_of(old, archived) == archived  # kept, in the archive schema
    _refused(f"UPDATE {archived} SET code = 'tampered'")
    _refused(f"DELETE FROM {archived}")
    _refused(f"TRUNCATE {archived}")
    logged = AuditEvent.objects.get(code=events.Code.AUDIT_PARTITION_ARCHIVED)
    assert logged.object_id == archived
    # Months within the retention stay.
    names = [p.name for p in audit_partitions(connection=connection)]
    assert f"{TABLE}_{timezone.now():%Y_%m}" in names

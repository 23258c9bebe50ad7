"""On PostgreSQL, the audit table partitioned by month (declarative partitioning); SQLite unchanged.

The rows move into ``audit_auditevent``, now partitioned by range of ``at``:
one partition per calendar month (UTC), ``audit_auditevent_YYYY_MM``, and
``audit_auditevent_default`` as a safety net for a month whose partition was
not created ahead. PostgreSQL needs the partition key in the primary key,
so it is ``(id, at)``; ``id`` still comes from the same identity sequence
and stays unique, and Django keeps reading and writing rows by ``id``.

The append-only guard holds on every partition: the row trigger refusing
UPDATE and DELETE is declared on the partitioned table, so PostgreSQL clones
it onto each partition, those created later too; TRUNCATE's statement
trigger is not cloned, so ``amparo_audit_partition_ensure`` (the one way
partitions are made, also by the application role: it runs as the owner)
puts one on each partition it creates. It also moves a month's rows out of
the default partition when that month's partition comes late.

Run it in a quiet moment on a large trail: every row is copied once.
"""

from django.db import migrations

TABLE = "audit_auditevent"
OLD = "audit_auditevent_unpartitioned"
DEFAULT = "audit_auditevent_default"
# Months of partitions made ahead by the migration; the daily job keeps ahead after.
AHEAD = 3

ENSURE = """
CREATE OR REPLACE FUNCTION amparo_audit_partition_ensure(month date) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $fn$
DECLARE
    lo timestamptz := date_trunc('month', month::timestamp) AT TIME ZONE 'UTC';
    hi timestamptz := (date_trunc('month', month::timestamp) + interval '1 month') AT TIME ZONE 'UTC';
    part text := 'audit_auditevent_' || to_char(month, 'YYYY_MM');
BEGIN
    -- One maker at a time; a transaction lock, so PgBouncer's transaction mode is fine.
    PERFORM pg_advisory_xact_lock(hashtext('amparo_audit_partition_ensure'));
    IF to_regclass(part) IS NOT NULL THEN
        RETURN NULL;
    END IF;
    IF EXISTS (SELECT 1 FROM audit_auditevent_default WHERE at >= lo AND at < hi) THEN
        EXECUTE format('CREATE TABLE %I (LIKE audit_auditevent INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        EXECUTE format('INSERT INTO %I SELECT * FROM audit_auditevent_default WHERE at >= $1 AND at < $2', part)
            USING lo, hi;
        -- Moved, not removed: the same rows are in the new partition, in this transaction.
        ALTER TABLE audit_auditevent_default DISABLE TRIGGER audit_auditevent_append_only;
        DELETE FROM audit_auditevent_default WHERE at >= lo AND at < hi;
        ALTER TABLE audit_auditevent_default ENABLE TRIGGER audit_auditevent_append_only;
        EXECUTE format('ALTER TABLE audit_auditevent ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
            part, lo, hi);
    ELSE
        EXECUTE format('CREATE TABLE %I PARTITION OF audit_auditevent FOR VALUES FROM (%L) TO (%L)',
            part, lo, hi);
    END IF;
    EXECUTE format('CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON %I '
        'FOR EACH STATEMENT EXECUTE FUNCTION amparo_audit_append_only()', part);
    RETURN part;
END
$fn$;
"""

TRIGGERS = [
    f"CREATE TRIGGER audit_auditevent_append_only BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION amparo_audit_append_only()",
    f"CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION amparo_audit_append_only()",
]


def _definitions(cursor):
    """The table's secondary indexes and foreign keys, as SQL that recreates them on the name."""
    cursor.execute(
        "SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema() "
        "AND tablename = %s AND indexname <> %s",
        [TABLE, f"{TABLE}_pkey"],
    )
    indexes = [row[0] for row in cursor.fetchall()]
    cursor.execute(
        "SELECT quote_ident(conname), pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [TABLE],
    )
    foreign_keys = [f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} {d}" for name, d in cursor.fetchall()]
    return indexes, foreign_keys


def _move(cursor, create, after_create):
    """Rename the table aside, create its replacement, copy the rows, drop the old one."""
    indexes, foreign_keys = _definitions(cursor)
    cursor.execute(f"ALTER TABLE {TABLE} RENAME TO {OLD}")
    cursor.execute(f"ALTER TABLE {OLD} RENAME CONSTRAINT {TABLE}_pkey TO {OLD}_pkey")
    for statement in create:
        cursor.execute(statement)
    for statement in after_create(cursor):
        cursor.execute(statement)
    cursor.execute(f"INSERT INTO {TABLE} SELECT * FROM {OLD}")
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{TABLE}', 'id'), "
        f"COALESCE((SELECT max(id) FROM {TABLE}), 0) + 1, false)"
    )
    cursor.execute(f"DROP TABLE {OLD}")
    for statement in [*indexes, *foreign_keys]:
        cursor.execute(statement)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return

    def partitions(cursor):
        cursor.execute("SELECT quote_ident(current_schema())")
        (schema,) = cursor.fetchone()
        cursor.execute(ENSURE.format(schema=schema))
        cursor.execute(
            f"SELECT COALESCE(min(at), now()) AT TIME ZONE 'UTC' FROM {OLD}"
        )
        (first,) = cursor.fetchone()
        return [
            f"SELECT amparo_audit_partition_ensure(m::date) FROM generate_series("
            f"date_trunc('month', '{first.isoformat()}'::timestamp), "
            f"date_trunc('month', now() AT TIME ZONE 'UTC') + interval '{AHEAD} months', "
            "interval '1 month') AS m"
        ]

    with schema_editor.connection.cursor() as cursor:
        _move(
            cursor,
            [
                f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING IDENTITY "
                "INCLUDING CONSTRAINTS) PARTITION BY RANGE (at)",
                f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id, at)",
                f"CREATE TABLE {DEFAULT} PARTITION OF {TABLE} DEFAULT",
                *TRIGGERS,
                f"CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON {DEFAULT} "
                "FOR EACH STATEMENT EXECUTE FUNCTION amparo_audit_append_only()",
            ],
            partitions,
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        _move(
            cursor,
            [
                f"CREATE TABLE {TABLE} (LIKE {OLD} INCLUDING DEFAULTS INCLUDING IDENTITY "
                "INCLUDING CONSTRAINTS)",
                f"ALTER TABLE {TABLE} ADD CONSTRAINT {TABLE}_pkey PRIMARY KEY (id)",
                *TRIGGERS,
            ],
            lambda cursor: [],
        )
        cursor.execute("DROP FUNCTION amparo_audit_partition_ensure(date)")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_refuse_truncate_and_sqlite_rewrites")]
    operations = [migrations.RunPython(forwards, backwards)]

"""The demo at national scale: the planned survivors copied, each copy a person of her own.

Planning and validating one survivor's file costs about 15 ms of Python, so a
million planned one by one would take four hours and, held in memory for the
network and the courts to draw on, 26 GB. Above ``PLANNED`` survivors the seed
plans that many with every rule the services apply (``amparo.demo.plans``) and
makes the rest as copies of them, a batch at a time, in the database's own
transaction:

- each copy of a survivor is a new fictional person: a name, a pseudonym, a case
  code, a phone and a national ID of her own, with the blind-index terms that go
  with them, written from Python (``COPY`` on PostgreSQL);
- the rest of her file (incidents, consents, notes, assignments, flags, family,
  services, assessments, referrals, legal cases with their accused, charges,
  stages and hearings, and the audit events of all those writes) is copied by
  the database itself, ``INSERT … SELECT``, every key shifted by a fixed span per
  table, so that a copy points at its own rows and never at the original's.

Dates stay those of the planned file, so what the services checked for it
(nothing in the future, a report after the incident, a consent before the
referral it allows, one open assignment per worker) holds for every copy. What
is bound to a place or a day is not copied: placements, care plans and their
tasks (a shelter's beds do not multiply), the working day's drafts and closure
requests, imports and notifications.
"""

import random
from collections.abc import Callable, Sequence

from django.core.management.color import no_style
from django.db import connection

from amparo.audit.models import AuditEvent
from amparo.demo.copy_people import CopiedPeople
from amparo.demo.copy_tables import KEYED, SQL_COPIED, CopyPlan, CopySummary, model_of, quoted
from amparo.people.models import SurvivorIndexTerm

# Survivors planned one by one; the rest of a bigger demo are copies of them.
PLANNED = 5_000
# Copies per INSERT … SELECT: about 50,000 survivors and a million rows a statement.
COPIES_PER_STATEMENT = 10

Progress = Callable[[int, int], None]


def copy_survivors(
    *,
    rng: random.Random,
    planned_ids: Sequence[int],
    count: int,
    progress: Progress | None = None,
) -> CopySummary:
    """Add ``count`` survivors with full files, as copies of the survivors ``planned_ids``
    (contiguous, in order); call ``progress(done, count)`` after each batch."""
    summary = CopySummary()
    if count <= 0 or not planned_ids:
        return summary
    plan = CopyPlan.make(planned_ids)
    people = CopiedPeople.load(rng, plan, planned_ids[-1])
    bulk_load = _bulk_load_allowed()
    if bulk_load:
        # The planned part's deferred foreign-key checks run now: an index cannot be
        # built on a table with checks still pending, and the copies queue none.
        connection.check_constraints()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
    indexes = _drop_plain_indexes() if bulk_load else []
    per_copy = len(planned_ids)
    full, rest = divmod(count, per_copy)
    batches = [
        (first, min(full, first + COPIES_PER_STATEMENT - 1), per_copy)
        for first in range(1, full + 1, COPIES_PER_STATEMENT)
    ]
    if rest:
        batches.append((full + 1, full + 1, rest))
    done = 0
    for first, last, survivors in batches:
        cut = planned_ids[survivors - 1]
        for copy in range(first, last + 1):
            people.write_copy(copy, survivors, summary)
        for label in SQL_COPIED:
            # A court case has several victims: it is copied only with all of them.
            if label.startswith("justice.") and survivors < per_copy:
                continue
            summary.rows[label] = summary.added(label) + plan.copy_rows(label, first, last, cut)
        summary.rows["audit.AuditEvent"] = summary.added("audit.AuditEvent") + plan.copy_audit(
            first, last, cut, with_legal=survivors == per_copy
        )
        done += (last - first + 1) * survivors
        summary.survivors = done
        if progress:
            progress(done, count)
    _reset_sequences()
    if bulk_load:
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")
            cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
            for definition in indexes:
                cursor.execute(definition)
    return summary


def _bulk_load_allowed() -> bool:
    """On PostgreSQL as a superuser, load the copies as PostgreSQL's manual advises.

    That is, without the per-row foreign-key triggers and with the plain indexes
    built once at the end ("Populating a Database"): every key of a copy is its
    original's shifted by its table's span, so it points at a row the same batch
    wrote (``test_copies`` checks every foreign key of a copied demo), and 25
    million trigger calls and index insertions would triple the seed. Any other
    role copies with both, only slower. All of it is in the seed's transaction.
    """
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        row = cursor.fetchone()
    return bool(row and row[0])


def _drop_plain_indexes() -> list[str]:
    """Drop the copied tables' non-unique indexes; the statements that make them again."""
    tables = [model_of(label)._meta.db_table for label in [*KEYED, "audit.AuditEvent"]]
    tables.append(SurvivorIndexTerm._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
            "AND tablename = ANY(%s) AND indexdef NOT LIKE 'CREATE UNIQUE %%'",
            [tables],
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f"DROP INDEX {quoted(name)}")
    # A partitioned table's index reads "ON ONLY": made again without it, for every month.
    return [definition.replace(" ON ONLY ", " ON ", 1) for _name, definition in found]


def _reset_sequences() -> None:
    """New rows after the copies take keys above them (PostgreSQL keeps a sequence per table)."""
    sql = connection.ops.sequence_reset_sql(
        no_style(), [model_of(label) for label in KEYED] + [AuditEvent]
    )
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)

"""Fast search at scale: a survivor's name-sound digests beside it, and GIN indexes.

``name_digests`` is filled for existing survivors from their ``sound`` index
terms (digests already, so no identity is decrypted), in batches. On
PostgreSQL, ``pg_trgm`` is enabled and two GIN indexes are built: one over the
digests for a search by name (``@>``), one of trigrams over the upper-cased
pseudonym for a search by part of it (``icontains``). SQLite gets the column
only: it keeps searching names through the index terms.
"""

from django.db import migrations, models

from amparo.core.migration_ops import PostgreSQLOnlySQL

BATCH = 1000


# On PostgreSQL one statement does it: a million survivors in about a minute, where
# batches of bulk_update took ten.
FILL_SQL = """
UPDATE people_survivor s SET name_digests = t.digests
FROM (
    SELECT survivor_id, jsonb_agg(digest ORDER BY digest) AS digests
    FROM people_survivorindexterm WHERE kind = 'sound' GROUP BY survivor_id
) t
WHERE t.survivor_id = s.id
"""


def fill_name_digests(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL_SQL)
        return
    Survivor = apps.get_model("people", "Survivor")
    Term = apps.get_model("people", "SurvivorIndexTerm")
    last_pk = 0
    while True:
        batch = list(Survivor.objects.filter(pk__gt=last_pk).order_by("pk")[:BATCH])
        if not batch:
            return
        digests = {}
        for survivor_id, digest in Term.objects.filter(
            survivor__in=batch, kind="sound"
        ).values_list("survivor_id", "digest"):
            digests.setdefault(survivor_id, []).append(digest)
        for survivor in batch:
            survivor.name_digests = sorted(digests.get(survivor.pk, []))
        Survivor.objects.bulk_update(batch, ["name_digests"])
        last_pk = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_survivor_age_band"),
    ]

    operations = [
        migrations.AddField(
            model_name="survivor",
            name="name_digests",
            field=models.JSONField(
                blank=True, default=list, editable=False, verbose_name="name digests"
            ),
        ),
        migrations.RunPython(fill_name_digests, migrations.RunPython.noop, elidable=False),
        # Not Django's TrigramExtension: undone, it asks SQLite about pg_extension.
        # Undone, the extension stays: other indexes may have come to use it.
        PostgreSQLOnlySQL("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        PostgreSQLOnlySQL(
            "CREATE INDEX survivor_name_digests_gin ON people_survivor "
            "USING gin (name_digests jsonb_path_ops)",
            "DROP INDEX survivor_name_digests_gin",
        ),
        PostgreSQLOnlySQL(
            "CREATE INDEX survivor_pseudonym_trgm ON people_survivor "
            "USING gin (UPPER(pseudonym) gin_trgm_ops)",
            "DROP INDEX survivor_pseudonym_trgm",
        ),
    ]

"""A search by the start of a case code, served by an index on PostgreSQL.

``code__istartswith`` is ``UPPER(code) LIKE 'X%'``; a btree over the
organisation and ``UPPER(code)`` with ``text_pattern_ops`` answers it whatever
the database's collation. SQLite keeps its plain scan.
"""

from django.db import migrations

from amparo.core.migration_ops import PostgreSQLOnlySQL


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0009_perpetrator_relation_other"),
    ]

    operations = [
        PostgreSQLOnlySQL(
            "CREATE INDEX case_code_upper_prefix ON cases_case "
            "(organisation_id, UPPER(code) text_pattern_ops)",
            "DROP INDEX case_code_upper_prefix",
        ),
    ]

"""The test suite's flush: empties every table, the audit trail included.

Django's TransactionTestCase (pytest-django's ``transactional_db`` and
``live_server``) flushes the database after each test, with TRUNCATE on
PostgreSQL and DELETE on SQLite, both of which the append-only triggers
refuse. This command is installed only by ``config.settings_test`` (an app's
command replaces Django's own); the test database belongs to the role that
runs the suite, which lifts the triggers for the flush's own transaction.
A production ``manage.py flush`` keeps Django's command and is refused.
"""

from django.core.management.commands import flush
from django.db import connections

from amparo.audit.append_only import append_only_lifted


class Command(flush.Command):
    def handle(self, **options: object) -> None:
        connection = connections[str(options["database"])]
        with append_only_lifted(connection=connection):
            super().handle(**options)

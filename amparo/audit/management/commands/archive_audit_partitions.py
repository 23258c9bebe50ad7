"""``manage.py archive_audit_partitions``: detach old months of the audit trail, run by the owner.

Months older than ``AMPARO_AUDIT_ONLINE_MONTHS`` (or ``--online-months``) move
to the ``audit_archive`` schema, detached, never dropped (``amparo.audit.partitions``).
It first makes the coming months' partitions. PostgreSQL only.
"""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from amparo.audit.append_only import NotTableOwnerError
from amparo.audit.partitions import (
    ARCHIVE_SCHEMA,
    audit_partitions_archive,
    audit_partitions_ensure,
)


class Command(BaseCommand):
    help = (
        "Detach the audit trail's months older than AMPARO_AUDIT_ONLINE_MONTHS into the "
        f"{ARCHIVE_SCHEMA} schema (kept, never dropped). Run as the owner role."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--online-months", type=int, default=None)
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(
        self, *args: object, online_months: int | None, database: str, **options: object
    ) -> None:
        connection = connections[database]
        if connection.vendor != "postgresql":
            raise CommandError("The audit trail is partitioned on PostgreSQL only.")
        months = settings.AMPARO_AUDIT_ONLINE_MONTHS if online_months is None else online_months
        if months < 1:
            raise CommandError("--online-months must be 1 or more.")
        today = timezone.now().date()
        audit_partitions_ensure(
            connection=connection, today=today, ahead=settings.AMPARO_AUDIT_PARTITIONS_AHEAD
        )
        try:
            archived = audit_partitions_archive(
                connection=connection, today=today, online_months=months
            )
        except NotTableOwnerError as exc:
            raise CommandError(str(exc)) from exc
        for name in archived:
            self.stdout.write(f"archived: {ARCHIVE_SCHEMA}.{name}")
        self.stdout.write(self.style.SUCCESS(f"{len(archived)} months archived."))

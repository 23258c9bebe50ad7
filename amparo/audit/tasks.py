"""Background work of the audit trail (huey; inline when AMPARO_TASKS_IMMEDIATE)."""

from django.conf import settings
from django.db import connection
from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amparo.audit.partitions import audit_partitions_ensure


@db_periodic_task(crontab(hour="2", minute="40"))
def ensure_audit_partitions() -> list[str]:
    """Daily; idempotent: the trail's partitions for this month and the next ones (PostgreSQL)."""
    return audit_partitions_ensure(
        connection=connection,
        today=timezone.now().date(),
        ahead=settings.AMPARO_AUDIT_PARTITIONS_AHEAD,
    )

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amparo.aftercare.reminders import overdue_digests_send


@db_periodic_task(crontab(hour="6", minute="30"))
def send_overdue_digests() -> int:
    """Daily; idempotent (one digest per user per day), so a repeated run does no harm."""
    return overdue_digests_send()

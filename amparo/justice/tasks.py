from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amparo.justice.reminders import hearing_reminders_send


@db_periodic_task(crontab(minute="15"))
def send_hearing_reminders() -> int:
    """Hourly; idempotent, so a missed or repeated run does no harm."""
    return hearing_reminders_send()

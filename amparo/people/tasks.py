"""Background work of people (huey; inline when AMPARO_TASKS_IMMEDIATE)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amparo.people.services.ages import survivor_age_bands_refresh


@db_periodic_task(crontab(hour="0", minute="5"))
def refresh_age_bands() -> int:
    """Daily, just after midnight; idempotent (a survivor worked out today is skipped), so a
    repeated run does no harm."""
    return survivor_age_bands_refresh()

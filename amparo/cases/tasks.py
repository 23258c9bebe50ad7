"""Background work of cases (huey; inline when AMPARO_TASKS_IMMEDIATE)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from amparo.cases.services.draft_retention import intake_drafts_purge


@db_periodic_task(crontab(hour="3", minute="10"))
def purge_intake_drafts() -> int:
    """Daily; idempotent (an erased draft is never erased again), so a repeated run does no harm."""
    return intake_drafts_purge()

"""Background work of the partner network (huey; inline when AMPARO_TASKS_IMMEDIATE)."""

from huey.contrib.djhuey import db_task

from amparo.network.services.emails import notification_emails_send


@db_task(retries=3, retry_delay=60)
def email_notifications(notification_ids: list[int]) -> int:
    """Idempotent: a retry after a mail-server failure sends only what is still owed."""
    return notification_emails_send(notification_ids=notification_ids)

"""Background work of accounts (huey; inline when AMPARO_TASKS_IMMEDIATE)."""

from huey.contrib.djhuey import db_task

from amparo.accounts.invitations import invitation_send


@db_task(retries=3, retry_delay=60)
def send_invitation(user_id: int, inviter_id: int | None) -> bool:
    """Idempotent enough: once the member has set a password, nothing more is sent."""
    return invitation_send(user_id=user_id, inviter_id=inviter_id)

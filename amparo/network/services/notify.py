"""In-app notifications, and email where configured (``amparo.network.services.emails``).

A notification stores only its kind and the referral or transfer it is about,
never survivor data.
"""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.network import vocab
from amparo.network.models import Notification, Referral, Transfer
from amparo.network.selectors import members_with
from amparo.network.tasks import email_notifications


def referral_desk(organisation_id: int) -> list[User]:
    """Who hears of a new referral: the supervisors, else everyone who answers referrals."""
    return members_with(organisation_id, Perm.REFERRALS, Perm.CASES_ALL) or members_with(
        organisation_id, Perm.REFERRALS
    )


def notify(
    users: Iterable[User],
    kind: vocab.NotificationKind,
    *,
    referral: Referral | None = None,
    transfer: Transfer | None = None,
) -> list[Notification]:
    """Tell each active user, once however often named, of ``kind`` about the referral
    or transfer; emailed once the caller's transaction commits, where configured."""
    recipients = {u.pk: u for u in users if u.is_active}
    notes = Notification.objects.bulk_create(
        Notification(user=u, kind=kind, referral=referral, transfer=transfer)
        for u in recipients.values()
    )
    to_email = [n.pk for n in notes if n.user.email]
    if settings.AMPARO_NOTIFY_BY_EMAIL and to_email:
        # Queued once the change is committed: a rolled-back referral sends nothing,
        # and a slow or failing mail server never holds up the person who acted.
        transaction.on_commit(lambda: email_notifications(to_email))
    return notes


def mark_read(*, actor: User, notification_ids: list[int] | None = None) -> int:
    """Mark the actor's notifications read (all when no ids are given); returns how many.

    Only the actor's own: ids of anyone else's are left alone and not counted.
    """
    unread = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())

"""In-app notifications, and email where configured.

A notification stores only its kind and the referral or transfer it is about;
the email says only that something is waiting and where, with the referral's
reference: never a survivor's name, pseudonym or details, since email leaves
the system.
"""

from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import ROLE_PERMS, Perm
from amparo.network import vocab
from amparo.network.models import Notification, Referral, Transfer


def members_with(organisation_id: int, *perms: Perm) -> list[User]:
    """Active members of the organisation whose role holds every one of ``perms``."""
    roles = [role for role, held in ROLE_PERMS.items() if set(perms) <= held]
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=organisation_id, is_active=True, role__in=roles
        ).select_related("user")
    ]


def referral_desk(organisation_id: int) -> list[User]:
    """Who hears of a new referral: the supervisors, else everyone who answers referrals."""
    return members_with(organisation_id, Perm.REFERRALS, Perm.CASES_ALL) or members_with(
        organisation_id, Perm.REFERRALS
    )


def _link(referral: Referral | None, transfer: Transfer | None) -> str:
    if referral is not None:
        return reverse("referral_detail", args=[referral.pk])
    assert transfer is not None
    return reverse("transfer_detail", args=[transfer.pk])


def notify(
    users: Iterable[User],
    kind: vocab.NotificationKind,
    *,
    referral: Referral | None = None,
    transfer: Transfer | None = None,
) -> list[Notification]:
    recipients = {u.pk: u for u in users if u.is_active}
    notes = Notification.objects.bulk_create(
        Notification(user=u, kind=kind, referral=referral, transfer=transfer)
        for u in recipients.values()
    )
    to_email = [n.pk for n in notes if n.user.email]
    if settings.AMPARO_NOTIFY_BY_EMAIL and to_email:
        from amparo.network.tasks import email_notifications

        # Queued once the change is committed: a rolled-back referral sends nothing,
        # and a slow or failing mail server never holds up the person who acted.
        transaction.on_commit(lambda: email_notifications(to_email))
    return notes


def _email(note: Notification) -> EmailMessage:
    about = note.referral or note.transfer
    assert about is not None
    link = settings.AMPARO_BASE_URL.rstrip("/") + _link(note.referral, note.transfer)
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"Amparo: {vocab.NotificationKind(note.kind).label} ({about.reference})"
        body = _("Sign in to Amparo to see it: %(link)s") % {"link": link}
    return EmailMessage(subject, body, to=[note.user.email])


def _may_open(note: Notification) -> bool:
    from amparo.network.selectors import notifications_for_user

    return notifications_for_user(user=note.user).filter(pk=note.pk).exists()


def notification_emails_send(*, notification_ids: list[int]) -> int:
    """Email each of these notifications not emailed yet; returns how many were sent.

    Only those the reader may still open, as their list would show them. Each
    one is marked as it goes, so a task retried after a mail-server failure
    sends only what is still owed, and never anything twice.
    """
    owed = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True, user__is_active=True
    ).select_related("user", "referral", "transfer")
    sent = 0
    with get_connection() as connection:
        for note in owed:
            # Access may have changed since it was queued (a transfer, an
            # unassignment): email only what the reader's list would show now.
            if not note.user.email or not _may_open(note):
                continue
            message = _email(note)
            message.connection = connection
            message.send()
            Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())
            sent += 1
    return sent


def mark_read(*, actor: User, notification_ids: list[int] | None = None) -> int:
    """Mark the actor's notifications read (all when no ids are given); returns how many."""
    unread = Notification.objects.filter(user=actor, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    return unread.update(read_at=timezone.now())

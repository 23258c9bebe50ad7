"""Email for in-app notifications, where configured.

The email says only that something is waiting and where, with the referral's
or transfer's reference (a case only by the number in its link): never a
survivor's name, pseudonym, case code or details, since email leaves the system.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from amparo.network import vocab
from amparo.network.models import Notification
from amparo.network.selectors import notifications_for_user


def _email(note: Notification) -> EmailMessage:
    link = settings.AMPARO_BASE_URL.rstrip("/") + note.get_absolute_url()
    with translation.override(settings.LANGUAGE_CODE):
        subject = f"Amparo: {vocab.NotificationKind(note.kind).label}"
        if note.referral_id is not None or note.transfer_id is not None:
            # A referral's or transfer's reference says nothing of the survivor; a
            # case code is on the survivor's papers, so it stays out of an inbox.
            subject += f" ({note.reference})"
        body = _("Sign in to Amparo to see it: %(link)s") % {"link": link}
    return EmailMessage(subject, body, to=[note.user.email])


def _may_open(note: Notification) -> bool:
    return notifications_for_user(user=note.user).filter(pk=note.pk).exists()


def notification_emails_send(*, notification_ids: list[int]) -> int:
    """Email each of these notifications not emailed yet; returns how many were sent.

    Only those the reader may still open, as their list would show them. Each
    one is marked as it goes, so a task retried after a mail-server failure
    sends only what is still owed, and never anything twice.
    """
    owed = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True, user__is_active=True
    ).select_related("user", "referral", "transfer", "case")
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

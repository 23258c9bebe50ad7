"""Notification emails go through the task queue, once each, and a failure loses none."""

from unittest import mock

import pytest
from django.core import mail

from amparo.network.models import Notification
from amparo.network.services.emails import notification_emails_send


@pytest.fixture
def emailed(settings):
    settings.AMPARO_NOTIFY_BY_EMAIL = True


def test_a_referral_emails_the_partner_once_committed(
    net, emailed, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        referral = net.send()
    assert not mail.outbox  # nothing leaves before the commit
    for callback in queued:
        callback()
    assert [m.to for m in mail.outbox] == [[net.cast.partner_supervisor.email]]
    assert mail.outbox[0].subject.endswith(f"({referral.reference})")
    assert Notification.objects.get(referral=referral).emailed_at is not None


def test_sending_again_sends_nothing_twice(net, emailed, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        net.send()
    ids = list(Notification.objects.values_list("pk", flat=True))
    assert len(mail.outbox) == 1
    assert notification_emails_send(notification_ids=ids) == 0
    assert len(mail.outbox) == 1


def test_a_mail_server_failure_leaves_the_email_owed(
    net, emailed, django_capture_on_commit_callbacks
):
    # The task fails and huey schedules a retry; the referral itself is not undone.
    with (
        mock.patch("django.core.mail.message.EmailMessage.send", side_effect=OSError("down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        referral = net.send()
    note = Notification.objects.get(referral=referral)
    assert note.emailed_at is None and not mail.outbox  # the email is still owed
    assert notification_emails_send(notification_ids=[note.pk]) == 1
    assert len(mail.outbox) == 1


def test_no_email_without_the_setting(net, settings, django_capture_on_commit_callbacks):
    settings.AMPARO_NOTIFY_BY_EMAIL = False
    with django_capture_on_commit_callbacks(execute=True):
        net.send()
    assert Notification.objects.exists() and not mail.outbox

import datetime

from django.core import mail
from django.utils import timezone

from amparo.justice.reminders import hearing_reminders_send
from amparo.justice.services import hearing_schedule
from amparo.justice.tasks import send_hearing_reminders


def test_reminder_sent_once_to_the_lawyers(cast, legal_case, django_capture_on_commit_callbacks):
    soon = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() + datetime.timedelta(days=2),
        kind="trial",
    )
    hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() + datetime.timedelta(days=20),
        kind="trial",
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert hearing_reminders_send() == 1
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {cast.lawyer.email, cast.supervisor.email}
    email = mail.outbox[0]
    assert "Testa" not in email.body and "Mariposa" not in email.body
    # The title can name the accused: it is encrypted at rest and never emailed.
    assert legal_case.title not in email.subject and legal_case.title not in email.body
    assert cast.case.code in email.body and soon.court.name in email.subject
    soon.refresh_from_db()
    assert soon.reminder_sent_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        assert send_hearing_reminders.call_local() == 0
    assert len(mail.outbox) == 1

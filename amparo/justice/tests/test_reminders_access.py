"""Hearing reminders follow what each lawyer may open now, as the pages do."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Role
from amparo.justice.reminders import hearing_reminders_send
from amparo.justice.selectors import upcoming_hearings
from amparo.justice.services import hearing_schedule


def _hearing_soon(cast, legal_case):
    return hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() + datetime.timedelta(days=2),
        kind="trial",
    )


@pytest.mark.parametrize(
    "change",
    [{"is_active": False}, {"role": Role.DATA_ANALYST}],
    ids=["left the organisation", "no longer a lawyer"],
)
def test_a_lawyer_who_may_no_longer_open_the_legal_case_is_not_reminded(
    cast, legal_case, django_capture_on_commit_callbacks, change
):
    _hearing_soon(cast, legal_case)
    # Still on the legal case (the row was never ended), but no longer allowed in.
    Membership.objects.filter(user=cast.lawyer).update(**change)
    assert legal_case.lawyers.filter(user=cast.lawyer, ended_at__isnull=True).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert hearing_reminders_send() == 1
    assert len(mail.outbox) == 1
    assert set(mail.outbox[0].to) == {cast.supervisor.email}
    assert not upcoming_hearings(user=User.objects.get(pk=cast.lawyer.pk)).exists()


def test_no_email_when_no_lawyer_may_open_the_legal_case(
    cast, legal_case, django_capture_on_commit_callbacks
):
    hearing = _hearing_soon(cast, legal_case)
    Membership.objects.filter(user__in=[cast.lawyer, cast.supervisor]).update(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        assert hearing_reminders_send() == 1
    assert mail.outbox == []
    hearing.refresh_from_db()
    assert hearing.reminder_sent_at is not None

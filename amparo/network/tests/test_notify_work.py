"""Notifications of the working day: a case assigned, an approval asked, overdue work.

Each follows access like every other notification (a case taken away takes
its notification with it), and its e-mail carries no case code: only that
something waits, and a link.
"""

import re

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse

from amparo.aftercare.models import FollowUp
from amparo.aftercare.reminders import overdue_digests_send
from amparo.aftercare.tests.conftest import days_ago
from amparo.aftercare.tests.records import restoration_records
from amparo.cases.models import CaseAssignment
from amparo.cases.services import case_assign, case_unassign, intake_submit
from amparo.network.models import Notification
from amparo.network.selectors import notifications_for_user, unread_notification_count
from amparo.network.vocab import NotificationKind
from amparo.testing.api import api_client
from amparo.testing.factories import intake_input


def test_an_assignment_tells_the_worker_and_links_to_the_case(cast, client):
    case = intake_submit(actor=cast.caseworker, data=intake_input())
    # Opening a case assigns its author: no one is told of their own act.
    assert not Notification.objects.filter(kind=NotificationKind.CASE_ASSIGNED).exists()
    case_assign(actor=cast.supervisor, case=case, user_id=cast.lawyer.pk)
    note = notifications_for_user(user=cast.lawyer).get()
    assert note.kind == NotificationKind.CASE_ASSIGNED and note.case_id == case.pk
    client.force_login(cast.lawyer)
    page = client.get(reverse("notification_list")).content.decode()
    assert "A case was assigned to you" in page
    assert reverse("case_file", args=[case.pk]) in page and case.code in page
    assert case.survivor.pseudonym not in page
    body = api_client(cast.lawyer).get("/api/v1/notifications/").json()
    row = body["results"][0]
    assert row["kind"] == "case.assigned" and row["case"] == case.pk
    assert row["reference"] == case.code
    assert row["link"] == reverse("case_file", args=[case.pk])


def test_a_case_taken_away_takes_its_notification(cast):
    case = intake_submit(actor=cast.caseworker, data=intake_input())
    assignment = case_assign(actor=cast.supervisor, case=case, user_id=cast.lawyer.pk)
    assert unread_notification_count(user=cast.lawyer) == 1
    case_unassign(actor=cast.supervisor, case=case, assignment_id=assignment.pk)
    assert unread_notification_count(user=cast.lawyer) == 0
    assert not notifications_for_user(user=cast.lawyer).exists()
    # Kept, never deleted: assigned again, it is listed again.
    case_assign(actor=cast.supervisor, case=case, user_id=cast.lawyer.pk)
    assert notifications_for_user(user=cast.lawyer).count() == 2


def test_an_approval_asked_tells_each_supervisor_what_is_asked(cast, client):
    restoration_records(cast)
    notes = Notification.objects.filter(
        user=cast.supervisor, kind=NotificationKind.APPROVAL_REQUESTED
    )
    assert notes.exists()
    assert all(n.task is not None and n.task.assigned_to_id == cast.supervisor.pk for n in notes)
    client.force_login(cast.supervisor)
    page = client.get(reverse("notification_list")).content.decode()
    assert "Your approval is requested: Approve a care plan" in page
    client.cookies["django_language"] = "es"
    page = client.get(reverse("notification_list"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Se solicita su aprobación: Aprobar un plan de atención" in page
    # Only approvals: a caseworker's task to review a risk stays in My work.
    assert not Notification.objects.filter(
        kind=NotificationKind.APPROVAL_REQUESTED, user=cast.caseworker
    ).exists()


def test_overdue_work_is_one_notice_a_day_however_often_the_job_runs(cast, client):
    FollowUp.objects.create(case=cast.case, due_on=days_ago(3))
    overdue_digests_send(today=days_ago(0))
    overdue_digests_send(today=days_ago(0))
    notices = Notification.objects.filter(kind=NotificationKind.WORK_OVERDUE)
    assert list(notices.values_list("user", "day")) == [(cast.caseworker.pk, days_ago(0))]
    overdue_digests_send(today=days_ago(-1))
    assert notices.count() == 2
    client.force_login(cast.caseworker)
    page = client.get(reverse("notification_list")).content.decode()
    assert "You have overdue work" in page and reverse("my_work") in page
    # Who has nothing overdue hears nothing.
    assert not notices.filter(user=cast.supervisor).exists()


def test_at_most_one_daily_notice_is_a_database_rule(cast):
    Notification.objects.create(
        user=cast.caseworker, kind=NotificationKind.WORK_OVERDUE, day=days_ago(0)
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            user=cast.caseworker, kind=NotificationKind.WORK_OVERDUE, day=days_ago(0)
        )


def test_emails_of_case_notifications_carry_no_case_code(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.AMPARO_NOTIFY_BY_EMAIL = True
    with django_capture_on_commit_callbacks(execute=True):
        records = restoration_records(cast)
        case = intake_submit(actor=cast.caseworker, data=intake_input())
        case_assign(actor=cast.supervisor, case=case, user_id=cast.lawyer.pk)
    assert mail.outbox
    codes = [case.code, cast.case.code, case.survivor.pseudonym, cast.case.survivor.pseudonym]
    subjects = {m.subject for m in mail.outbox}
    assert "Amparo: A case was assigned to you" in subjects
    assert "Amparo: Your approval is requested" in subjects
    for email in mail.outbox:
        text = f"{email.subject}\n{email.body}"
        assert not any(code in text for code in codes), text
        assert re.search(r"/cases/\d+/", email.body), email.body
    assert records.case == cast.case.pk
    assert CaseAssignment.objects.filter(case=case, user=cast.lawyer).exists()

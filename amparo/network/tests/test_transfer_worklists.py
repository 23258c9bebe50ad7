"""Work lists follow access: after a transfer the former owner's My work, tasks,
digests and notifications no longer carry the case, and the new owner's
supervisors receive the open tasks and approvals, under the new case code.
"""

import datetime
import importlib

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.models import User
from amparo.aftercare.models import CarePlan, Task
from amparo.aftercare.reminders import digest_text
from amparo.aftercare.selectors import my_work, tasks_for_user
from amparo.aftercare.services.careplans import care_plan_approve
from amparo.aftercare.services.common import task_complete
from amparo.aftercare.tests.records import restoration_records
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.services import case_assign, case_unassign
from amparo.network import selectors
from amparo.network.models import Notification, Referral, Transfer
from amparo.network.services.emails import notification_emails_send
from amparo.network.tests.test_transfers import transferred
from amparo.people.inputs import SurvivorInput
from amparo.people.services import survivor_update
from amparo.testing.api import api_client

# Far enough ahead that every task, follow-up and review is overdue in a digest.
LATER = timezone.localdate() + datetime.timedelta(days=60)


def _with_work(net):
    """Lex's case with open approvals (care plan, reintegration) and an overdue follow-up."""
    cast = net.cast
    records = restoration_records(cast)
    old_code = Case.objects.get(pk=cast.case.pk).code
    lex_tasks = list(Task.objects.filter(case_id=records.case, done_at__isnull=True))
    assert {t.kind for t in lex_tasks} == {"approve_plan", "approve_reintegration"}
    assert {t.assigned_to for t in lex_tasks} == {cast.supervisor}
    return records, old_code, lex_tasks


def _texts(client, user) -> str:
    """Everything ``user`` reads in their lists of work, pages and API."""
    client.force_login(user)
    api = api_client(user)
    return "\n".join(
        [
            client.get(reverse("my_work")).content.decode(),
            client.get(reverse("notification_list")).content.decode(),
            str(api.get("/api/v1/my-work/").json()),
            str(api.get("/api/v1/tasks/").json()),
            str(api.get("/api/v1/notifications/").json()),
        ]
    )


def test_the_former_owner_no_longer_sees_nor_completes_the_tasks(net, client):
    cast = net.cast
    records, old_code, lex_tasks = _with_work(net)
    before = _texts(client, cast.supervisor)
    assert "Approve a care plan" in before and old_code in before  # the test can fail
    assert old_code in digest_text(cast.supervisor, LATER)[1]
    assert old_code in digest_text(cast.caseworker, LATER)[1]

    transferred(net, keep=["notes"])
    new_code = Case.objects.get(pk=records.case).code
    for user in (cast.supervisor, cast.caseworker):
        seen = _texts(client, user)
        assert "Approve a care plan" not in seen and "Follow-up visit" not in seen
        assert old_code not in seen and new_code not in seen
        assert my_work(user=user, today=LATER).items == []
        assert digest_text(user, LATER) is None
        assert not tasks_for_user(user=user).exists()
    client.force_login(cast.supervisor)
    api = api_client(cast.supervisor)
    for task in lex_tasks:
        assert api.post(f"/api/v1/tasks/{task.pk}/complete/").status_code == 404
        assert client.post(reverse("task_done", args=[task.pk])).status_code == 404
        with pytest.raises(PermissionDenied):
            task_complete(actor=cast.supervisor, task=task)
        task.refresh_from_db()
        assert task.done_by is None


def test_the_new_owners_supervisors_receive_the_open_approvals(net, client):
    cast = net.cast
    records, _, lex_tasks = _with_work(net)
    transfer = transferred(net, keep=[])
    new_code = Case.objects.get(pk=records.case).code
    assert transfer.new_code == new_code

    received = list(tasks_for_user(user=cast.partner_supervisor))
    assert sorted(t.kind for t in received) == ["approve_plan", "approve_reintegration"]
    by_kind = {t.kind: t for t in lex_tasks}
    for task in received:
        assert task.case_id == records.case
        assert (task.source_type, task.source_id, task.due_on) == (
            by_kind[task.kind].source_type,
            by_kind[task.kind].source_id,
            by_kind[task.kind].due_on,
        )
    listed = api_client(cast.partner_supervisor).get("/api/v1/tasks/").json()
    assert {row["case_code"] for row in listed} == {new_code}
    client.force_login(cast.partner_supervisor)
    page = client.get(reverse("my_work")).content.decode()
    assert "Approve a care plan" in page and new_code in page

    # Each former task is closed as handed over (nobody did it), in the audit trail.
    for task in lex_tasks:
        task.refresh_from_db()
        assert task.done_at is not None and task.done_by is None
    handed = AuditEvent.objects.filter(code=Code.TASK_HANDED_OVER, case_id=records.case)
    assert sorted(handed.values_list("object_id", flat=True)) == sorted(
        str(t.pk) for t in lex_tasks
    )
    assert set(handed.values_list("actor_id", flat=True)) == {cast.partner_supervisor.pk}

    # The approval still answers its task, now for the new owner.
    care_plan_approve(actor=cast.partner_supervisor, plan=CarePlan.objects.get(pk=records.plan))
    assert [t.kind for t in tasks_for_user(user=cast.partner_supervisor)] == [
        "approve_reintegration"
    ]


def test_a_transfer_with_no_open_tasks_creates_none(net):
    cast = net.cast
    transferred(net, keep=[])
    assert not Task.objects.filter(case_id=cast.case.pk).exists()
    assert not AuditEvent.objects.filter(code=Code.TASK_HANDED_OVER).exists()


def test_my_work_of_the_new_owner_keeps_constant_queries(net, client):
    cast = net.cast
    _with_work(net)
    transferred(net, keep=[])
    client.force_login(cast.partner_supervisor)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("my_work")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    case = Case.objects.get(pk=cast.case.pk)
    for _ in range(3):
        Task.objects.create(
            case=case, kind="review_risk", assigned_to=cast.partner_supervisor, due_on=LATER
        )
    assert count() == before


def _renamed_after_transfer(net):
    cast = net.cast
    old = Case.objects.get(pk=cast.case.pk).survivor.pseudonym
    transfer = transferred(net, keep=["notes"])
    assert transfer.previous_pseudonym == old
    case = Case.objects.select_related("survivor").get(pk=cast.case.pk)
    survivor = case.survivor
    survivor_update(
        actor=cast.partner_supervisor,
        case=case,
        expected_version=survivor.version,
        data=SurvivorInput(
            pseudonym="Quetzal Nuevo", sex=survivor.sex, birth_year=survivor.birth_year
        ),
    )
    return Referral.objects.get(transfer=transfer), old


def test_the_kept_file_shows_the_pseudonym_as_it_stood_at_the_transfer(net, client):
    cast = net.cast
    kept, old = _renamed_after_transfer(net)
    client.force_login(cast.supervisor)
    detail = client.get(reverse("referral_detail", args=[kept.pk])).content.decode()
    inbox = client.get(reverse("referral_inbox")).content.decode()
    for page in (detail, inbox):
        assert old in page and "Quetzal Nuevo" not in page
    api = api_client(cast.supervisor)
    shared = api.get(f"/api/v1/referrals/{kept.pk}/shared/").json()
    assert shared["profile"]["pseudonym"] == old
    assert api.get(f"/api/v1/referrals/{kept.pk}/").json()["survivor"]["pseudonym"] == old
    listed = api.get("/api/v1/referrals/").json()["results"]
    assert [r["survivor"]["pseudonym"] for r in listed if r["id"] == kept.pk] == [old]


def test_the_new_owner_sees_the_pseudonym_it_gave(net, client):
    cast = net.cast
    kept, old = _renamed_after_transfer(net)
    client.force_login(cast.partner_supervisor)
    detail = client.get(reverse("referral_detail", args=[kept.pk])).content.decode()
    assert "Quetzal Nuevo" in detail and old not in detail
    sent = api_client(cast.partner_supervisor).get(f"/api/v1/referrals/{kept.pk}/").json()
    assert sent["survivor"]["pseudonym"] == "Quetzal Nuevo"


def _notified_of_acceptance(net):
    """Lex's caseworker is told that Refugio accepted the referral they sent."""
    referral = net.accepted()
    cast = net.cast
    assert selectors.notifications_for_user(user=cast.caseworker).filter(referral=referral)
    return referral


def _notifications_read_by(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("notification_list")).content.decode() + str(
        api_client(user).get("/api/v1/notifications/").json()
    )


@pytest.mark.parametrize("how", ["transfer", "unassignment"])
def test_notifications_follow_what_the_user_may_open_now(net, client, how):
    cast = net.cast
    referral = _notified_of_acceptance(net)
    assert referral.reference in _notifications_read_by(client, cast.caseworker)
    if how == "transfer":
        transferred(net, keep=[])
    else:
        assignment = cast.case.assignments.get(user=cast.caseworker, ended_at__isnull=True)
        case_unassign(actor=cast.supervisor, case=cast.case, assignment_id=assignment.pk)
    caseworker = User.objects.get(pk=cast.caseworker.pk)
    assert referral.reference not in _notifications_read_by(client, caseworker)
    assert selectors.unread_notification_count(user=caseworker) == 0
    # The note is kept (nothing is deleted), and the supervisors still see the transfer's.
    assert Notification.objects.filter(user=caseworker, referral=referral).exists()
    if how == "transfer":
        supervisor = User.objects.get(pk=cast.supervisor.pk)
        assert "TRF-" in _notifications_read_by(client, supervisor)


def test_the_migration_fills_the_pseudonym_of_transfers_accepted_before_it(net):
    from django.apps import apps

    migration = importlib.import_module(
        "amparo.network.migrations.0006_transfer_previous_pseudonym"
    )
    transfer = transferred(net, keep=["notes"])
    Transfer.objects.filter(pk=transfer.pk).update(previous_pseudonym="")
    migration.fill_previous_pseudonym(apps, None)
    transfer.refresh_from_db()
    assert transfer.previous_pseudonym == Case.objects.get(pk=net.cast.case.pk).survivor.pseudonym


def test_a_queued_email_is_not_sent_once_its_referral_can_no_longer_be_opened(
    net, settings, django_capture_on_commit_callbacks
):
    settings.AMPARO_NOTIFY_BY_EMAIL = True
    cast = net.cast
    with django_capture_on_commit_callbacks(execute=False):
        referral = _notified_of_acceptance(net)
    note = Notification.objects.get(user=cast.caseworker, referral=referral)
    assignment = cast.case.assignments.get(user=cast.caseworker, ended_at__isnull=True)
    case_unassign(actor=cast.supervisor, case=cast.case, assignment_id=assignment.pk)
    assert notification_emails_send(notification_ids=[note.pk]) == 0
    assert mail.outbox == []
    assignment_back = case_assign(actor=cast.supervisor, case=cast.case, user_id=cast.caseworker.pk)
    assert assignment_back.ended_at is None
    assert notification_emails_send(notification_ids=[note.pk]) == 1
    assert [m.to for m in mail.outbox] == [[cast.caseworker.email]]

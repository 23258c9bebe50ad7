"""In-app notifications, and email where configured (``amparo.network.services.emails``).

A notification stores only its kind and the referral or transfer it is about,
never survivor data.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import vocab as aftercare_vocab
from amparo.aftercare.models import Task
from amparo.cases import vocab as cases_vocab
from amparo.cases.models import Case, CaseAssignment, ClosureRequest
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
    case: Case | None = None,
    task: Task | None = None,
) -> list[Notification]:
    """Tell each active user, once however often named, of ``kind`` about the referral,
    transfer or case; emailed once the caller's transaction commits, where configured."""
    recipients = {u.pk: u for u in users if u.is_active}
    notes = Notification.objects.bulk_create(
        Notification(user=u, kind=kind, referral=referral, transfer=transfer, case=case, task=task)
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


APPROVALS = (
    aftercare_vocab.TaskKind.APPROVE_CARE_PLAN,
    aftercare_vocab.TaskKind.APPROVE_FAMILY_ASSESSMENT,
    aftercare_vocab.TaskKind.APPROVE_REINTEGRATION,
)


def notify_assigned(assignment: CaseAssignment) -> None:
    """Tell a worker a case was assigned to them (by someone else): its code, nothing more."""
    notify([assignment.user], vocab.NotificationKind.CASE_ASSIGNED, case=assignment.case)


def notify_approval_requested(task: Task) -> None:
    """Tell whoever must decide that an approval waits for them; other tasks stay in My work."""
    if task.kind in APPROVALS:
        notify(
            [task.assigned_to], vocab.NotificationKind.APPROVAL_REQUESTED, case=task.case, task=task
        )


def notify_closure_requested(request: ClosureRequest) -> None:
    """Tell the supervisors of the case's organisation that a closure waits for their approval;
    the notification names the case only, and leads to its file, where the request is."""
    notify(
        members_with(request.case.organisation_id, Perm.ASSIGN, Perm.CASES_ALL),
        vocab.NotificationKind.APPROVAL_REQUESTED,
        case=request.case,
    )


def notify_closure_decided(request: ClosureRequest) -> None:
    """Tell whoever asked to close the case what a supervisor decided (never the note)."""
    approved = request.status == cases_vocab.ClosureRequestStatus.APPROVED
    kind = (
        vocab.NotificationKind.CLOSURE_APPROVED
        if approved
        else vocab.NotificationKind.CLOSURE_DECLINED
    )
    notify([request.requested_by], kind, case=request.case)


def notify_overdue(user: User, count: int, today: datetime.date) -> None:
    """One "you have overdue work" a day per person, however often the daily job runs.

    Not e-mailed: the daily digest already is. ``count`` is not stored; My work,
    where it links, says what is overdue when it is read.
    """
    if user.is_active:
        Notification.objects.get_or_create(
            user=user, kind=vocab.NotificationKind.WORK_OVERDUE, day=today
        )

"""What every restoration service shares: the case lock, the case's dates, and tasks."""

import datetime
from collections.abc import Iterable

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Role
from amparo.aftercare import events
from amparo.aftercare.extensions import task_created
from amparo.aftercare.models import Task
from amparo.cases.models import Case
from amparo.cases.selectors import visible_cases
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.concurrency import duplicate_refused, lock_fresh, refuse
from amparo.core.exceptions import Denied
from amparo.core.validation import Errors, Step


def lock_case(case: Case, *, open_only: bool = True) -> Case:
    """Lock the case row and re-read it in place; refuse a closed case if ``open_only``.

    Every restoration write on one case takes this lock first, before anything
    it checks is read, so two writes on one case run one after the other and
    the second sees what the first wrote. Rows of the case are locked after it.
    A closed case is refused (ValidationError on ``case``), read under the lock.
    """
    lock_fresh(case)
    if open_only and case.status not in OPEN_STATUSES:
        errors = Errors()
        errors.add("case", _("This case is closed."))
        errors.raise_if_any()
    return case


def case_opened(case: Case) -> Step:
    """The first step of every case's workflow: nothing in its file precedes its opening."""
    return (case.opened_on, _("the case was opened"))


def past_case_date(
    errors: Errors, field: str, day: datetime.date | None, case: Case, *, after: Iterable[Step] = ()
) -> bool:
    """A past event of the case (``Errors.past_date``), not before the case was opened
    nor before any step in ``after``."""
    return errors.past_date(field, day, after=[case_opened(case), *after])


def supervisors_for(case: Case) -> list[User]:
    """The supervisors who should get a task on ``case``: those assigned, else all of the organisation."""
    assigned = [
        a.user
        for a in case.assignments.filter(
            ended_at__isnull=True, role=Role.SUPERVISOR
        ).select_related("user")
    ]
    if assigned:
        return assigned
    return [
        m.user
        for m in Membership.objects.filter(
            organisation_id=case.organisation_id, role=Role.SUPERVISOR, is_active=True
        ).select_related("user")
    ]


def task_create(
    *,
    actor: User | None,
    case: Case,
    kind: str,
    source: models.Model,
    due_on: datetime.date,
    to: list[User] | None = None,
) -> list[Task]:
    """Ask a decision on ``source`` of each of ``to`` (default: ``supervisors_for(case)``).

    Called inside the service that needs the decision, under its case lock. At
    most one open task per decision and person (a database constraint): a
    second ask is refused as a conflict (``ConflictError`` on ``task``).
    Audits each task created.
    """
    with duplicate_refused(
        constraint="uniq_open_task",
        field="task",
        message=_("This is already waiting for a decision."),
    ):
        tasks = [
            Task.objects.create(
                case=case,
                kind=kind,
                assigned_to=user,
                due_on=due_on,
                source_type=source._meta.label_lower,
                source_id=str(source.pk),
            )
            for user in (to if to is not None else supervisors_for(case))
        ]
    for task in tasks:
        events.task_created(actor=actor, task=task)
        for hook in task_created:
            hook(task)
    return tasks


def tasks_close_for(*, actor: User, source: models.Model) -> None:
    """Close the open tasks a decision on ``source`` answers, as done by ``actor``.

    Called by the service that made the decision, in its transaction; audits
    each task closed.
    """
    for task in Task.objects.filter(
        source_type=source._meta.label_lower,
        source_id=str(source.pk),
        done_at__isnull=True,
    ).select_related("case"):
        task.done_at, task.done_by = timezone.now(), actor
        task.save(update_fields=["done_at", "done_by", "updated_at"])
        events.task_done(actor=actor, task=task)


@transaction.atomic
def task_complete(*, actor: User, task: Task) -> Task:
    """Mark one of the actor's open tasks done (e.g. a risk that has been reviewed), once.

    Refused (``Denied``) when the actor may no longer open the task's case,
    whoever the row still names; checked on the locked row, so a task handed
    over meanwhile is not completed by its former assignee. Someone else's
    task is refused (ValidationError), a task already done is a conflict.
    Audits the task done.
    """
    lock_fresh(task)
    if not visible_cases(user=actor).filter(pk=task.case_id).exists():
        raise Denied
    errors = Errors()
    if task.assigned_to_id != actor.pk:
        errors.add("task", _("This task is someone else's."))
    errors.raise_if_any()
    if task.done_at is not None:
        refuse("task", _("This task is already done."))
    task.done_at, task.done_by = timezone.now(), actor
    task.save(update_fields=["done_at", "done_by", "updated_at"])
    events.task_done(actor=actor, task=task)
    return task


@transaction.atomic
def tasks_hand_over(*, actor: User, case: Case) -> list[Task]:
    """Hand the open tasks on ``case`` to the organisation that now owns it.

    Called by the transfer, inside its transaction, once the case has moved
    and its assignments have ended. Each open task (an approval waiting, a
    risk to review) is closed for its former assignee, with no one recorded
    as having done it, and opened again, once per piece of work, for the new
    owner's supervisors (``supervisors_for``; the accepting supervisor is
    always one) with the same due date and source, so the approval still
    answers it. Returns the new tasks. Audits each task handed over and each
    task created.
    """
    # Through the case's own manager, so each task already knows its case (no
    # query per task when its event names the case).
    open_tasks = list(case.tasks.select_for_update().filter(done_at__isnull=True).order_by("id"))
    if not open_tasks:
        return []
    recipients = supervisors_for(case)
    now = timezone.now()
    work: dict[tuple[str, str, str], datetime.date] = {}
    for task in open_tasks:
        key = (task.kind, task.source_type, task.source_id)
        work[key] = min(work.get(key, task.due_on), task.due_on)
        task.done_at = now
        task.save(update_fields=["done_at", "updated_at"])
        events.task_handed_over(actor=actor, task=task)
    handed: list[Task] = []
    for (kind, source_type, source_id), due_on in work.items():
        for user in recipients:
            task = Task.objects.create(
                case=case,
                kind=kind,
                assigned_to=user,
                due_on=due_on,
                source_type=source_type,
                source_id=source_id,
            )
            events.task_created(actor=actor, task=task)
            for hook in task_created:
                hook(task)
            handed.append(task)
    return handed

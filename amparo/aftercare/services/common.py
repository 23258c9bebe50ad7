import datetime
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm, Role
from amparo.aftercare.models import Task
from amparo.audit import events
from amparo.audit.events import Code
from amparo.cases.models import Case
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.validation import Errors, Step


def require(actor: User, perm: Perm) -> Membership:
    membership = actor.active_membership
    if membership is None or not actor.has_amparo_perm(perm):
        raise PermissionError(f"This user lacks {perm}.")
    return membership


def require_open(case: Case) -> None:
    if case.status not in OPEN_STATUSES:
        errors = Errors()
        errors.add("case", _("This case is closed."))
        errors.raise_if_any()


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
    source: object,
    due_on: datetime.date,
    to: list[User] | None = None,
) -> list[Task]:
    tasks = [
        Task.objects.create(
            case=case,
            kind=kind,
            assigned_to=user,
            due_on=due_on,
            source_type=source._meta.label_lower,
            source_id=str(source.pk),  # type: ignore[attr-defined]
        )
        for user in (to if to is not None else supervisors_for(case))
    ]
    for task in tasks:
        events.record(code=Code.TASK_CREATED, actor=actor, obj=task, case=case)
    return tasks


def tasks_close_for(*, actor: User, source: object) -> None:
    """Close the open tasks a decision on ``source`` answers."""
    from django.utils import timezone

    for task in Task.objects.filter(
        source_type=source._meta.label_lower,
        source_id=str(source.pk),
        done_at__isnull=True,  # type: ignore[attr-defined]
    ).select_related("case"):
        task.done_at, task.done_by = timezone.now(), actor
        task.save(update_fields=["done_at", "done_by", "updated_at"])
        events.record(code=Code.TASK_DONE, actor=actor, obj=task, case=task.case)


@transaction.atomic
def task_complete(*, actor: User, task: Task) -> Task:
    """Mark one of the actor's open tasks done (e.g. a risk that has been reviewed)."""
    from django.utils import timezone

    errors = Errors()
    if task.assigned_to_id != actor.pk:
        errors.add("task", _("This task is someone else's."))
    if task.done_at is not None:
        errors.add("task", _("This task is already done."))
    errors.raise_if_any()
    task.done_at, task.done_by = timezone.now(), actor
    task.save(update_fields=["done_at", "done_by", "updated_at"])
    events.record(code=Code.TASK_DONE, actor=actor, obj=task, case=task.case)
    return task

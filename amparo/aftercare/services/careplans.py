"""Care plans: versions with goals per domain, a supervisor's approval, periodic reviews."""

import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import events, vocab
from amparo.aftercare.inputs import GoalInput
from amparo.aftercare.models import CarePlan, CarePlanGoal
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.common import (
    case_opened,
    lock_case,
    task_create,
    tasks_close_for,
)
from amparo.cases.models import Case
from amparo.core.concurrency import duplicate_refused, lock_fresh, refuse
from amparo.core.validation import Errors, Step, local_day


def _validate_goals(
    errors: Errors, goals: list[GoalInput], domains: set[str], *, opened: Step
) -> None:
    if not goals:
        errors.add("goals", _("A care plan needs at least one goal."))
    for index, goal in enumerate(goals):
        if goal.domain not in domains:
            errors.add(f"goals.{index}.domain", _("Choose a restoration domain."))
        if not goal.description.strip():
            errors.add(f"goals.{index}.description", _("Describe the goal."))
        errors.choice(f"goals.{index}.status", goal.status, vocab.GoalStatus)
        errors.scheduled(f"goals.{index}.target_on", goal.target_on, after=[opened])


@transaction.atomic
def care_plan_draft(
    *,
    actor: User,
    case: Case,
    summary: str,
    review_due_on: datetime.date,
    goals: list[GoalInput],
    partner_organisation_id: int | None = None,
    since: Step | None = None,
) -> CarePlan:
    """Write a new version of the care plan: a draft until a supervisor approves it.

    The plan is the case's own, unless ``partner_organisation_id`` names a
    partner: only the network's ``partner_care_plan_draft`` does, for the plan
    of its own services to a survivor it was referred, once it has checked the
    referral. A partner's versions are numbered apart, its goals are in the
    domains of its own instrument, and ``since`` (when its work began) stands
    for the case's opening, whose date it is not told.

    Needs EDIT_CASE (``Denied``). Under the case's lock, so two drafts get two
    version numbers; a closed case is refused. At least one goal, each in a
    domain of the active instrument, not due before the case was opened; the
    next review is in the future. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
    lock_case(case)  # the next version number is read under the lock
    instrument = active_instrument(organisation_id=partner_organisation_id or case.organisation_id)
    errors = Errors()
    _validate_goals(
        errors,
        goals,
        set(instrument.domains.values_list("code", flat=True)),
        opened=since or case_opened(case),
    )
    if errors.scheduled("review_due_on", review_due_on) and review_due_on <= timezone.localdate():
        errors.add("review_due_on", _("The next review must be in the future."))
    errors.raise_if_any()
    versions = CarePlan.objects.filter(case=case, partner_organisation_id=partner_organisation_id)
    number = (versions.aggregate(n=Max("number"))["n"] or 0) + 1
    plan = CarePlan.objects.create(
        case=case,
        number=number,
        summary=summary,
        review_due_on=review_due_on,
        partner_organisation_id=partner_organisation_id,
        created_by=actor,
    )
    CarePlanGoal.objects.bulk_create(
        CarePlanGoal(
            plan=plan,
            domain=g.domain,
            description=g.description.strip(),
            target_on=g.target_on,
            status=g.status,
        )
        for g in goals
    )
    events.care_plan_drafted(actor=actor, plan=plan)
    return plan


@transaction.atomic
def care_plan_submit(*, actor: User, plan: CarePlan) -> CarePlan:
    """Send a draft for approval, once, and give the case's supervisors a task to decide it.

    Needs EDIT_CASE (``Denied``). Under the case's lock, then the plan's: a
    second submit (a double click) is refused as a conflict and creates no
    second approval task; only a draft can be sent. Audited. A partner's plan
    gets no task: the case's supervisors do not decide it, and the partner's
    cannot open the case a task leads to (the network tells them instead).
    """
    perm_required(actor, Perm.EDIT_CASE)
    lock_case(plan.case, open_only=False)
    lock_fresh(plan)
    if plan.status == vocab.CarePlanStatus.PENDING:
        refuse("status", _("This plan has already been sent for approval."))
    errors = Errors()
    if plan.status != vocab.CarePlanStatus.DRAFT:
        errors.add("status", _("Only a draft can be sent for approval."))
    errors.raise_if_any()
    plan.status, plan.submitted_at = vocab.CarePlanStatus.PENDING, timezone.now()
    plan.save(update_fields=["status", "submitted_at", "updated_at"])
    events.care_plan_submitted(actor=actor, plan=plan)
    if plan.partner_organisation_id is not None:
        return plan
    task_create(
        actor=actor,
        case=plan.case,
        kind=vocab.TaskKind.APPROVE_CARE_PLAN,
        source=plan,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return plan


@transaction.atomic
def care_plan_approve(*, actor: User, plan: CarePlan) -> CarePlan:
    """A supervisor approves a plan; the previously approved version is superseded.

    Needs ASSIGN (``Denied``). Under the case's lock, so that of two plans
    approved at once the later approval supersedes the earlier: one approved
    plan per case, always (a database constraint too), and one per partner
    for a partner's plans, which supersede only each other. Only a plan
    waiting for approval; approving twice is a conflict. Closes the approval
    tasks; audited.
    """
    perm_required(actor, Perm.ASSIGN)
    lock_case(plan.case, open_only=False)
    lock_fresh(plan)
    if plan.status == vocab.CarePlanStatus.APPROVED:
        refuse("status", _("This plan is already approved."))
    errors = Errors()
    if plan.status != vocab.CarePlanStatus.PENDING:
        errors.add("status", _("Only a plan waiting for approval can be approved."))
    errors.raise_if_any()
    CarePlan.objects.filter(
        case=plan.case,
        partner_organisation_id=plan.partner_organisation_id,
        status=vocab.CarePlanStatus.APPROVED,
    ).update(status=vocab.CarePlanStatus.SUPERSEDED)
    plan.status, plan.approved_by, plan.approved_at = (
        vocab.CarePlanStatus.APPROVED,
        actor,
        timezone.now(),
    )
    with duplicate_refused(
        constraint="uniq_approved_care_plan"
        if plan.partner_organisation_id is None
        else "uniq_partner_approved_care_plan",
        field="status",
        message=_("Another plan of this case was approved at the same time; reload it."),
    ):
        plan.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])
    events.care_plan_approved(actor=actor, plan=plan)
    tasks_close_for(actor=actor, source=plan)
    return plan


@transaction.atomic
def care_plan_review(
    *,
    actor: User,
    plan: CarePlan,
    reviewed_on: datetime.date,
    next_review_on: datetime.date,
    goal_statuses: dict[int, str],
) -> CarePlan:
    """Record a periodic review of the approved plan: goal progress and the next review date.

    Needs EDIT_CASE (``Denied``). Under the case's lock, then the plan's. Only
    the approved plan; the review is in the past, not before the approval, and
    the next one comes after it; every goal named belongs to the plan. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
    lock_case(plan.case, open_only=False)
    lock_fresh(plan)
    errors = Errors()
    if plan.status != vocab.CarePlanStatus.APPROVED:
        errors.add("status", _("Only the approved plan is reviewed."))
    reviewed = errors.past_date(
        "reviewed_on",
        reviewed_on,
        after=[
            (
                plan.approved_at and local_day(plan.approved_at),
                _("the care plan was approved"),
            )
        ],
    )
    if (
        errors.scheduled("next_review_on", next_review_on)
        and reviewed
        and next_review_on <= reviewed_on
    ):
        errors.add("next_review_on", _("The next review must come after this one."))
    goal_ids = set(plan.goals.values_list("pk", flat=True))
    for goal_id, status in goal_statuses.items():
        if goal_id not in goal_ids:
            errors.add("goals", _("A goal does not belong to this plan."))
        errors.choice("goals", status, vocab.GoalStatus)
    errors.raise_if_any()
    for goal_id, status in goal_statuses.items():
        CarePlanGoal.objects.filter(pk=goal_id, plan=plan).update(status=status)
    plan.reviewed_on, plan.review_due_on = reviewed_on, next_review_on
    plan.save(update_fields=["reviewed_on", "review_due_on", "updated_at"])
    events.care_plan_reviewed(actor=actor, plan=plan)
    return plan

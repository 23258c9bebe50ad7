"""Family assessment, reintegration (with supervisor approval) and follow-up."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import vocab
from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput
from amparo.aftercare.models import FamilyAssessment, FollowUp, Placement, Reintegration
from amparo.aftercare.services.common import (
    case_opened,
    lock_case,
    past_case_date,
    require,
    task_create,
    tasks_close_for,
)
from amparo.audit import events
from amparo.audit.events import Code
from amparo.cases.models import Case, CaseFlag
from amparo.cases.vocab import CaseStatus, RiskLevel
from amparo.core.concurrency import apply_changes, duplicate_refused, lock_fresh, refuse
from amparo.core.validation import Errors, Step, local_day


@transaction.atomic
def family_assessment_record(
    *, actor: User, case: Case, data: FamilyAssessmentInput
) -> FamilyAssessment:
    require(actor, Perm.EDIT_CASE)
    lock_case(case)
    errors = Errors()
    past_case_date(errors, "assessed_on", data.assessed_on, case)
    errors.choice("household_safety", data.household_safety, vocab.HouseholdSafety)
    errors.choice("recommendation", data.recommendation, vocab.Recommendation)
    errors.choices("protective_factors", data.protective_factors, vocab.ProtectiveFactor)
    errors.choices("risks", data.risks, vocab.HouseholdRisk)
    if (
        data.household_safety == vocab.HouseholdSafety.UNSAFE
        and data.recommendation == vocab.Recommendation.REINTEGRATE
    ):
        errors.add(
            "recommendation", _("An unsafe household cannot be recommended for reintegration.")
        )
    errors.raise_if_any()
    assessment = FamilyAssessment.objects.create(
        case=case,
        assessed_by=actor,
        **{
            **data.__dict__,
            "protective_factors": sorted(set(data.protective_factors)),
            "risks": sorted(set(data.risks)),
        },
    )
    events.record(code=Code.FAMILY_ASSESSMENT_RECORDED, actor=actor, obj=assessment, case=case)
    task_create(
        actor=actor,
        case=case,
        kind=vocab.TaskKind.APPROVE_FAMILY_ASSESSMENT,
        source=assessment,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return assessment


@transaction.atomic
def family_assessment_approve(*, actor: User, assessment: FamilyAssessment) -> FamilyAssessment:
    """Approve a family assessment once; a second approval sent at once is a conflict."""
    require(actor, Perm.ASSIGN)
    lock_case(assessment.case, open_only=False)
    lock_fresh(assessment)
    if assessment.approved_at is not None:
        refuse("approved", _("This family assessment is already approved."))
    assessment.approved_by, assessment.approved_at = actor, timezone.now()
    assessment.save(update_fields=["approved_by", "approved_at", "updated_at"])
    events.record(
        code=Code.FAMILY_ASSESSMENT_APPROVED, actor=actor, obj=assessment, case=assessment.case
    )
    tasks_close_for(actor=actor, source=assessment)
    return assessment


@transaction.atomic
def reintegration_propose(
    *,
    actor: User,
    case: Case,
    family_assessment_id: int,
    destination: str,
    planned_on: datetime.date,
) -> Reintegration:
    """Propose a reintegration; it needs an approved family assessment that does not say "not yet"."""
    require(actor, Perm.EDIT_CASE)
    lock_case(case)
    errors = Errors()
    errors.choice("destination", destination, vocab.Destination)
    assessment = FamilyAssessment.objects.filter(pk=family_assessment_id, case=case).first()
    if assessment is None or assessment.approved_at is None:
        errors.add(
            "family_assessment",
            _("Reintegration needs a family assessment approved by a supervisor."),
        )
    elif assessment.recommendation == vocab.Recommendation.NOT_YET:
        errors.add(
            "family_assessment", _("The family assessment recommends not reintegrating yet.")
        )
    errors.scheduled(
        "planned_on",
        planned_on,
        after=[
            case_opened(case),
            (assessment and assessment.assessed_on, _("the family assessment")),
        ],
    )
    if case.reintegrations.filter(
        status__in=[vocab.ReintegrationStatus.PROPOSED, vocab.ReintegrationStatus.APPROVED]
    ).exists():
        errors.add("planned_on", _("A reintegration is already proposed for this case."))
    errors.raise_if_any()
    with duplicate_refused(
        constraint="uniq_open_reintegration",
        field="planned_on",
        message=_("A reintegration is already proposed for this case."),
    ):
        reintegration = Reintegration.objects.create(
            case=case,
            family_assessment=assessment,
            destination=destination,
            planned_on=planned_on,
            proposed_by=actor,
        )
    events.record(code=Code.REINTEGRATION_PROPOSED, actor=actor, obj=reintegration, case=case)
    task_create(
        actor=actor,
        case=case,
        kind=vocab.TaskKind.APPROVE_REINTEGRATION,
        source=reintegration,
        due_on=timezone.localdate() + datetime.timedelta(days=7),
    )
    return reintegration


@transaction.atomic
def reintegration_decide(
    *,
    actor: User,
    reintegration: Reintegration,
    expected_version: int,
    approve: bool,
    note: str = "",
) -> Reintegration:
    """Approve or reject a proposed reintegration; checked under the case's lock, so
    of two decisions sent at once only the first is written."""
    require(actor, Perm.ASSIGN)
    lock_case(reintegration.case, open_only=False)
    locked = Reintegration.objects.select_for_update().get(pk=reintegration.pk)
    if locked.decided_at is not None:
        refuse("status", _("This reintegration has already been decided."))
    errors = Errors()
    if locked.status != vocab.ReintegrationStatus.PROPOSED:
        errors.add("status", _("Only a proposed reintegration can be decided."))
    if not approve and not note.strip():
        errors.add("decision_note", _("Say why the reintegration is not approved."))
    errors.raise_if_any()
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={
            "status": vocab.ReintegrationStatus.APPROVED
            if approve
            else vocab.ReintegrationStatus.REJECTED,
            "decided_by": actor,
            "decided_at": timezone.now(),
            "decision_note": note.strip()[:300],
        },
    )
    events.record(
        code=Code.REINTEGRATION_DECIDED,
        actor=actor,
        obj=locked,
        case=locked.case,
        changed_fields=changed,
    )
    tasks_close_for(actor=actor, source=locked)
    return locked


def follow_up_schedule(
    *, start: datetime.date, monthly: int, quarterly: int
) -> list[datetime.date]:
    """Monthly visits, then quarterly ones, counted from ``start`` (30 / 91 days apart)."""
    days = [start + datetime.timedelta(days=30 * n) for n in range(1, monthly + 1)]
    last = days[-1] if days else start
    return days + [last + datetime.timedelta(days=91 * n) for n in range(1, quarterly + 1)]


@transaction.atomic
def reintegration_complete(
    *,
    actor: User,
    reintegration: Reintegration,
    expected_version: int,
    reintegrated_on: datetime.date,
) -> Reintegration:
    """The survivor went home (or elsewhere): end the placement, move the case to
    follow-up and generate the follow-up schedule.
    """
    require(actor, Perm.EDIT_CASE)
    case = lock_case(reintegration.case, open_only=False)
    locked = Reintegration.objects.select_for_update().get(pk=reintegration.pk)
    if locked.status == vocab.ReintegrationStatus.COMPLETED:
        refuse("status", _("This reintegration is already recorded as done."))
    errors = Errors()
    if locked.status != vocab.ReintegrationStatus.APPROVED:
        errors.add("status", _("A reintegration must be approved by a supervisor first."))
    # The survivor goes home once the reintegration is proposed and approved, not before.
    past_case_date(
        errors,
        "reintegrated_on",
        reintegrated_on,
        case,
        after=[
            (local_day(locked.created_at), _("the reintegration was proposed")),
            (
                locked.decided_at and local_day(locked.decided_at),
                _("the reintegration was approved"),
            ),
        ],
    )
    errors.raise_if_any()
    apply_changes(
        locked,
        expected_version=expected_version,
        changes={"status": vocab.ReintegrationStatus.COMPLETED, "reintegrated_on": reintegrated_on},
    )
    Placement.objects.filter(
        case=case, ended_on__isnull=True, started_on__lte=reintegrated_on
    ).update(
        ended_on=reintegrated_on,
        end_reason=vocab.PlacementEndReason.REINTEGRATED,
        version=F("version") + 1,
    )
    if case.status == CaseStatus.ACTIVE:
        type(case).objects.filter(pk=case.pk).update(
            status=CaseStatus.FOLLOW_UP, version=F("version") + 1
        )
    schedule = follow_up_schedule(
        start=reintegrated_on,
        monthly=settings.AMPARO_FOLLOW_UP_MONTHLY,
        quarterly=settings.AMPARO_FOLLOW_UP_QUARTERLY,
    )
    FollowUp.objects.bulk_create(FollowUp(case=case, due_on=day) for day in schedule)
    events.record(code=Code.REINTEGRATION_COMPLETED, actor=actor, obj=locked, case=case)
    return locked


def _reintegrated_before(follow_up: FollowUp) -> Step:
    """The reintegration a follow-up visit follows: the latest completed before it was due."""
    day = (
        Reintegration.objects.filter(
            case_id=follow_up.case_id,
            status=vocab.ReintegrationStatus.COMPLETED,
            reintegrated_on__lt=follow_up.due_on,
        )
        .order_by("-reintegrated_on")
        .values_list("reintegrated_on", flat=True)
        .first()
    )
    return (day, _("the survivor was reintegrated"))


@transaction.atomic
def follow_up_record(*, actor: User, follow_up: FollowUp, data: FollowUpInput) -> FollowUp:
    """Record a follow-up visit. Any risk raises a case flag, marks the case
    high-risk and gives the supervisor a task to review it.
    """
    require(actor, Perm.EDIT_CASE)
    case = lock_case(follow_up.case, open_only=False)
    lock_fresh(follow_up)
    if follow_up.done_on is not None:
        refuse("done_on", _("This visit is already recorded."))
    errors = Errors()
    errors.choice("method", data.method, vocab.FollowUpMethod)
    errors.choices("risks", data.risks, vocab.FollowUpRisk)
    past_case_date(errors, "done_on", data.done_on, case, after=[_reintegrated_before(follow_up)])
    errors.raise_if_any()
    follow_up.done_on, follow_up.method, follow_up.risks = (
        data.done_on,
        data.method,
        sorted(set(data.risks)),
    )
    follow_up.notes, follow_up.visited_by = data.notes, actor
    follow_up.save()
    events.record(code=Code.FOLLOW_UP_RECORDED, actor=actor, obj=follow_up, case=case)
    if follow_up.risks:
        for kind in sorted({vocab.ESCALATING_RISKS[r] for r in follow_up.risks}):
            flag = CaseFlag.objects.create(
                case=case,
                kind=kind,
                note=_("Found at follow-up visit on %(date)s.") % {"date": data.done_on},
                raised_by=actor,
            )
            events.record(code=Code.CASE_FLAG_RAISED, actor=actor, obj=flag, case=case)
        type(case).objects.filter(pk=case.pk).update(
            risk_level=RiskLevel.HIGH, version=F("version") + 1
        )
        task_create(
            actor=actor,
            case=case,
            kind=vocab.TaskKind.REVIEW_RISK,
            source=follow_up,
            due_on=timezone.localdate() + datetime.timedelta(days=2),
        )
    if (
        case.status in (CaseStatus.ACTIVE, CaseStatus.FOLLOW_UP)
        and not case.follow_ups.filter(done_on__isnull=True).exists()
    ):
        # Quarterly visits continue until the case is closed.
        FollowUp.objects.create(case=case, due_on=follow_up.due_on + datetime.timedelta(days=91))
    return follow_up

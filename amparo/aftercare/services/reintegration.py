"""Family assessment, reintegration (with supervisor approval) and follow-up."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import events, vocab
from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput
from amparo.aftercare.models import FamilyAssessment, FollowUp, Placement, Reintegration
from amparo.aftercare.services.common import (
    case_opened,
    lock_case,
    past_case_date,
    task_create,
    tasks_close_for,
)
from amparo.cases.models import Case
from amparo.cases.services import case_flag_raise, case_follows_from
from amparo.cases.vocab import CaseStatus, RiskLevel
from amparo.core.concurrency import apply_changes, duplicate_refused, lock_fresh, refuse
from amparo.core.validation import Errors, Step, local_day


@transaction.atomic
def family_assessment_record(
    *, actor: User, case: Case, data: FamilyAssessmentInput
) -> FamilyAssessment:
    """Record a family assessment and give the case's supervisors a task to approve it.

    Needs EDIT_CASE (``Denied``). Under the case's lock; a closed case is
    refused. Values from their vocabularies; in the past, not before the case
    was opened; an unsafe household cannot be recommended for reintegration.
    Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
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
    events.family_assessment_recorded(actor=actor, assessment=assessment)
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
    """Approve a family assessment, once, and close its approval tasks.

    Needs ASSIGN (``Denied``). Under the case's lock, then the assessment's:
    a second approval (even sent at once) is a conflict. Audited.
    """
    perm_required(actor, Perm.ASSIGN)
    lock_case(assessment.case, open_only=False)
    lock_fresh(assessment)
    if assessment.approved_at is not None:
        refuse("approved", _("This family assessment is already approved."))
    assessment.approved_by, assessment.approved_at = actor, timezone.now()
    assessment.save(update_fields=["approved_by", "approved_at", "updated_at"])
    events.family_assessment_approved(actor=actor, assessment=assessment)
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
    """Propose a reintegration and give the case's supervisors a task to decide it.

    Needs EDIT_CASE (``Denied``). Under the case's lock, so at most one
    reintegration is open per case (a database constraint too); a closed case
    is refused. It needs an approved family assessment of this case that does
    not say "not yet", and is planned after that assessment. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
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
            (assessment.assessed_on if assessment else None, _("the family assessment")),
        ],
    )
    if case.reintegrations.filter(
        status__in=[vocab.ReintegrationStatus.PROPOSED, vocab.ReintegrationStatus.APPROVED]
    ).exists():
        errors.add("planned_on", _("A reintegration is already proposed for this case."))
    errors.raise_if_any()
    assert assessment is not None  # refused above unless an approved one of this case
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
    events.reintegration_proposed(actor=actor, reintegration=reintegration)
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
    """Approve or reject a proposed reintegration, from the version the actor last read.

    Needs ASSIGN (``Denied``). Checked under the case's lock, so of two
    decisions sent at once only the first is written (the second is a
    conflict); a stale version is refused (``StaleVersionError``). A rejection
    says why. Closes the decision tasks; audited with the fields changed.
    """
    perm_required(actor, Perm.ASSIGN)
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
    events.reintegration_decided(actor=actor, reintegration=locked, changed_fields=changed)
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

    Needs EDIT_CASE (``Denied``). Under the case's lock, then the
    reintegration's: recording it twice is a conflict, a stale version is
    refused (``StaleVersionError``). Only an approved reintegration, on a day
    in the past not before it was proposed and approved. Audited.
    """
    perm_required(actor, Perm.EDIT_CASE)
    case = lock_case(reintegration.case, open_only=False)
    locked = case.reintegrations.select_for_update().get(pk=reintegration.pk)
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
    case_follows_from(actor=actor, case=case, status=CaseStatus.FOLLOW_UP)
    schedule = follow_up_schedule(
        start=reintegrated_on,
        monthly=settings.AMPARO_FOLLOW_UP_MONTHLY,
        quarterly=settings.AMPARO_FOLLOW_UP_QUARTERLY,
    )
    FollowUp.objects.bulk_create(FollowUp(case=case, due_on=day) for day in schedule)
    events.reintegration_completed(actor=actor, reintegration=locked)
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
    """Record a follow-up visit, once. Any risk raises a case flag, marks the case
    high-risk and gives the supervisor a task to review it.

    Needs EDIT_CASE (``Denied``). Under the case's lock, then the visit's: a
    visit already recorded is a conflict. Method and risks from their
    vocabularies; in the past, not before the reintegration it follows.
    While the case stays open, the last visit done schedules the next
    quarterly one. Audits the visit (and each flag, through cases).
    """
    perm_required(actor, Perm.EDIT_CASE)
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
    events.follow_up_recorded(actor=actor, follow_up=follow_up)
    if follow_up.risks:
        for kind in sorted({vocab.ESCALATING_RISKS[r] for r in follow_up.risks}):
            # A flag is the case's own record: cases raises (and audits) it.
            case_flag_raise(
                actor=actor,
                case=case,
                kind=kind,
                note=_("Found at follow-up visit on %(date)s.") % {"date": data.done_on},
            )
        case_follows_from(actor=actor, case=case, risk_level=RiskLevel.HIGH)
    # One open review covers the case's risks: a second risky visit before the
    # supervisor has reviewed the first adds its flags, not a second identical task.
    if (
        follow_up.risks
        and not case.tasks.filter(kind=vocab.TaskKind.REVIEW_RISK, done_at__isnull=True).exists()
    ):
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

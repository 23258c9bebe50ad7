import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput, GoalInput
from amparo.aftercare.models import Assessment, FollowUp, Reintegration, RestorationStatus, Task
from amparo.aftercare.selectors import my_work, restoration_file
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.services.careplans import care_plan_approve, care_plan_draft, care_plan_submit
from amparo.aftercare.services.placements import facility_create, placement_start
from amparo.aftercare.services.reintegration import (
    family_assessment_approve,
    family_assessment_record,
    follow_up_record,
    reintegration_complete,
    reintegration_decide,
    reintegration_propose,
)
from amparo.aftercare.tests.conftest import all_scores, days_ago
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseFlag
from amparo.cases.services import case_close
from amparo.core.dates import add_months


def test_scores_outside_the_scale_and_before_intake_are_refused(cast, old_case):
    scores = all_scores(old_case, 3)
    scores["safe_home"] = 5
    with pytest.raises(ValidationError) as info:
        assessment_record(
            actor=cast.caseworker, case=old_case, assessed_on=days_ago(10), scores=scores
        )
    assert "scores.safe_home" in info.value.message_dict
    with pytest.raises(ValidationError) as info:
        assessment_record(
            actor=cast.caseworker,
            case=old_case,
            assessed_on=days_ago(900),
            scores=all_scores(old_case, 3),
        )
    assert "assessed_on" in info.value.message_dict
    missing = all_scores(old_case, 3)
    missing.pop("hope")
    with pytest.raises(ValidationError):
        assessment_record(
            actor=cast.caseworker, case=old_case, assessed_on=days_ago(10), scores=missing
        )
    assert Assessment.objects.count() == 0


def test_assessments_set_next_due_and_restoration(cast, old_case):
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(790),
        scores=all_scores(old_case, 2),
    )
    status = RestorationStatus.objects.get(case=old_case)
    assert status.next_due_on == add_months(days_ago(790), 6)
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(600),
        scores=all_scores(old_case, 3),
    )
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(240),
        scores=all_scores(old_case, 4),
    )
    status.refresh_from_db()
    assert status.restored_on == days_ago(240)
    assert status.next_due_on == add_months(days_ago(240), 12)
    file = restoration_file(case=old_case)
    assert file.closure.met and [s for _d, s in file.trajectory["safety"]] == [2.0, 3.0, 4.0]


def test_closure_needs_the_rule_or_a_supervisor_override(cast, old_case):
    with pytest.raises(ValidationError) as info:
        case_close(
            actor=cast.caseworker,
            case=old_case,
            expected_version=old_case.version,
            reason="restored",
        )
    assert "Only a supervisor" in info.value.message_dict["closure_reason"][0]
    with pytest.raises(ValidationError):
        case_close(
            actor=cast.supervisor,
            case=old_case,
            expected_version=old_case.version,
            reason="restored",
        )
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(600),
        scores=all_scores(old_case, 3),
    )
    assessment_record(
        actor=cast.caseworker,
        case=old_case,
        assessed_on=days_ago(300),
        scores=all_scores(old_case, 3),
    )
    closed = case_close(
        actor=cast.caseworker, case=old_case, expected_version=old_case.version, reason="restored"
    )
    assert closed.status == "closed"
    assert AuditEvent.objects.filter(case=old_case, code="case.closed").exists()


def test_override_is_audited_with_its_reason(cast, old_case):
    case_close(
        actor=cast.supervisor,
        case=old_case,
        expected_version=old_case.version,
        reason="relocated",
        override_reason="Moved abroad with family",
    )
    event = AuditEvent.objects.get(case=old_case, code="case.closure_override")
    assert event.reason == "Moved abroad with family" and event.actor == cast.supervisor


def test_capacity_is_enforced(cast, old_case):
    from amparo.cases.services import intake_submit
    from amparo.testing.factories import intake_input

    facility = facility_create(
        actor=cast.supervisor, name="Casa Prueba", kind="shelter", admin1="Escuintla", capacity=1
    )
    placement_start(
        actor=cast.caseworker,
        case=old_case,
        facility_id=facility.pk,
        started_on=days_ago(30),
        reason="emergency",
    )
    second = intake_submit(actor=cast.caseworker, data=intake_input())
    with pytest.raises(ValidationError) as info:
        placement_start(
            actor=cast.caseworker,
            case=second,
            facility_id=facility.pk,
            started_on=days_ago(0),
            reason="emergency",
        )
    assert "full" in info.value.message_dict["facility"][0]
    with pytest.raises(ValidationError):  # the same survivor twice at once
        placement_start(
            actor=cast.caseworker,
            case=old_case,
            facility_id=facility.pk,
            started_on=days_ago(1),
            reason="emergency",
        )


def test_care_plan_versions_and_approval(cast, old_case):
    goals = [GoalInput(domain="safety", description="Safety plan agreed", target_on=days_ago(-60))]
    first = care_plan_draft(
        actor=cast.caseworker,
        case=old_case,
        summary="First plan",
        review_due_on=days_ago(-90),
        goals=goals,
    )
    care_plan_submit(actor=cast.caseworker, plan=first)
    assert Task.objects.filter(
        assigned_to=cast.supervisor, kind="approve_plan", done_at__isnull=True
    ).exists()
    with pytest.raises(PermissionDenied):
        care_plan_approve(actor=cast.caseworker, plan=first)
    care_plan_approve(actor=cast.supervisor, plan=first)
    assert not Task.objects.filter(kind="approve_plan", done_at__isnull=True).exists()
    second = care_plan_draft(
        actor=cast.caseworker,
        case=old_case,
        summary="Second",
        review_due_on=days_ago(-90),
        goals=goals,
    )
    care_plan_submit(actor=cast.caseworker, plan=second)
    care_plan_approve(actor=cast.supervisor, plan=second)
    first.refresh_from_db()
    assert (first.number, first.status, second.number, second.status) == (
        1,
        "superseded",
        2,
        "approved",
    )
    with pytest.raises(ValidationError):
        care_plan_draft(
            actor=cast.caseworker,
            case=old_case,
            summary="x",
            review_due_on=days_ago(-90),
            goals=[GoalInput(domain="astrology", description="x", target_on=days_ago(-1))],
        )


def _reintegrate(cast, case):
    fa = family_assessment_record(
        actor=cast.caseworker,
        case=case,
        data=FamilyAssessmentInput(
            assessed_on=days_ago(100),
            household_safety="safe",
            recommendation="reintegrate",
            protective_factors=["caring_adult"],
        ),
    )
    with pytest.raises(ValidationError):  # not approved yet
        reintegration_propose(
            actor=cast.caseworker,
            case=case,
            family_assessment_id=fa.pk,
            destination="family",
            planned_on=days_ago(60),
        )
    family_assessment_approve(actor=cast.supervisor, assessment=fa)
    proposal = reintegration_propose(
        actor=cast.caseworker,
        case=case,
        family_assessment_id=fa.pk,
        destination="family",
        planned_on=days_ago(60),
    )
    decided = reintegration_decide(
        actor=cast.supervisor,
        reintegration=proposal,
        expected_version=proposal.version,
        approve=True,
    )
    # Entered as it happened: proposed and approved before the survivor went home.
    moment = timezone.make_aware(datetime.datetime.combine(days_ago(61), datetime.time(9)))
    Reintegration.objects.filter(pk=decided.pk).update(created_at=moment, decided_at=moment)
    decided.refresh_from_db()
    return reintegration_complete(
        actor=cast.caseworker,
        reintegration=decided,
        expected_version=decided.version,
        reintegrated_on=days_ago(60),
    )


def test_reintegration_generates_follow_ups(cast, old_case):
    _reintegrate(cast, old_case)
    old_case.refresh_from_db()
    assert old_case.status == "follow_up"
    due = list(FollowUp.objects.filter(case=old_case).values_list("due_on", flat=True))
    assert (
        len(due) == 10
        and due[0] == days_ago(30)
        and due[6] == days_ago(60) + datetime.timedelta(days=180 + 91)
    )


def test_risky_follow_up_escalates_to_flag_and_supervisor_task(cast, old_case):
    _reintegrate(cast, old_case)
    visit = FollowUp.objects.filter(case=old_case).first()
    follow_up_record(
        actor=cast.caseworker,
        follow_up=visit,
        data=FollowUpInput(
            done_on=days_ago(29), method="home", risks=["perpetrator", "left_school"]
        ),
    )
    assert set(CaseFlag.objects.filter(case=old_case).values_list("kind", flat=True)) == {
        "perpetrator",
        "other",
    }
    assert Case.objects.get(pk=old_case.pk).risk_level == "high"
    task = Task.objects.get(kind="review_risk")
    assert task.assigned_to == cast.supervisor
    work = my_work(user=cast.supervisor)
    assert any(item.kind == "task" for item in work.items)
    # A second risky visit before the review adds its flag, not a second review.
    second = FollowUp.objects.filter(case=old_case, done_on__isnull=True).first()
    follow_up_record(
        actor=cast.caseworker,
        follow_up=second,
        data=FollowUpInput(done_on=days_ago(2), method="home", risks=["threats"]),
    )
    assert CaseFlag.objects.filter(case=old_case, kind="threats").exists()
    assert Task.objects.filter(kind="review_risk", done_at__isnull=True).count() == 1


def test_my_work_shows_overdue_follow_up_and_assessment_for_a_caseworker(cast, old_case):
    from amparo.accounts.models import Organisation

    Organisation.objects.filter(pk=cast.lex.pk).update(kind="aftercare")
    cast.caseworker._active_membership = None
    del cast.caseworker._active_membership
    _reintegrate(cast, old_case)
    work = my_work(user=cast.caseworker)
    kinds = {item.kind for item in work.overdue}
    assert {"follow_up", "assessment"} <= kinds
    assert my_work(user=cast.outsider).items == []

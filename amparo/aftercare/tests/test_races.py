"""Two people sending the same restoration change at the same instant.

Each racer brings its own copy of what it changes, loaded before the race as
each request loads its own. Exactly one write stands (or both are kept when
both are allowed, without a server error); the refused one writes nothing.
"""

import pytest
from django.core.exceptions import ValidationError

from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput, GoalInput
from amparo.aftercare.models import (
    CarePlan,
    FamilyAssessment,
    FollowUp,
    Placement,
    Reintegration,
    RestorationStatus,
    Task,
)
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.services.careplans import care_plan_approve, care_plan_draft, care_plan_submit
from amparo.aftercare.services.common import task_complete
from amparo.aftercare.services.placements import facility_create, placement_end, placement_start
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
from amparo.cases.models import Case
from amparo.core.concurrency import ConflictError
from amparo.testing.races import at_once, one_wins, race

pytestmark = race


def events(code: str) -> int:
    return AuditEvent.objects.filter(code=code).count()


def copies(model, pk: int, n: int = 2) -> list:
    return [model.objects.get(pk=pk) for _ in range(n)]


def draft(cast, case: Case) -> CarePlan:
    return care_plan_draft(
        actor=cast.caseworker,
        case=case,
        summary="Plan de prueba",
        review_due_on=days_ago(-60),
        goals=[GoalInput("safety", "Safety plan learnt", days_ago(-30))],
    )


def approved_family(cast, case: Case) -> FamilyAssessment:
    family = family_assessment_record(
        actor=cast.caseworker,
        case=case,
        data=FamilyAssessmentInput(
            assessed_on=days_ago(100), household_safety="safe", recommendation="reintegrate"
        ),
    )
    return family_assessment_approve(actor=cast.supervisor, assessment=family)


def proposal(cast, case: Case) -> Reintegration:
    return reintegration_propose(
        actor=cast.caseworker,
        case=case,
        family_assessment_id=approved_family(cast, case).pk,
        destination="family",
        planned_on=days_ago(60),
    )


def test_one_survivor_placed_in_two_shelters_at_once(cast, old_case):
    shelters = [
        facility_create(
            actor=cast.supervisor, name=name, kind="shelter", admin1="Escuintla", capacity=5
        )
        for name in ("Casa Uno", "Casa Dos")
    ]
    cases = copies(Case, old_case.pk)
    outcomes = at_once(
        *(
            lambda case=case, shelter=shelter: placement_start(
                actor=cast.caseworker,
                case=case,
                facility_id=shelter.pk,
                started_on=days_ago(30),
                reason="emergency",
            )
            for case, shelter in zip(cases, shelters, strict=True)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.message_dict == {
        "started_on": ["The survivor already has a placement on this date; end it first."]
    }
    assert Placement.objects.filter(case=old_case).count() == 1
    assert events("placement.started") == 1


def test_last_bed_taken_twice(cast, old_case):
    """Two survivors, one bed: the facility's lock lets one in."""
    from amparo.cases.services import intake_submit
    from amparo.testing.factories import intake_input

    other = intake_submit(actor=cast.caseworker, data=intake_input())
    Case.objects.filter(pk=other.pk).update(opened_on=days_ago(800))
    shelter = facility_create(
        actor=cast.supervisor, name="Casa Una Cama", kind="shelter", admin1="Escuintla", capacity=1
    )
    outcomes = at_once(
        *(
            lambda pk=pk: placement_start(
                actor=cast.caseworker,
                case=Case.objects.get(pk=pk),
                facility_id=shelter.pk,
                started_on=days_ago(30),
                reason="emergency",
            )
            for pk in (old_case.pk, other.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert "facility" in lost.message_dict
    assert Placement.objects.filter(facility=shelter).count() == 1


def test_one_placement_ended_twice(cast, old_case):
    shelter = facility_create(
        actor=cast.supervisor, name="Casa Uno", kind="shelter", admin1="Escuintla", capacity=5
    )
    placement = placement_start(
        actor=cast.caseworker,
        case=old_case,
        facility_id=shelter.pk,
        started_on=days_ago(30),
        reason="emergency",
    )
    outcomes = at_once(
        *(
            lambda copy=copy, reason=reason: placement_end(
                actor=cast.caseworker,
                placement=copy,
                expected_version=1,
                ended_on=days_ago(5),
                end_reason=reason,
            )
            for copy, reason in zip(
                copies(Placement, placement.pk), ("left", "transferred"), strict=True
            )
        )
    )
    winner, _lost = one_wins(outcomes, loser=ValidationError)
    stored = Placement.objects.get(pk=placement.pk)
    assert (stored.end_reason, stored.version) == (winner.end_reason, 2)
    assert events("placement.ended") == 1


def test_a_care_plan_submitted_twice_makes_one_approval_task(cast, old_case):
    plan = draft(cast, old_case)
    outcomes = at_once(
        *(
            lambda copy=copy: care_plan_submit(actor=cast.caseworker, plan=copy)
            for copy in copies(CarePlan, plan.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This plan has already been sent for approval."]
    assert (
        Task.objects.filter(source_type="aftercare.careplan", source_id=str(plan.pk)).count() == 1
    )
    assert events("care_plan.submitted") == 1


def test_two_drafts_at_once_get_two_numbers(cast, old_case):
    outcomes = at_once(*(lambda case=case: draft(cast, case) for case in copies(Case, old_case.pk)))
    assert [o.error for o in outcomes] == [None, None]
    assert sorted(CarePlan.objects.filter(case=old_case).values_list("number", flat=True)) == [1, 2]


def test_two_plans_of_one_case_approved_at_once(cast, old_case):
    plans = [draft(cast, old_case) for _ in range(2)]
    for plan in plans:
        care_plan_submit(actor=cast.caseworker, plan=plan)
    outcomes = at_once(
        *(
            lambda pk=plan.pk: care_plan_approve(
                actor=cast.supervisor, plan=CarePlan.objects.get(pk=pk)
            )
            for plan in plans
        )
    )
    assert [o.error for o in outcomes] == [None, None]
    statuses = sorted(CarePlan.objects.filter(case=old_case).values_list("status", flat=True))
    assert statuses == ["approved", "superseded"]


def test_one_plan_approved_twice(cast, old_case):
    plan = draft(cast, old_case)
    care_plan_submit(actor=cast.caseworker, plan=plan)
    outcomes = at_once(
        *(
            lambda copy=copy: care_plan_approve(actor=cast.supervisor, plan=copy)
            for copy in copies(CarePlan, plan.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This plan is already approved."]
    assert events("care_plan.approved") == 1
    assert Task.objects.filter(source_id=str(plan.pk), done_at__isnull=True).count() == 0


def test_a_family_assessment_approved_twice(cast, old_case):
    family = family_assessment_record(
        actor=cast.caseworker,
        case=old_case,
        data=FamilyAssessmentInput(
            assessed_on=days_ago(100), household_safety="safe", recommendation="reintegrate"
        ),
    )
    outcomes = at_once(
        *(
            lambda copy=copy: family_assessment_approve(actor=cast.supervisor, assessment=copy)
            for copy in copies(FamilyAssessment, family.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This family assessment is already approved."]
    assert events("family_assessment.approved") == 1


def test_two_reintegrations_proposed_at_once(cast, old_case):
    family = approved_family(cast, old_case)
    outcomes = at_once(
        *(
            lambda case=case: reintegration_propose(
                actor=cast.caseworker,
                case=case,
                family_assessment_id=family.pk,
                destination="family",
                planned_on=days_ago(60),
            )
            for case in copies(Case, old_case.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.message_dict == {
        "planned_on": ["A reintegration is already proposed for this case."]
    }
    assert Reintegration.objects.filter(case=old_case).count() == 1


def test_a_reintegration_decided_twice(cast, old_case):
    proposed = proposal(cast, old_case)
    outcomes = at_once(
        *(
            lambda copy=copy, approve=approve: reintegration_decide(
                actor=cast.supervisor,
                reintegration=copy,
                expected_version=1,
                approve=approve,
                note="" if approve else "Not safe yet.",
            )
            for copy, approve in zip(copies(Reintegration, proposed.pk), (True, False), strict=True)
        )
    )
    winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This reintegration has already been decided."]
    stored = Reintegration.objects.get(pk=proposed.pk)
    assert (stored.status, stored.version) == (winner.status, 2)
    assert events("reintegration.decided") == 1


def test_a_reintegration_completed_twice(cast, old_case):
    decided = reintegration_decide(
        actor=cast.supervisor,
        reintegration=proposal(cast, old_case),
        expected_version=1,
        approve=True,
    )
    outcomes = at_once(
        *(
            lambda copy=copy: reintegration_complete(
                actor=cast.caseworker,
                reintegration=copy,
                expected_version=decided.version,
                reintegrated_on=days_ago(0),  # not before its proposal (today)
            )
            for copy in copies(Reintegration, decided.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This reintegration is already recorded as done."]
    assert FollowUp.objects.filter(case=old_case).count() == 10  # one schedule, not two
    assert events("reintegration.completed") == 1


def test_one_visit_recorded_twice(cast, old_case):
    visit = FollowUp.objects.create(case=old_case, due_on=days_ago(5))
    outcomes = at_once(
        *(
            lambda copy=copy: follow_up_record(
                actor=cast.caseworker,
                follow_up=copy,
                data=FollowUpInput(done_on=days_ago(4), method="home"),
            )
            for copy in copies(FollowUp, visit.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This visit is already recorded."]
    assert events("follow_up.recorded") == 1
    # The next quarterly visit is scheduled once.
    assert FollowUp.objects.filter(case=old_case, done_on__isnull=True).count() == 1


def test_one_task_completed_twice(cast, old_case):
    plan = draft(cast, old_case)
    care_plan_submit(actor=cast.caseworker, plan=plan)
    task = Task.objects.get(source_id=str(plan.pk))
    outcomes = at_once(
        *(
            lambda copy=copy: task_complete(actor=cast.supervisor, task=copy)
            for copy in copies(Task, task.pk)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This task is already done."]
    assert events("task.done") == 1


def test_two_first_assessments_at_once(cast, old_case):
    """Both are kept; the restoration status is created once and counts both."""
    outcomes = at_once(
        *(
            lambda case=case, day=day: assessment_record(
                actor=cast.caseworker, case=case, assessed_on=day, scores=all_scores(case, 2)
            )
            for case, day in zip(
                copies(Case, old_case.pk), (days_ago(700), days_ago(600)), strict=True
            )
        )
    )
    assert [o.error for o in outcomes] == [None, None]
    assert RestorationStatus.objects.get(case=old_case).assessments == 2


def test_the_race_helper_reports_both_winners():
    """If a service let both through, the helper says so: the race tests can fail."""
    outcomes = at_once(lambda: "done", lambda: "done")
    with pytest.raises(AssertionError, match="expected one winner"):
        one_wins(outcomes, loser=ConflictError)

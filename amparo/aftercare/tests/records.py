"""Restoration records on Lex's case, for the page and API tests."""

from dataclasses import dataclass

from amparo.aftercare.inputs import FamilyAssessmentInput, GoalInput
from amparo.aftercare.models import FollowUp, Task
from amparo.aftercare.services.careplans import care_plan_draft, care_plan_submit
from amparo.aftercare.services.placements import facility_create, placement_start
from amparo.aftercare.services.reintegration import (
    family_assessment_approve,
    family_assessment_record,
    reintegration_propose,
)
from amparo.aftercare.tests.conftest import days_ago
from amparo.cases.models import Case
from amparo.testing.cast import Cast


@dataclass
class Records:
    case: int
    facility: int
    placement: int
    plan: int
    family: int
    reintegration: int
    follow_up: int
    task: int  # the supervisor's approval task on the care plan

    def ids(self) -> dict[str, int]:
        return dict(self.__dict__)


def restoration_records(cast: Cast) -> Records:
    """Opens Lex's case two years back, then adds one of every restoration record."""
    Case.objects.filter(pk=cast.case.pk).update(opened_on=days_ago(800))
    cast.case.refresh_from_db()
    case = cast.case
    facility = facility_create(
        actor=cast.supervisor, name="Casa Prueba", kind="shelter", admin1="Escuintla", capacity=1
    )
    placement = placement_start(
        actor=cast.caseworker,
        case=case,
        facility_id=facility.pk,
        started_on=days_ago(300),
        reason="emergency",
    )
    plan = care_plan_draft(
        actor=cast.caseworker,
        case=case,
        summary="Plan de prueba",
        review_due_on=days_ago(-60),
        goals=[GoalInput("safety", "Safety plan learnt", days_ago(-30))],
    )
    care_plan_submit(actor=cast.caseworker, plan=plan)
    family = family_assessment_record(
        actor=cast.caseworker,
        case=case,
        data=FamilyAssessmentInput(
            assessed_on=days_ago(20), household_safety="safe", recommendation="reintegrate"
        ),
    )
    family_assessment_approve(actor=cast.supervisor, assessment=family)
    reintegration = reintegration_propose(
        actor=cast.caseworker,
        case=case,
        family_assessment_id=family.pk,
        destination="family",
        planned_on=days_ago(-10),
    )
    follow_up = FollowUp.objects.create(case=case, due_on=days_ago(5))
    task = Task.objects.get(
        assigned_to=cast.supervisor, source_type="aftercare.careplan", source_id=str(plan.pk)
    )
    return Records(
        case=case.pk,
        facility=facility.pk,
        placement=placement.pk,
        plan=plan.pk,
        family=family.pk,
        reintegration=reintegration.pk,
        follow_up=follow_up.pk,
        task=task.pk,
    )

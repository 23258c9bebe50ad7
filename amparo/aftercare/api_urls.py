"""Routes of the restoration API under /api/v1/."""

from django.urls import path

from amparo.aftercare.api import assessments, careplans, delivery, facilities, reintegration, work
from amparo.core.api_base import by_method
from amparo.core.routes import READS, SIGNED_IN, WRITES

CASE = "cases/<id:case_id>/"

urlpatterns = [
    path(
        "facilities/",
        by_method(GET=facilities.FacilityListApi, POST=facilities.FacilityCreateApi),
        name="api-facilities",
    ),
    path(
        CASE + "placements/",
        by_method(GET=facilities.PlacementListApi, POST=facilities.PlacementCreateApi),
        name="api-placements",
    ),
    path(
        CASE + "placements/<id:placement_id>/end/",
        facilities.PlacementEndApi.as_view(),
        name="api-placement-end",
    ),
    path(
        CASE + "care-plans/",
        by_method(GET=careplans.CarePlanListApi, POST=careplans.CarePlanCreateApi),
        name="api-care-plans",
    ),
    path(
        CASE + "care-plans/<id:plan_id>/submit/",
        careplans.CarePlanSubmitApi.as_view(),
        name="api-care-plan-submit",
    ),
    path(
        CASE + "care-plans/<id:plan_id>/approve/",
        careplans.CarePlanApproveApi.as_view(),
        name="api-care-plan-approve",
    ),
    path(
        CASE + "care-plans/<id:plan_id>/review/",
        careplans.CarePlanReviewApi.as_view(),
        name="api-care-plan-review",
    ),
    path(
        CASE + "services/",
        by_method(GET=delivery.ServiceListApi, POST=delivery.ServiceCreateApi),
        name="api-services",
    ),
    path(
        CASE + "counselling-sessions/",
        by_method(GET=delivery.CounsellingListApi, POST=delivery.CounsellingCreateApi),
        name="api-counselling-sessions",
    ),
    path(
        CASE + "assessments/",
        by_method(GET=assessments.AssessmentListApi, POST=assessments.AssessmentCreateApi),
        name="api-assessments",
    ),
    path("instrument/", assessments.InstrumentApi.as_view(), name="api-instrument"),
    path(
        CASE + "family-assessments/",
        by_method(
            GET=reintegration.FamilyAssessmentListApi,
            POST=reintegration.FamilyAssessmentCreateApi,
        ),
        name="api-family-assessments",
    ),
    path(
        CASE + "family-assessments/<id:assessment_id>/approve/",
        reintegration.FamilyAssessmentApproveApi.as_view(),
        name="api-family-assessment-approve",
    ),
    path(
        CASE + "reintegrations/",
        by_method(
            GET=reintegration.ReintegrationListApi, POST=reintegration.ReintegrationCreateApi
        ),
        name="api-reintegrations",
    ),
    path(
        CASE + "reintegrations/<id:reintegration_id>/decide/",
        reintegration.ReintegrationDecideApi.as_view(),
        name="api-reintegration-decide",
    ),
    path(
        CASE + "reintegrations/<id:reintegration_id>/complete/",
        reintegration.ReintegrationCompleteApi.as_view(),
        name="api-reintegration-complete",
    ),
    path(
        CASE + "follow-ups/",
        reintegration.FollowUpListApi.as_view(),
        name="api-follow-ups",
    ),
    path(
        CASE + "follow-ups/<id:follow_up_id>/",
        reintegration.FollowUpRecordApi.as_view(),
        name="api-follow-up",
    ),
    path("tasks/", work.TaskListApi.as_view(), name="api-tasks"),
    path("tasks/<id:task_id>/complete/", work.TaskCompleteApi.as_view(), name="api-task-complete"),
    path("my-work/", work.MyWorkApi.as_view(), name="api-my-work"),
    path("team-work/", work.TeamWorkApi.as_view(), name="api-team-work"),
    path("team-work/items/", work.TeamItemsApi.as_view(), name="api-team-work-items"),
    path("team-work/approvals/", work.TeamApprovalsApi.as_view(), name="api-team-work-approvals"),
]

# What each operation shows (amparo.core.routes).
ROUTE_ACCESS = {
    "api-facilities": {"GET": SIGNED_IN, "POST": WRITES},
    "api-placements": {"GET": READS, "POST": WRITES},
    "api-placement-end": WRITES,
    "api-care-plans": {"GET": READS, "POST": WRITES},
    "api-care-plan-submit": WRITES,
    "api-care-plan-approve": WRITES,
    "api-care-plan-review": WRITES,
    "api-services": {"GET": READS, "POST": WRITES},
    "api-counselling-sessions": {"GET": READS, "POST": WRITES},
    "api-assessments": {"GET": READS, "POST": WRITES},
    "api-instrument": SIGNED_IN,
    "api-family-assessments": {"GET": READS, "POST": WRITES},
    "api-family-assessment-approve": WRITES,
    "api-reintegrations": {"GET": READS, "POST": WRITES},
    "api-reintegration-decide": WRITES,
    "api-reintegration-complete": WRITES,
    "api-follow-ups": READS,
    "api-follow-up": WRITES,
    "api-tasks": SIGNED_IN,
    "api-task-complete": WRITES,
    "api-my-work": SIGNED_IN,
    "api-team-work": SIGNED_IN,
    "api-team-work-items": SIGNED_IN,
    "api-team-work-approvals": SIGNED_IN,
}

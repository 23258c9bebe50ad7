from django.urls import path

from amparo.aftercare.views import (
    assessments,
    careplans,
    delivery,
    facilities,
    instruments,
    reintegration,
    restoration,
    work,
)
from amparo.core.routes import FORM, READS, SIGNED_IN, WRITES

CASE = "cases/<int:pk>/restoration/"

urlpatterns = [
    path("work/", work.my_work_page, name="my_work"),
    path("work/tasks/<int:task_pk>/done/", work.task_done, name="task_done"),
    path("work/team/items/", work.team_items_page, name="team_items"),
    path("work/team/approvals/", work.team_approvals_page, name="team_approvals"),
    path("facilities/", facilities.facility_list, name="facility_list"),
    path("facilities/new/", facilities.facility_new, name="facility_new"),
    path("facilities/<int:facility_pk>/", facilities.facility_detail, name="facility_detail"),
    path("restoration/instruments/", instruments.instrument_admin, name="instrument_admin"),
    path(CASE, restoration.case_restoration, name="case_restoration"),
    path(CASE + "placements/new/", facilities.placement_new, name="placement_new"),
    path(
        CASE + "placements/<int:placement_pk>/end/",
        facilities.placement_finish,
        name="placement_end",
    ),
    path(CASE + "care-plans/new/", careplans.care_plan_new, name="care_plan_new"),
    path(
        CASE + "care-plans/<int:plan_pk>/submit/",
        careplans.care_plan_send,
        name="care_plan_submit",
    ),
    path(
        CASE + "care-plans/<int:plan_pk>/approve/",
        careplans.care_plan_accept,
        name="care_plan_approve",
    ),
    path(
        CASE + "care-plans/<int:plan_pk>/review/",
        careplans.care_plan_review_page,
        name="care_plan_review",
    ),
    path(CASE + "services/new/", delivery.service_new, name="service_new"),
    path(CASE + "counselling/new/", delivery.counselling_new, name="counselling_new"),
    path(CASE + "assessments/new/", assessments.assessment_new, name="assessment_new"),
    path(CASE + "family/new/", reintegration.family_assessment_new, name="family_assessment_new"),
    path(
        CASE + "family/<int:assessment_pk>/approve/",
        reintegration.family_assessment_accept,
        name="family_assessment_approve",
    ),
    path(CASE + "reintegration/new/", reintegration.reintegration_new, name="reintegration_new"),
    path(
        CASE + "reintegration/<int:reintegration_pk>/decide/",
        reintegration.reintegration_decision,
        name="reintegration_decide",
    ),
    path(
        CASE + "reintegration/<int:reintegration_pk>/complete/",
        reintegration.reintegration_done,
        name="reintegration_complete",
    ),
    path(
        CASE + "follow-ups/<int:follow_up_pk>/",
        reintegration.follow_up_visit,
        name="follow_up_record",
    ),
]

# What each page shows (amparo.core.routes).
ROUTE_ACCESS = {
    "my_work": SIGNED_IN,
    "task_done": WRITES,
    # The supervisor's lists behind the team's counts: case codes only, as My work.
    "team_items": SIGNED_IN,
    "team_approvals": SIGNED_IN,
    "facility_list": SIGNED_IN,
    "facility_new": WRITES,
    "facility_detail": SIGNED_IN,
    "instrument_admin": {"GET": SIGNED_IN, "POST": WRITES},
    "case_restoration": READS,
    "placement_new": FORM,
    "placement_end": FORM,
    "care_plan_new": FORM,
    "care_plan_submit": WRITES,
    "care_plan_approve": WRITES,
    "care_plan_review": FORM,
    "service_new": FORM,
    "counselling_new": FORM,
    "assessment_new": FORM,
    "family_assessment_new": FORM,
    "family_assessment_approve": WRITES,
    "reintegration_new": FORM,
    "reintegration_decide": FORM,
    "reintegration_complete": FORM,
    "follow_up_record": FORM,
}

"""The restoration pages' shared plumbing (``amparo.aftercare.views.common``) and the
care plan form's goal rows: refusals land where the user sees them."""

from django.contrib.messages import get_messages
from django.urls import reverse

from amparo.aftercare.tests.conftest import days_ago
from amparo.aftercare.tests.records import restoration_records


def test_a_refused_button_goes_back_with_the_reason(cast, client):
    """The plan is already sent for approval: sending it again says so, and writes nothing."""
    ids = restoration_records(cast).ids()
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("care_plan_submit", kwargs={"pk": ids["case"], "plan_pk": ids["plan"]})
    )
    assert response.status_code == 302
    assert response["Location"].endswith(
        reverse("case_restoration", kwargs={"pk": ids["case"]}) + "#care-plan"
    )
    sent = [(m.level_tag, str(m)) for m in get_messages(response.wsgi_request)]
    assert sent == [("error", "This plan has already been sent for approval.")]


def test_a_goal_the_service_refuses_shows_its_error_on_its_row(cast, client, old_case):
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("care_plan_new", kwargs={"pk": old_case.pk}),
        {
            "review_due_on": days_ago(-90),
            "goals-TOTAL_FORMS": "2",
            "goals-INITIAL_FORMS": "0",
            "goals-0-status": "not_started",
            "goals-1-domain": "safety",
            "goals-1-description": "Knows whom to call",
            # Before the case was opened: only the service knows that.
            "goals-1-target_on": days_ago(900),
            "goals-1-status": "not_started",
        },
    )
    assert response.status_code == 422
    goals = response.context["goals"].forms
    assert not goals[0].errors
    assert "target_on" in goals[1].errors
    assert not old_case.care_plans.exists()

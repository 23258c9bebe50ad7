"""The restoration pages end to end: actions, bad input, audit, escalation, "my work"."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from amparo.accounts.models import Organisation, OrganisationKind
from amparo.aftercare.models import Assessment, Facility, Placement, Reintegration, Task
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.services.reintegration import reintegration_decide
from amparo.aftercare.tests.conftest import all_scores, days_ago
from amparo.aftercare.tests.records import restoration_records
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseFlag
from amparo.cases.services import intake_submit
from amparo.testing.factories import intake_input


def _scores_post(case: Case, score: int, day: datetime.date) -> dict[str, str]:
    return {
        "assessed_on": day.isoformat(),
        **{f"score_{code}": str(score) for code in all_scores(case, score)},
    }


def test_assessment_page_groups_items_by_domain_with_scale_labels(cast, client, old_case):
    client.force_login(cast.caseworker)
    body = client.get(reverse("assessment_new", kwargs={"pk": old_case.pk})).content.decode()
    assert "<legend>Safety</legend>" in body and "Highly vulnerable" in body
    client.post("/i18n/setlang/", {"language": "es"})
    body = client.get(reverse("assessment_new", kwargs={"pk": old_case.pk})).content.decode()
    assert "Muy vulnerable" in body


def test_entering_an_assessment_draws_the_trajectory_and_sets_the_next_due(cast, client, old_case):
    client.force_login(cast.caseworker)
    url = reverse("assessment_new", kwargs={"pk": old_case.pk})
    client.post(url, _scores_post(old_case, 2, days_ago(400)))
    response = client.post(url, _scores_post(old_case, 3, days_ago(100)), follow=True)
    assert response.status_code == 200
    body = response.content.decode()
    assert Assessment.objects.filter(case=old_case).count() == 2
    assert '<svg class="chart"' in body and "<polyline" in body
    assert (days_ago(100) + datetime.timedelta(days=365)).isoformat() in body
    assert "Not met" in body
    assert (
        AuditEvent.objects.filter(code=Code.ASSESSMENT_RECORDED, actor=cast.caseworker).count() == 2
    )


def test_bad_assessments_show_errors_and_write_nothing(cast, client, old_case):
    client.force_login(cast.caseworker)
    url = reverse("assessment_new", kwargs={"pk": old_case.pk})
    data = _scores_post(old_case, 3, days_ago(10))
    data["score_safe_home"] = "5"
    del data["score_hope"]
    response = client.post(url, data)
    assert response.status_code == 422
    body = response.content.decode()
    assert "Score this item." in body and "Select a valid choice" in body
    response = client.post(url, _scores_post(old_case, 3, days_ago(900)))
    assert response.status_code == 422
    assert "before the case was opened" in response.content.decode()
    assert not Assessment.objects.exists()


def test_placement_beyond_capacity_is_refused(cast, client):
    records = restoration_records(cast)
    other = intake_submit(actor=cast.caseworker, data=intake_input())
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("placement_new", kwargs={"pk": other.pk}),
        {"facility": records.facility, "started_on": days_ago(0), "reason": "emergency"},
    )
    assert response.status_code == 422
    assert "is full" in response.content.decode()
    assert Placement.objects.count() == 1


def test_reintegration_without_an_approved_family_assessment_says_why(cast, client, old_case):
    client.force_login(cast.caseworker)
    page = client.get(reverse("case_restoration", kwargs={"pk": old_case.pk})).content.decode()
    assert "once a supervisor has approved a family assessment" in page
    client.post(
        reverse("family_assessment_new", kwargs={"pk": old_case.pk}),
        {"assessed_on": days_ago(3), "household_safety": "safe", "recommendation": "reintegrate"},
    )
    family = old_case.family_assessments.get()
    url = reverse("reintegration_new", kwargs={"pk": old_case.pk})
    assert "no approved family assessment" in client.get(url).content.decode()
    response = client.post(
        url,
        {"family_assessment": family.pk, "destination": "family", "planned_on": days_ago(-5)},
    )
    assert response.status_code == 422
    assert "approved by a supervisor" in response.content.decode()
    assert not Reintegration.objects.exists()


def test_care_plan_flow_through_the_pages(cast, client, old_case):
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("care_plan_new", kwargs={"pk": old_case.pk}),
        {
            "summary": "Plan",
            "review_due_on": days_ago(-90),
            "goals-TOTAL_FORMS": "3",
            "goals-INITIAL_FORMS": "0",
            "goals-0-domain": "safety",
            "goals-0-description": "Knows whom to call",
            "goals-0-target_on": days_ago(-30),
            "goals-0-status": "not_started",
            "goals-1-status": "not_started",
            "goals-2-status": "not_started",
        },
    )
    assert response.status_code == 302, response.content.decode()
    plan = old_case.care_plans.get()
    assert plan.goals.count() == 1
    client.post(reverse("care_plan_submit", kwargs={"pk": old_case.pk, "plan_pk": plan.pk}))
    # A caseworker cannot approve: the page does not exist for them.
    url = reverse("care_plan_approve", kwargs={"pk": old_case.pk, "plan_pk": plan.pk})
    assert client.post(url).status_code == 404
    client.force_login(cast.supervisor)
    client.post(url)
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert AuditEvent.objects.filter(code=Code.CARE_PLAN_APPROVED, actor=cast.supervisor).exists()


def test_care_plan_needs_a_goal(cast, client, old_case):
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("care_plan_new", kwargs={"pk": old_case.pk}),
        {"review_due_on": days_ago(-90), "goals-TOTAL_FORMS": "1", "goals-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 422
    assert "at least one goal" in response.content.decode()
    assert not old_case.care_plans.exists()


def test_risky_follow_up_escalates_to_the_supervisors_work(cast, client):
    records = restoration_records(cast)
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("follow_up_record", kwargs={"pk": records.case, "follow_up_pk": records.follow_up}),
        {"done_on": days_ago(1), "method": "home", "risks": ["perpetrator"]},
        follow=True,
    )
    body = response.content.decode()
    assert "raised a flag on the case and a task for the supervisor" in body
    assert CaseFlag.objects.filter(case_id=records.case, kind="perpetrator").exists()
    client.force_login(cast.supervisor)
    work = client.get(reverse("my_work")).content.decode()
    assert "Review a risk found at follow-up" in work
    task = Task.objects.get(kind="review_risk")
    assert reverse("task_done", kwargs={"task_pk": task.pk}) in work
    client.post(reverse("task_done", kwargs={"task_pk": task.pk}))
    task.refresh_from_db()
    assert task.done_by == cast.supervisor


def test_reintegration_decision_and_completion_use_the_version(cast, client):
    records = restoration_records(cast)
    client.force_login(cast.supervisor)
    url = reverse(
        "reintegration_decide",
        kwargs={"pk": records.case, "reintegration_pk": records.reintegration},
    )
    response = client.post(url, {"version": 1, "decision": "reject", "note": ""})
    assert response.status_code == 422 and "Say why" in response.content.decode()
    reintegration = Reintegration.objects.get()
    reintegration_decide(
        actor=cast.supervisor, reintegration=reintegration, expected_version=1, approve=True
    )
    response = client.post(url, {"version": 1, "decision": "approve"})
    assert response.status_code == 422  # stale page
    complete = reverse(
        "reintegration_complete",
        kwargs={"pk": records.case, "reintegration_pk": records.reintegration},
    )
    client.force_login(cast.caseworker)
    response = client.post(complete, {"version": 2, "reintegrated_on": days_ago(0)})
    assert response.status_code == 302
    assert Case.objects.get(pk=records.case).follow_ups.filter(done_on=None).count() > 1


def test_closure_shows_the_rule_and_needs_an_override(cast, client, old_case):
    url = reverse("case_close", kwargs={"pk": old_case.pk})
    client.force_login(cast.caseworker)
    body = client.get(url).content.decode()
    assert "The closure rule is not met" in body and "Only a supervisor" in body
    data = {"version": old_case.version, "reason": "restored", "closed_on": days_ago(0)}
    response = client.post(url, {**data, "confirmed": "yes"})
    assert response.status_code == 422
    client.force_login(cast.supervisor)
    assert "override_reason" in client.get(url).content.decode()
    response = client.post(url, {**data, "confirmed": "yes"})
    assert response.status_code == 422 and "Give the reason" in response.content.decode()
    assert Case.objects.get(pk=old_case.pk).closed_on is None
    response = client.post(url, {**data, "override_reason": "Moved abroad with family"})
    assert "Yes, close the case" in response.content.decode()  # the confirmation
    response = client.post(
        url, {**data, "override_reason": "Moved abroad with family", "confirmed": "yes"}
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(code=Code.CASE_CLOSURE_OVERRIDDEN).exists()


def test_closure_when_the_rule_is_met(cast, client, old_case):
    for days, score in ((700, 3), (300, 4)):
        assessment_record(
            actor=cast.caseworker,
            case=old_case,
            assessed_on=days_ago(days),
            scores=all_scores(old_case, score),
        )
    client.force_login(cast.caseworker)
    url = reverse("case_close", kwargs={"pk": old_case.pk})
    assert "The closure rule is met" in client.get(url).content.decode()
    data = {"version": old_case.version, "reason": "restored", "closed_on": days_ago(0)}
    assert client.post(url, {**data, "confirmed": "yes"}).status_code == 302
    assert AuditEvent.objects.filter(code=Code.CASE_CLOSED).exists()


def test_my_work_marks_overdue_first_and_uses_constant_queries(cast, client):
    Organisation.objects.filter(pk=cast.lex.pk).update(kind=OrganisationKind.AFTERCARE)
    client.force_login(cast.caseworker)
    empty = client.get(reverse("my_work")).content.decode()
    assert "Initial restoration assessment" in empty  # the intake assessment is due today
    restoration_records(cast)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("my_work")).status_code == 200
        return len(ctx.captured_queries)

    before = count()
    for _ in range(3):
        intake_submit(actor=cast.caseworker, data=intake_input())
    assert count() == before
    body = client.get(reverse("my_work")).content.decode()
    assert body.index('id="work-overdue"') < body.index('id="work-today"')
    assert (
        body.index('id="work-today"') < body.index('id="work-week"') < body.index('id="work-later"')
    )
    assert "Follow-up visit" in body and 'class="work-item kind-follow_up is-overdue"' in body


def test_my_work_empty_state(cast, client):
    client.force_login(cast.other_caseworker)
    assert "Nothing is overdue or due" in client.get(reverse("my_work")).content.decode()


def test_facility_pages(cast, client):
    records = restoration_records(cast)
    client.force_login(cast.supervisor)
    body = client.get(reverse("facility_list")).content.decode()
    assert "Casa Prueba" in body
    detail = client.get(reverse("facility_detail", kwargs={"facility_pk": records.facility}))
    assert cast.case.code in detail.content.decode()
    client.force_login(cast.other_caseworker)  # not assigned: the resident is not listed
    detail = client.get(reverse("facility_detail", kwargs={"facility_pk": records.facility}))
    assert cast.case.code not in detail.content.decode()
    client.force_login(cast.admin)
    response = client.post(
        reverse("facility_new"), {"name": "Casa Dos", "kind": "shelter", "capacity": 5}
    )
    assert response.status_code == 302 and Facility.objects.filter(name="Casa Dos").exists()


def test_service_and_counselling_pages(cast, client, old_case):
    client.force_login(cast.caseworker)
    response = client.post(
        reverse("service_new", kwargs={"pk": old_case.pk}),
        {
            "service_type": "medical",
            "provider": cast.refugio.pk,
            "status": "referred",
            "started_on": days_ago(2),
        },
    )
    assert response.status_code == 302
    assert old_case.services.get().provider == cast.refugio
    response = client.post(
        reverse("counselling_new", kwargs={"pk": old_case.pk}),
        {"held_on": days_ago(1), "notes": "Sesión de prueba"},
    )
    assert response.status_code == 302
    assert AuditEvent.objects.filter(code=Code.COUNSELLING_RECORDED).exists()
    body = client.get(reverse("case_restoration", kwargs={"pk": old_case.pk})).content.decode()
    assert "Refugio Test Aftercare" in body


def test_restoration_page_read_is_audited(cast, client, old_case):
    client.force_login(cast.supervisor)
    client.get(reverse("case_restoration", kwargs={"pk": old_case.pk}))
    assert AuditEvent.objects.filter(
        code=Code.CASE_VIEWED, actor=cast.supervisor, case=old_case
    ).exists()

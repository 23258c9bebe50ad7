"""The restoration API: writes, bad input with field errors, audit, escalation."""

from amparo.aftercare.models import Assessment, Placement, Reintegration, Task
from amparo.aftercare.tests.conftest import all_scores, days_ago
from amparo.aftercare.tests.records import restoration_records
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit
from amparo.testing.api import api_client
from amparo.testing.factories import intake_input


def test_assessment_post_and_bad_scores(cast, old_case):
    client = api_client(cast.caseworker)
    url = f"/api/v1/cases/{old_case.pk}/assessments/"
    scores = all_scores(old_case, 3)
    scores["safe_home"] = 7
    response = client.post(url, {"assessed_on": days_ago(5), "scores": scores}, format="json")
    assert response.status_code == 400
    assert "scores.safe_home" in response.data
    response = client.post(
        url, {"assessed_on": days_ago(900), "scores": all_scores(old_case, 3)}, format="json"
    )
    assert response.status_code == 400 and "assessed_on" in response.data
    assert not Assessment.objects.exists()
    response = client.post(
        url, {"assessed_on": days_ago(5), "scores": all_scores(old_case, 3)}, format="json"
    )
    assert response.status_code == 201 and response.data["domain_scores"]["safety"] == 3.0
    listing = client.get(url).data
    assert listing["next_assessment_due"] and listing["closure_rule_met"] is False
    assert AuditEvent.objects.filter(code=Code.ASSESSMENT_RECORDED).count() == 1


def test_instrument_has_domains_items_and_scale(cast):
    data = api_client(cast.caseworker).get("/api/v1/instrument/").data
    assert len(data["domains"]) == 6 and data["domains"][0]["items"]
    assert data["scale_labels"]["1"]["en"] == "Highly vulnerable"


def test_placement_beyond_capacity_and_versioned_end(cast):
    records = restoration_records(cast)
    other = intake_submit(actor=cast.caseworker, data=intake_input())
    client = api_client(cast.caseworker)
    response = client.post(
        f"/api/v1/cases/{other.pk}/placements/",
        {"facility": records.facility, "started_on": days_ago(0), "reason": "emergency"},
        format="json",
    )
    assert response.status_code == 400 and "facility" in response.data
    url = f"/api/v1/cases/{records.case}/placements/{records.placement}/end/"
    body = {"ended_on": days_ago(0), "end_reason": "transferred"}
    assert client.post(url, body, format="json").status_code == 428
    assert client.post(url, {**body, "version": 9}, format="json").status_code == 409
    response = client.post(url, body, format="json", HTTP_IF_MATCH='"1"')
    assert response.status_code == 200 and response["ETag"] == '"2"'
    assert Placement.objects.get(pk=records.placement).ended_on is not None


def test_reintegration_needs_an_approved_family_assessment(cast, old_case):
    client = api_client(cast.caseworker)
    base = f"/api/v1/cases/{old_case.pk}/"
    family = client.post(
        base + "family-assessments/",
        {"assessed_on": days_ago(2), "household_safety": "safe", "recommendation": "reintegrate"},
        format="json",
    ).data
    body = {"family_assessment": family["id"], "destination": "family", "planned_on": days_ago(-3)}
    response = client.post(base + "reintegrations/", body, format="json")
    assert response.status_code == 400 and "family_assessment" in response.data
    assert not Reintegration.objects.exists()
    sup = api_client(cast.supervisor)
    assert sup.post(base + f"family-assessments/{family['id']}/approve/").status_code == 200
    created = client.post(base + "reintegrations/", body, format="json")
    assert created.status_code == 201
    decide = base + f"reintegrations/{created.data['id']}/decide/"
    response = sup.post(decide, {"approve": False, "version": 1}, format="json")
    assert response.status_code == 400 and "note" in response.data
    response = sup.post(decide, {"approve": True, "version": 1}, format="json")
    assert response.status_code == 200 and response.data["status"] == "approved"
    complete = base + f"reintegrations/{created.data['id']}/complete/"
    response = client.post(complete, {"reintegrated_on": days_ago(0), "version": 2}, format="json")
    assert response.status_code == 200
    follow_ups = client.get(base + "follow-ups/").data
    assert len(follow_ups) == 10


def test_risky_follow_up_escalates_via_the_api(cast):
    records = restoration_records(cast)
    client = api_client(cast.caseworker)
    url = f"/api/v1/cases/{records.case}/follow-ups/{records.follow_up}/"
    response = client.post(
        url, {"done_on": days_ago(0), "method": "phone", "risks": ["nonsense"]}, format="json"
    )
    assert response.status_code == 400 and "risks" in response.data
    response = client.post(
        url, {"done_on": days_ago(0), "method": "phone", "risks": ["threats"]}, format="json"
    )
    assert response.status_code == 200
    work = api_client(cast.supervisor).get("/api/v1/my-work/").data
    labels = [i["label"] for i in work["overdue"] + work["upcoming"]]
    assert "Review a risk found at follow-up" in labels
    tasks = api_client(cast.supervisor).get("/api/v1/tasks/").data
    assert {t["kind"] for t in tasks} >= {"review_risk"}
    assert Task.objects.filter(kind="review_risk", assigned_to=cast.supervisor).exists()


def test_care_plan_api_flow_and_goal_errors(cast, old_case):
    client = api_client(cast.caseworker)
    url = f"/api/v1/cases/{old_case.pk}/care-plans/"
    bad = {
        "review_due_on": days_ago(-30),
        "goals": [{"domain": "nowhere", "description": "", "target_on": days_ago(-10)}],
    }
    response = client.post(url, bad, format="json")
    assert response.status_code == 400
    assert "goals.0.domain" in response.data and "goals.0.description" in response.data
    good = {**bad, "goals": [{"domain": "legal", "description": "ID", "target_on": days_ago(-9)}]}
    plan = client.post(url, good, format="json").data
    assert client.post(f"{url}{plan['id']}/submit/").status_code == 200
    assert client.post(f"{url}{plan['id']}/approve/").status_code == 403
    approved = api_client(cast.supervisor).post(f"{url}{plan['id']}/approve/")
    assert approved.data["status"] == "approved"
    goal = approved.data["goals"][0]["id"]
    response = client.post(
        f"{url}{plan['id']}/review/",
        {
            "reviewed_on": days_ago(0),
            "next_review_on": days_ago(-90),
            "goal_statuses": {str(goal): "achieved"},
        },
        format="json",
    )
    assert response.status_code == 200 and response.data["goals"][0]["status"] == "achieved"


def test_services_and_counselling(cast, old_case):
    client = api_client(cast.caseworker)
    base = f"/api/v1/cases/{old_case.pk}/"
    response = client.post(
        base + "services/",
        {"service_type": "legal", "status": "provided", "started_on": days_ago(1)},
        format="json",
    )
    assert response.status_code == 201 and response.data["provider"] == cast.lex.pk
    response = client.post(
        base + "services/",
        {"service_type": "bogus", "status": "provided", "started_on": days_ago(1)},
        format="json",
    )
    assert response.status_code == 400 and "service_type" in response.data
    response = client.post(
        base + "counselling-sessions/", {"held_on": days_ago(0), "notes": " "}, format="json"
    )
    assert response.status_code == 400 and "notes" in response.data


def test_indicators_are_always_suppressed(cast, settings):
    data = api_client(cast.analyst).get("/api/v1/indicators/restoration/").data
    assert data["suppressed"] is True
    comparison = next(t for t in data["tables"] if t["key"] == "comparison")
    current = next(r for r in comparison["rows"] if r["key"] == "current")
    assert current["values"]["cases"] == 0 and current["values"]["rate_cases"] is None
    restoration_records(cast)
    data = api_client(cast.supervisor).get("/api/v1/indicators/restoration/").data
    occupancy = next(t for t in data["tables"] if t["key"] == "occupancy")
    # hidden: null, as in every indicators API
    assert occupancy["rows"][0]["values"]["occupied"] is None

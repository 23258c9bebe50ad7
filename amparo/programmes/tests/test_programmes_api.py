"""The programmes API: create and change round trips, field errors, versions, the indicators."""

import pytest

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.programmes.models import Goal, Programme
from amparo.programmes.tests.records import programme_records
from amparo.testing.api import api_client

PROGRAMME = {
    "name": "Hogares Seguros",
    "slug": "hogares-seguros",
    "summary": "A fictional programme.",
    "countries": ["GT", "HN"],
    "starts_on": "2025-01-01",
    "ends_on": "2029-12-31",
    "population_covered": 1_000_000,
}


@pytest.fixture
def analyst(cast):
    programme_records(cast)
    return api_client(cast.analyst)


def test_a_programme_round_trips_through_create_read_and_patch(cast, analyst):
    created = analyst.post(
        "/api/v1/programmes/", {**PROGRAMME, "partner_ids": [cast.refugio.pk]}, format="json"
    )
    assert created.status_code == 201, created.content
    assert created["ETag"] == '"1"'
    url = f"/api/v1/programmes/{created.json()['id']}/"
    detail = analyst.get(url).json()
    assert detail["partners"] == [cast.refugio.pk]
    assert (detail["min_cell"], detail["rounding_base"], detail["privacy_budget"]) == (
        11,
        5,
        "1.000",
    )
    assert detail["budget_spent"] == "0"
    patched = analyst.patch(url, {"min_cell": 20}, format="json", HTTP_IF_MATCH='"1"')
    assert patched.status_code == 200, patched.content
    assert patched.json()["min_cell"] == 20 and patched["ETag"] == '"2"'
    assert patched.json()["name"] == "Hogares Seguros"
    stale = analyst.patch(url, {"name": "Stale"}, format="json", HTTP_IF_MATCH='"1"')
    assert stale.status_code == 409
    assert analyst.patch(url, {"name": "No version"}, format="json").status_code == 428
    assert Programme.objects.get(slug="hogares-seguros").name == "Hogares Seguros"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"slug": "justicia-segura"}, "slug"),
        ({"countries": ["GTM"]}, "countries.0"),
        ({"ends_on": "2024-01-01"}, "ends_on"),
        ({"min_cell": 5}, "min_cell"),
    ],
)
def test_bad_input_is_400_with_field_keys_and_nothing_written(cast, analyst, change, field):
    before = Programme.objects.count()
    response = analyst.post("/api/v1/programmes/", {**PROGRAMME, **change}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Programme.objects.count() == before


def test_a_partner_that_is_the_owner_is_refused(cast, analyst):
    response = analyst.post(
        "/api/v1/programmes/", {**PROGRAMME, "partner_ids": [cast.lex.pk]}, format="json"
    )
    assert response.status_code == 400 and "partner_ids" in response.json()


def test_areas_and_goals_round_trip(cast, analyst):
    programme = Programme.objects.get(slug="justicia-segura")
    base = f"/api/v1/programmes/{programme.pk}/"
    area = analyst.post(
        base + "areas/", {"country": "GT", "admin1": "Escuintla", "population": 5}, format="json"
    )
    assert area.status_code == 201
    again = analyst.post(
        base + "areas/", {"country": "GT", "admin1": "Escuintla", "population": 5}, format="json"
    )
    assert again.status_code == 400 and "admin1" in again.json()
    goal = analyst.post(
        base + "goals/",
        {
            "indicator": "conviction_rate",
            "area": area.json()["id"],
            "title": "Conviction rate reaches 30%",
            "baseline_value": "6",
            "baseline_on": "2024-01-01",
            "target_value": "30",
            "target_on": "2030-12-31",
            "milestones": [{"due_on": "2027-12-31", "value": "18"}],
        },
        format="json",
    )
    assert goal.status_code == 201, goal.content
    body = goal.json()
    assert body["milestones"] == [{"due_on": "2027-12-31", "value": "18.000"}]
    url = f"/api/v1/goals/{body['id']}/"
    patched = analyst.patch(
        url,
        {"milestones": [{"due_on": "2026-01-01", "value": "10"}], "version": body["version"]},
        format="json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["milestones"] == [{"due_on": "2026-01-01", "value": "10.000"}]
    assert patched.json()["target_value"] == "30.000"
    outside = analyst.patch(
        url,
        {"milestones": [{"due_on": "2031-01-01", "value": "10"}], "version": 2},
        format="json",
    )
    assert outside.status_code == 400 and "milestones.0.due_on" in outside.json()
    detail = analyst.get(base).json()
    assert [g["id"] for g in detail["goals"]] == [body["id"]]
    assert {a["admin1"] for a in detail["areas"]} == {"Guatemala", "Quetzaltenango", "Escuintla"}
    archived = analyst.post(url + "archive/")
    assert archived.status_code == 200 and archived.json()["archived_at"]
    assert analyst.get(base + "goals/").json() == []
    assert AuditEvent.objects.filter(code=Code.GOAL_SAVED).count() == 2


def test_a_goal_on_an_undefined_indicator_is_400_and_nothing_written(cast, analyst):
    programme = Programme.objects.get(slug="justicia-segura")
    response = analyst.post(
        f"/api/v1/programmes/{programme.pk}/goals/",
        {
            "indicator": "happiness",
            "title": "Happier",
            "baseline_value": "1",
            "baseline_on": "2024-01-01",
            "target_value": "2",
            "target_on": "2030-01-01",
        },
        format="json",
    )
    assert response.status_code == 400 and "indicator" in response.json()
    assert not Goal.objects.exists()


def test_the_indicators_come_in_the_requests_language(cast, analyst):
    english = analyst.get("/api/v1/indicators/").json()
    by_code = {i["code"]: i for i in english}
    assert by_code["conviction_rate"]["unit"] == "percent"
    assert by_code["conviction_rate"]["source"] == "live"
    assert by_code["prevalence"]["better"] == "lower"
    spanish = analyst.get("/api/v1/indicators/", HTTP_ACCEPT_LANGUAGE="es").json()
    assert [i["code"] for i in spanish] == [i["code"] for i in english]
    assert {i["code"]: i["label"] for i in spanish}["conviction_rate"] == "Tasa de condena"


def test_the_schema_documents_the_programme_operations(cast, analyst):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = schema["paths"]
    assert "/api/v1/programmes/{programme_id}/goals/" in paths
    assert paths["/api/v1/goals/{goal_id}/"]["patch"]["tags"] == ["programmes"]

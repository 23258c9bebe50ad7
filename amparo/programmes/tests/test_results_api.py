"""The results API: the same figures as the page, for the same readers."""

import datetime

import pytest
from django.urls import reverse

from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.results_records import goal, legal_cases, waves
from amparo.testing.cast import SIGNED_IN, expect

D = datetime.date
READERS = {"supervisor", "analyst", "admin", "partner_supervisor"}


@pytest.fixture
def records(cast):
    return programme_records(cast)


def url(programme):
    return reverse("api-programme-results", args=[programme.pk])


@pytest.mark.covers("api-programme-results GET")
def test_readers_get_the_results_everyone_else_is_refused(cast, records):
    for name in (*SIGNED_IN, "anonymous"):
        response = cast.client(name).get(url(records.lex_programme))
        assert response.status_code == expect(name, dict.fromkeys(READERS, 200)), name
    assert cast.client("third_supervisor").get(url(records.third_programme)).status_code == 200


def test_goals_people_protected_and_hidden_values_as_json(cast, records):
    programme = records.lex_programme
    legal_cases(cast, 15, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1), convicted=True)
    legal_cases(cast, 15, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1))
    legal_cases(cast, 5, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1), admin1="Quetzaltenango")
    waves(cast, records.guatemala, baseline=(20, 400), endline=(14, 400))
    met = goal(
        cast,
        programme,
        "conviction_rate",
        baseline=30,
        target=40,
        milestones=((D(2027, 12, 31), 35),),
    )
    hidden = goal(
        cast, programme, "conviction_rate", baseline=30, target=40, area=records.quetzaltenango
    )

    response = cast.client("partner_supervisor").get(url(programme), {"as_of": "2026-12-31"})

    assert response.status_code == 200
    body = response.json()
    assert (body["as_of"], body["min_cell"]) == ("2026-12-31", 11)
    goals = {g["id"]: g for g in body["goals"]}
    first = goals[met.pk]
    assert first["status"] == "met"
    # 15 convictions of 35 verdicts (30 in Guatemala, 5 in Quetzaltenango).
    assert first["current"]["value"] == pytest.approx(100 * 15 / 35)
    assert first["current"]["lower"] < first["current"]["value"] < first["current"]["upper"]
    assert first["milestones"] == [{"date": "2027-12-31", "value": 35.0}]
    assert [p["date"] for p in first["trend"]] == ["2024-12-31", "2025-12-31", "2026-12-31"]
    assert goals[hidden.pk]["current"] == {
        "value": None,
        "lower": None,
        "upper": None,
        "hidden": True,
    }
    assert goals[hidden.pk]["status"] == "no_data"
    protected = body["people_protected"]
    assert protected["people"] == 3_000_000
    assert protected["method"]["version"] == 1
    assert "z-test" in protected["method"]["text"]
    assert [a["admin1"] for a in protected["areas"]] == ["Guatemala", "Quetzaltenango"]
    assert protected["areas"][0]["p_value"] == pytest.approx(0.023887749815253573)


def test_an_invalid_date_is_a_field_error(cast, records):
    response = cast.client("analyst").get(url(records.lex_programme), {"as_of": "tomorrow"})
    assert response.status_code == 400
    assert "as_of" in response.json()


def test_the_schema_documents_the_operation_under_results(cast):
    response = cast.client("analyst").get(reverse("api-schema"), {"format": "json"})
    operation = response.json()["paths"]["/api/v1/programmes/{programme_id}/results/"]["get"]
    assert operation["tags"] == ["results"]

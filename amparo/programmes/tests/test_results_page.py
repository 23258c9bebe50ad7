"""The results page: who may open it, its charts and tables, Spanish numbers, bad dates."""

import datetime
import re

import pytest
from django.urls import reverse

from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.results_records import goal, legal_cases, survey, waves

D = datetime.date
AS_OF = "2026-12-31"
READERS = {"supervisor", "analyst", "admin", "partner_supervisor"}


@pytest.fixture
def records(cast):
    return programme_records(cast)


@pytest.fixture
def goals(cast, records):
    programme = records.lex_programme
    legal_cases(cast, 15, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1), convicted=True)
    legal_cases(cast, 15, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1))
    waves(cast, records.guatemala, baseline=(20.5, 400), endline=(14.25, 400))
    survey(cast, programme, "would_report_police", end=D(2026, 6, 30), estimate=42.5)
    return [
        goal(
            cast, programme, "conviction_rate", baseline=30.5, target=40, title="More convictions"
        ),
        goal(
            cast,
            programme,
            "would_report_police",
            baseline=30,
            target=60,
            milestones=((D(2026, 12, 31), 40.5),),
            title="More would report",
        ),
        goal(
            cast,
            programme,
            "prevalence",
            baseline=20.5,
            target=10,
            area=records.guatemala,
            title="Less exploitation",
        ),
    ]


def results_url(records, programme=None):
    return reverse("programme_results", args=[(programme or records.lex_programme).pk])


@pytest.mark.covers("programme_results")
def test_readers_of_the_programme_see_its_results_and_no_one_else(cast, client, records):
    for name, user in cast.everyone().items():
        client.force_login(user)
        response = client.get(results_url(records), {"as_of": AS_OF})
        assert response.status_code == (200 if name in READERS else 404), name
    third = client.get(results_url(records, records.third_programme))
    assert third.status_code == 404  # the outsider organisation's programme, for the last user
    client.force_login(cast.third_supervisor)
    assert client.get(results_url(records, records.third_programme)).status_code == 200
    assert client.get(results_url(records)).status_code == 404
    client.logout()
    assert client.get(results_url(records)).status_code == 302


def test_each_goal_has_its_chart_status_and_table_and_people_protected_its_method(
    cast, client, records, goals
):
    client.force_login(cast.partner_supervisor)
    page = client.get(results_url(records), {"as_of": AS_OF}).content.decode()

    assert page.count('data-chart="goal"') == 3
    assert page.count('class="target-path"') == 3
    assert 'data-status="met"' in page  # 50% convictions against 40%
    assert 'data-status="on_track"' in page  # 42.5% against 40.5% due
    assert "Less exploitation" in page and "More would report" in page
    assert page.count('class="counts goal-table"') == 3
    assert "Method 1:" in page and "two-proportion z-test" in page
    # Guatemala fell significantly (20.5% → 14.25% of 400 each) and convictions are met.
    assert re.search(r'id="people-figure">3,000,000<', page)
    assert "Quetzaltenango" in page


def test_a_value_resting_on_fewer_than_k_records_shows_as_hidden(cast, client, records):
    legal_cases(cast, 20, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1))
    legal_cases(cast, 4, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1), convicted=True)
    goal(cast, records.lex_programme, "conviction_rate", baseline=30, target=40)
    client.force_login(cast.analyst)
    page = client.get(results_url(records), {"as_of": AS_OF}).content.decode()
    assert "[c] fewer than 11" in page
    assert 'data-status="no_data"' in page


def test_the_spanish_page_localises_labels_but_never_the_svg_numbers(cast, client, records, goals):
    client.force_login(cast.analyst)
    response = client.get(results_url(records), {"as_of": AS_OF}, HTTP_ACCEPT_LANGUAGE="es")
    page = response.content.decode()
    assert "Meta alcanzada" in page and "prueba z" in page
    for spanish in (
        "Resultados de",
        "Personas protegidas",
        "Valor actual",
        "Tasa de condena",
        "Intervalo del 95%",
        "¿Protegida?",
        "Método 1:",
    ):
        assert spanish in page, spanish
    assert "42,5" in page  # a label, localised
    svgs = re.findall(r"<svg.*?</svg>", page, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        numbers = re.findall(r'\s(?:x|y|x1|x2|y1|y2|cx|cy|r)="([^"]*)"', svg)
        points = re.findall(r'\s(?:points|viewBox)="([^"]*)"', svg)
        assert numbers and points
        for value in numbers:
            assert re.fullmatch(r"-?\d+(\.\d)?", value), value
        for value in points:
            for part in value.replace(",", " ").split():
                assert re.fullmatch(r"-?\d+(\.\d)?", part), value
            assert all(pair.count(",") <= 1 for pair in value.split()), value


def test_a_programme_without_goals_shows_the_empty_state(cast, client, records):
    client.force_login(cast.supervisor)
    page = client.get(results_url(records)).content.decode()
    assert 'id="no-goals"' in page
    assert 'id="people-figure">0<' in page


def test_an_invalid_date_is_an_error_and_the_figures_of_today(cast, client, records, goals):
    client.force_login(cast.supervisor)
    response = client.get(results_url(records), {"as_of": "2026-13-45"})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert response.context["as_of"] == datetime.date.today()


def test_the_page_reads_a_bounded_number_of_queries(
    cast, client, records, goals, django_assert_max_num_queries
):
    client.force_login(cast.supervisor)
    with django_assert_max_num_queries(80):
        client.get(results_url(records), {"as_of": AS_OF})

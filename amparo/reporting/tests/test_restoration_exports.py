"""The restoration report leaving the organisation: suppressed everywhere, the same tables, audited."""

import csv
import datetime
import io
import re

import numpy as np
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.reporting.restoration import report_links, restoration_report
from amparo.reporting.restoration_queries import RestorationFilters
from amparo.reporting.suppression import HIDDEN, Cell, min_cell
from amparo.reporting.tests.restoration_world import TODAY, add_case, build_world
from amparo.reporting.tests.test_restoration import YEAR
from amparo.testing.api import api_client
from amparo.testing.downloads import body as download

API = "/api/v1/indicators/restoration/"
QUERY = {"start": "2026-01-01", "end": "2026-12-31"}


@pytest.fixture
def world(cast):
    build_world(cast)
    return cast


def _suppressed(cast, view="cohort"):
    filters = RestorationFilters(period=YEAR, view=view)
    return restoration_report(user=cast.analyst, filters=filters, suppress=True, today=TODAY)


def _determined(report, view: str) -> set:
    """The hidden cells that the shown ones give away by any linear combination of the relations."""
    values, hidden, unknown, equations = {}, set(), set(), []
    for table in report.tables:
        for (row, column), value in table.counts().items():
            key = (table.key, row, column)
            values[key] = value
            shown = next(c for c in table.columns if c.key == column).published
            cell = table.cell(row, column)
            if not shown or (isinstance(cell, Cell) and cell.suppressed):
                unknown.add(key)
                if shown:
                    hidden.add(key)
        for rel in table.structure():
            equations.append(((table.key, *rel.whole), [(table.key, *p) for p in rel.parts]))
    for link in report_links(view):
        equations.append((link.whole, list(link.parts)))
    columns = sorted(unknown)
    index = {k: i for i, k in enumerate(columns)}
    matrix = np.zeros((len(equations), len(columns)))
    for i, (whole, parts) in enumerate(equations):
        for key, sign in ((whole, 1), *((p, -1) for p in parts)):
            if key in index:
                matrix[i, index[key]] += sign
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for key in hidden:
        unit = np.zeros((1, len(columns)))
        unit[0, index[key]] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(key)
    return found


# Below 11 some counts of the world are shown, so complementary suppression must work.
@pytest.mark.parametrize("threshold", [11, 5, 3])
@pytest.mark.parametrize("view", ["cohort", "period"])
def test_every_small_count_is_hidden_and_none_can_be_derived(world, view, threshold, settings):
    settings.AMPARO_REPORT_MIN_CELL = threshold
    report = _suppressed(world, view)
    assert report.suppressed
    for table in report.tables:
        for (row, column), value in table.counts().items():
            published = next(c for c in table.columns if c.key == column).published
            if published and 0 < value < min_cell():
                assert table.cell(row, column).suppressed, (table.key, row, column)
    small = {
        (t.key, r, c)
        for t in report.tables
        for (r, c), v in t.counts().items()
        if 0 < v < min_cell()
    }
    assert _determined(report, view) & small == set()


def test_figures_built_on_hidden_counts_are_hidden(world):
    report = _suppressed(world)
    comparison = report.table("comparison")
    assert comparison.cell("current", "rate_cases").hidden
    assert report.table("changes").cell("vs_previous", "restored").hidden
    time = report.table("time_to_restoration")
    assert all(time.cell(r.key, "estimate").hidden for r in time.rows)
    assert report.curves["time_to_restoration"].times == ()


def test_enough_cases_show_exactly_also_when_suppressed(world, settings):
    settings.AMPARO_REPORT_MIN_CELL = 2
    report = _suppressed(world)
    assert report.table("comparison").cell("current", "cases") == Cell(10)
    assert report.curves["time_to_restoration"].times[:2] == (50, 100)


def test_csv_prints_the_hidden_mark_and_is_audited_once(world, client):
    client.force_login(world.analyst)
    response = client.get(reverse("restoration_dashboard_csv"), QUERY)
    assert response.status_code == 200
    body = download(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert HIDDEN in body and "Survivors assessed" in body
    assert "Escuintla" in body
    assert all(world.case.survivor.pseudonym not in ",".join(r) for r in rows)
    assert (
        AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED, actor=world.analyst).count() == 1
    )


def test_xlsx_download_is_audited(world, client):
    client.force_login(world.analyst)
    response = client.get(reverse("restoration_dashboard_xlsx"), QUERY)
    assert response.status_code == 200
    assert (
        AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED, actor=world.analyst).count() == 1
    )


def test_api_gives_the_same_tables_with_hidden_cells_null(world):
    response = api_client(world.analyst).get(API, {**QUERY, "view": "cohort"})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["suppressed"] is True and data["view"] == "cohort"
    tables = {t["key"]: t for t in data["tables"]}
    current = next(r for r in tables["comparison"]["rows"] if r["key"] == "current")
    assert current["values"]["cases"] is None and current["values"]["rate_cases"] is None
    assert set(tables) >= {"comparison", "changes", "time_to_restoration", "trends", "by_partner"}
    assert data["curves"]["time_to_restoration"]["t"] == []
    event = AuditEvent.objects.get(code=Code.INDICATORS_EXPORTED, actor=world.analyst)
    assert "View: Cases opened in the period" in event.reason and "api" in event.reason


def test_api_shows_counts_at_or_above_the_minimum(world, settings):
    settings.AMPARO_REPORT_MIN_CELL = 2
    data = api_client(world.analyst).get(API, QUERY).json()
    comparison = next(t for t in data["tables"] if t["key"] == "comparison")
    current = next(r for r in comparison["rows"] if r["key"] == "current")
    assert current["values"]["cases"] == 10 and current["values"]["rate_cases"] == 0.4
    assert data["curves"]["time_to_restoration"]["median"] is None


@pytest.mark.parametrize(
    "query",
    [
        "view=everything",
        "offence=theft",
        "partner=0",
        "partner=x",
        "start=2026-05-01&end=2026-01-01",
    ],
)
def test_api_refuses_bad_filters(cast, query):
    response = api_client(cast.analyst).get(f"{API}?{query}")
    assert response.status_code == 400, response.content
    assert not AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED).exists()


def test_queries_do_not_grow_with_the_caseload(cast, django_assert_max_num_queries):
    def count_queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            restoration_report(
                user=cast.analyst,
                filters=RestorationFilters(period=YEAR),
                suppress=True,
                today=TODAY,
            )
        return len(captured)

    for index in range(5):
        add_case(cast, restored=datetime.date(2026, 3, 1 + index), provider=cast.refugio)
    small = count_queries()
    for index in range(45):
        add_case(cast, closed=datetime.date(2026, 5, 1 + index % 28), admin1=f"Dep {index}")
    with django_assert_max_num_queries(small):
        restoration_report(
            user=cast.analyst, filters=RestorationFilters(period=YEAR), suppress=True, today=TODAY
        )


@pytest.mark.parametrize(
    "moment", [datetime.datetime(2024, 2, 29, 12), datetime.datetime(2026, 1, 31, 23, 30)]
)
def test_the_page_on_month_ends_and_29_february(world, client, moment):
    with time_machine.travel(timezone.make_aware(moment), tick=False):
        client.force_login(world.analyst)
        response = client.get(reverse("restoration_dashboard"))
        assert response.status_code == 200
        period = response.context["filters"].period
        today = timezone.localdate()
        assert period.end == today and period.start.day == 1
        assert len(period.months()) == 12
        assert f"{period.start:%Y-%m-%d} – {today:%Y-%m-%d}" in response.content.decode()


def test_the_page_shows_exact_counts_filters_and_the_view(world, client):
    client.force_login(world.analyst)
    response = client.get(reverse("restoration_dashboard"), {**QUERY, "view": "period"})
    body = response.content.decode()
    assert response.status_code == 200
    report = response.context["report"]
    assert not report.suppressed and report.view == "period"
    assert "What happened in the period" in body
    assert 'id="kpi-cases">10<' in body
    assert "export.xlsx?" in body and "view=period" in body
    assert "Refugio" in body and "Petén" in body
    _assert_charts(body)


def test_bad_filters_are_field_errors_and_the_page_still_renders(world, client):
    client.force_login(world.analyst)
    response = client.get(
        reverse("restoration_dashboard"), {"start": "2026-05-01", "end": "2026-01-01", "view": "x"}
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"end", "view"}
    assert response.context["filters"].view == "period"  # the default


def test_the_page_in_spanish(world, client):
    client.force_login(world.analyst)
    response = client.get(reverse("restoration_dashboard"), QUERY, HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Indicadores de restauración" in body and "Personas sobrevivientes evaluadas" in body
    # Numbers stay numbers: a share is printed with the percent sign, never "0,4".
    assert 'id="kpi-cases">10<' in body and 'id="restoration-rate">40%<' in body
    _assert_charts(body)


def _assert_charts(body: str) -> None:
    for kind in ("incidence", "trend", "grouped", "dumbbell"):
        assert f'data-chart="{kind}"' in body, kind
    coordinates = re.findall(r' (?:x|y|x1|x2|y1|y2|width|height|cx|cy)="([^"]*)"', body)
    assert coordinates and all("," not in c for c in coordinates)

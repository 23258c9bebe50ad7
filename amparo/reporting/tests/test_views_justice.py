"""The justice dashboard (exact counts, inside the organisation), its CSV/XLSX and API (suppressed)."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from amparo.audit.models import AuditEvent
from amparo.justice.demo import seed_legal_cases
from amparo.justice.models import Court
from amparo.justice.tests.conftest import days_ago
from amparo.testing.api import api_client


@pytest.fixture(autouse=True)
def english_after():
    """A request in Spanish activates Spanish for the thread: put English back after each test."""
    with translation.override("en"):
        yield


SINCE = {"start": days_ago(1000).isoformat()}  # holds the world's complaint of 400 days ago


def test_dashboard_shows_the_report_with_exact_counts(cast, client, world):
    client.force_login(cast.analyst)
    response = client.get(reverse("justice_dashboard"), {**SINCE, "view": "cohort"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Showing — Cohort: what happened to the complaints filed in the period" in body
    for title in (
        "Headline figures",
        "Attrition: legal cases reaching each stage",
        "Convictions, by what is counted",
        "Time from the complaint to each stage",
        "Age of the pending legal cases",
        "Why hearings are postponed",
        "Month by month",
        "By department",
        "By court",
        "By offence category",
    ):
        assert title in body, title
    assert "Conviction rate per accused" in body and "Convictions per complaint" in body
    # Inside the organisation the counts are exact: one legal case, one conviction.
    assert '<td class="num">[c]</td>' not in body
    assert "100.0%" in body
    assert reverse("justice_dashboard_csv") in body and reverse("justice_dashboard_xlsx") in body
    assert "El Lobo" not in body and world.legal_case.title not in body
    assert "<script" not in body.split("</head>")[1]


def test_dashboard_says_which_view_and_filters_it_shows(cast, client, world):
    client.force_login(cast.analyst)
    body = client.get(reverse("justice_dashboard"), {**SINCE, "view": "period"}).content.decode()
    assert "Showing — Period: what happened during the period" in body
    other = Court.objects.exclude(admin1=world.legal_case.court.admin1).first()
    body = client.get(
        reverse("justice_dashboard"), {**SINCE, "admin1": other.admin1}
    ).content.decode()
    assert f"<strong>Department:</strong> {other.admin1}" in body


def test_bad_filters_show_field_errors_and_the_page_still_renders(cast, client, world):
    client.force_login(cast.analyst)
    response = client.get(
        reverse("justice_dashboard"),
        {"start": "2024-05-01", "end": "2024-01-01", "view": "nonsense"},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "The end of the period is before its start." in body
    assert "Headline figures" in body


def test_csv_export_is_suppressed_and_audited_once(cast, client, world):
    client.force_login(cast.analyst)
    response = client.get(reverse("justice_dashboard_csv"), SINCE)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(
        response.streaming_content if response.streaming else [response.content]
    ).decode("utf-8-sig")
    assert "[c]" in body  # one legal case: every nonzero count is hidden
    assert "Headline figures" in body and "Convictions per complaint" in body
    assert "El Lobo" not in body and world.legal_case.title not in body
    assert AuditEvent.objects.filter(code="indicators.exported", actor=cast.analyst).count() == 1


def test_xlsx_export_is_audited(cast, client, world):
    client.force_login(cast.analyst)
    response = client.get(reverse("justice_dashboard_xlsx"), SINCE)
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert AuditEvent.objects.filter(code="indicators.exported", actor=cast.analyst).count() == 1


def test_api_gives_the_same_report_suppressed_with_compact_curves(cast, world):
    response = api_client(cast.analyst).get("/api/v1/legal/indicators/", SINCE)
    assert response.status_code == 200
    data = response.json()
    assert data["suppressed"] is True and data["view"] == "cohort"
    tables = {t["key"]: t for t in data["tables"]}
    assert {"headline", "funnel", "convictions", "timings", "trend", "by_court"} <= set(tables)
    filed = next(r for r in tables["headline"]["rows"] if r["key"] == "filed")
    assert filed["values"]["current"] is None  # 1 < 11: hidden, as null
    assert "not_convicted" not in {c["key"] for c in tables["convictions"]["columns"]}
    for curve in data["curves"].values():
        assert isinstance(curve["t"], list) and isinstance(curve["reached"], list)
    assert AuditEvent.objects.filter(code="indicators.exported", actor=cast.analyst).count() == 1
    assert "El Lobo" not in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"start": "2024-05-01", "end": "2024-01-01"},
        {"view": "nonsense"},
        {"court": "abc"},
        {"offence_category": "nonsense"},
        {"start": "0001-01-01"},
    ],
)
def test_api_refuses_bad_filters_with_field_errors(cast, params):
    response = api_client(cast.analyst).get("/api/v1/legal/indicators/", params)
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(code="indicators.exported").exists()


def _queries(client, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("justice_dashboard"), params).status_code == 200
    return len(captured.captured_queries)


def test_the_page_takes_the_same_queries_for_5_and_50_legal_cases(
    cast, client, django_assert_max_num_queries
):
    client.force_login(cast.analyst)
    params = {"start": days_ago(5 * 365).isoformat()}

    def seed(count):
        seed_legal_cases(
            rng=random.Random(count),
            organisation=cast.lex,
            count=count,
            created_by_id=cast.supervisor.pk,
            lawyer_ids=[cast.lawyer.pk],
        )

    seed(5)
    few = _queries(client, params)
    seed(45)
    with django_assert_max_num_queries(few):
        assert client.get(reverse("justice_dashboard"), params).status_code == 200
    assert _queries(client, {**params, "view": "period"}) == few


def test_the_dashboard_in_spanish_keeps_numbers_in_markup_unlocalised(cast, client, world):
    client.force_login(cast.analyst)
    body = client.get(
        reverse("justice_dashboard"), SINCE, HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "Descargar CSV" in body
    assert "<svg" in body
    # Every coordinate in a chart's markup is written with a dot, never a decimal comma.

    for attribute in re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height|cx|cy|r)="([^"]*)"', body):
        assert "," not in attribute, attribute

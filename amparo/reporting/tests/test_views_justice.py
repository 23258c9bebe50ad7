"""The justice dashboard (exact counts, inside the organisation) and its CSV (suppressed)."""

import csv
import io

from django.urls import reverse

from amparo.audit.models import AuditEvent
from amparo.justice.models import Court


def test_dashboard_draws_its_charts_as_inline_svg_with_tables(cast, client, world):
    client.force_login(cast.supervisor)
    response = client.get(reverse("justice_dashboard"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<svg") >= 2  # funnel, pending age (+ curve when enough cases)
    assert '<title id="funnel-title">Cases reaching each stage</title>' in body
    assert "Median days" in body and "Conviction rate" in body
    # Inside the organisation the counts are exact, not suppressed.
    assert "&lt;11" not in body
    assert "100%" in body  # 1 of 1 with a verdict is a conviction
    assert "<script" not in body.split("</head>")[1]  # no chart library
    assert "El Lobo" not in body and world.legal_case.title not in body


def test_dashboard_filters_by_court_and_department(cast, client, world):
    client.force_login(cast.analyst)
    other = Court.objects.exclude(admin1=world.legal_case.court.admin1).first()
    body = client.get(reverse("justice_dashboard"), {"admin1": other.admin1}).content.decode()
    assert "<dd>0</dd>" in body
    mine = client.get(
        reverse("justice_dashboard"), {"court": world.legal_case.court_id}
    ).content.decode()
    assert "<dd>1</dd>" in mine
    bad = client.get(
        reverse("justice_dashboard"), {"start": "2024-05-01", "end": "2024-01-01"}
    ).content.decode()
    assert "The end of the period is before its start." in bad


def test_km_curve_and_median_are_drawn_when_enough_cases(cast, client, world, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    client.force_login(cast.supervisor)
    body = client.get(reverse("justice_dashboard")).content.decode()
    assert 'class="chart km"' in body and 'class="step"' in body
    assert 'class="median"' in body  # one case, reached a verdict: median is its time
    assert "Median time to verdict: <strong>350 days</strong>" in body


def test_csv_export_is_suppressed_and_audited(cast, client, world):
    client.force_login(cast.analyst)
    response = client.get(reverse("justice_dashboard_csv"), {"offence_category": "trafficking"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    values = {(section, item): value for section, item, value in rows}
    assert values[("cases", "legal cases")] == "[c]"
    assert values[("funnel", "trial")] == "[c]"
    assert values[("verdicts", "conviction rate")] == "—"
    assert values[("filters", "offence_category")] == "trafficking"
    event = AuditEvent.objects.get(code="indicators.exported")
    assert event.actor == cast.analyst and "csv" in event.reason
    assert "El Lobo" not in response.content.decode()

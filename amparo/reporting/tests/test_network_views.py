"""The network dashboard, its CSV and XLSX, and its API: one report, suppressed, audited."""

import csv
import io
import re
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from amparo.audit.models import AuditEvent
from amparo.reporting.network import network_report
from amparo.reporting.tests.network_example import MARCH, at, example, refer, serve
from amparo.testing.api import api_client
from amparo.testing.downloads import body as download

__all__ = ["example"]

MARCH_QUERY = {"start": "2024-03-01", "end": "2024-03-31"}


def export_cells(response) -> list[str]:
    """Every cell of a CSV or XLSX download, as text."""
    if response["Content-Type"].startswith("text/csv"):
        return [
            v
            for row in csv.reader(io.StringIO(download(response).decode("utf-8-sig")))
            for v in row
        ]
    with zipfile.ZipFile(io.BytesIO(response.content)) as book:
        names = [n for n in book.namelist() if n.startswith("xl/")]
        text = "".join(book.read(n).decode() for n in names if n.endswith(".xml"))
    return re.findall(r"<(?:t|v)[^>]*>([^<]*)</(?:t|v)>", text)


@pytest.mark.parametrize("who", ["supervisor", "analyst", "admin"])
def test_page_for_aggregate_roles(example, client, who, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    client.force_login(getattr(example.cast, who))
    response = client.get(reverse("network_dashboard"), MARCH_QUERY)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in body and "<script" not in body.split("</head>")[1]
    assert '<dd id="partner-share">67%</dd>' in body
    assert '<dd id="sent-current">7</dd>' in body
    assert "+6 on the previous period, +6 on a year before" in body
    assert example.cast.refugio.name in body and example.cast.tercera.name in body
    assert "2024-01-30..2024-02-29" in body and "2023-03-01..2023-03-31" in body
    assert "and what became of them since" in body  # says it is a cohort of referrals
    for link in ("network_csv", "network_xlsx"):
        assert f'href="{reverse(link)}?start=2024-03-01&amp;end=2024-03-31"' in body
    assert "Mariposa" not in body and example.cast.case.code not in body


def test_page_in_spanish(example, client, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    client.force_login(example.cast.analyst)
    with translation.override("es"):
        response = client.get(reverse("network_dashboard"), MARCH_QUERY, HTTP_ACCEPT_LANGUAGE="es")
    body = response.content.decode()
    assert response.status_code == 200 and '<html lang="es">' in body
    assert "Indicadores de la red" in body
    # Numbers in chart markup are never localised: the bars have widths, the lines points.
    assert not re.search(r'(width|x|y|cx|cy)="\d+,\d', body)
    widths = [float(w) for w in re.findall(r'<rect x="0" y="[\d.]+" width="([\d.]+)"', body)]
    assert widths and max(widths) > 100
    for chart in ("bar", "grouped", "trend"):
        assert f'data-chart="{chart}"' in body
    assert "<circle" in body  # March 2024: one point per line


def test_page_is_suppressed_and_shows_an_empty_state(example, client):
    client.force_login(example.cast.analyst)
    body = client.get(reverse("network_dashboard"), MARCH_QUERY).content.decode()
    assert "[c]" in body and "67%" not in body
    empty = client.get(reverse("network_dashboard"), {"start": "2001-01-01", "end": "2001-12-31"})
    assert "No referrals and no services in this period yet." in empty.content.decode()
    bad = client.get(reverse("network_dashboard"), {"start": "2024-05-01", "end": "2024-01-01"})
    assert "The end of the period is before its start." in bad.content.decode()


def test_a_hidden_partner_row_comes_last_on_the_page(net, client):
    cast = net.cast
    for _n in range(3):
        refer(net, cast.lex, cast.tercera, "pending", sent_at=at("2024-03-06"))
    for _n in range(20):
        refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2024-03-05"))
    client.force_login(cast.analyst)
    body = client.get(reverse("network_dashboard"), MARCH_QUERY).content.decode()
    partners = body.split('id="table-partners"')[1].split("</table>")[0]
    assert partners.index(cast.refugio.name) < partners.index(cast.tercera.name)


@pytest.mark.parametrize("link", ["network_csv", "network_xlsx"])
def test_exports_are_suppressed_and_audited_once(example, client, link):
    client.force_login(example.cast.analyst)
    response = client.get(reverse(link), MARCH_QUERY)
    assert response.status_code == 200
    assert "network-indicators-2024-03-01-2024-03-31" in response["Content-Disposition"]
    cells = export_cells(response)
    assert "[c]" in cells and example.cast.refugio.name in cells
    assert "Mariposa" not in cells and example.cast.case.code not in cells
    event = AuditEvent.objects.get(code="indicators.exported")
    assert event.actor == example.cast.analyst and "network" in event.reason


def test_csv_shows_the_same_figures_as_the_report(example, client, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    client.force_login(example.cast.supervisor)
    cells = export_cells(client.get(reverse("network_csv"), MARCH_QUERY))
    assert cells.count("[c]") == 1  # the legend that explains the mark, and no hidden cell
    assert {"7", "6", "2", "Referrals by status", "Month by month", "2024-03"} <= set(cells)


def test_api_gives_the_report_suppressed_and_audited(example, settings):
    response = api_client(example.cast.analyst).get(reverse("api-network-indicators"), MARCH_QUERY)
    body = response.json()
    assert response.status_code == 200
    assert body["report"] == "network" and body["suppressed"] is True and body["min_cell"] == 11
    tables = {t["key"]: t for t in body["tables"]}
    assert set(tables) == {"referrals", "responses", "services", "partners", "comparison", "trend"}
    sent = next(r for r in tables["responses"]["rows"] if r["key"] == "sent")["values"]
    assert sent["total"] is None and sent["acceptance"] is None and sent["median_days"] is None
    assert "pending_open" not in sent  # unpublished cells never leave
    assert AuditEvent.objects.filter(code="indicators.exported", actor=example.cast.analyst)


def test_api_exact_at_or_above_the_minimum(example, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    body = api_client(example.cast.supervisor).get("/api/v1/network/indicators/", MARCH_QUERY)
    tables = {t["key"]: t for t in body.json()["tables"]}
    sent = next(r for r in tables["responses"]["rows"] if r["key"] == "sent")["values"]
    assert sent == {
        "total": 7,
        "answered": 5,
        "accepted": 4,
        "declined": 1,
        "open": 2,
        "acceptance": 0.8,
        "median_days": 2.0,
    }
    partners = tables["partners"]["rows"]
    assert partners[0]["label"] == example.cast.refugio.name and partners[-1]["total"]
    bad = api_client(example.cast.analyst).get(
        "/api/v1/network/indicators/", {"start": "2024-05-01", "end": "2024-01-01"}
    )
    assert bad.status_code == 400 and "end" in bad.json()


def _grow(net, n):
    cast = net.cast
    for i in range(n):
        refer(net, cast.lex, cast.refugio, "accepted", sent_at=at("2024-03-05"), answer_hours=i + 1)
        refer(net, cast.refugio, cast.lex, "declined", sent_at=at("2024-02-05"), answer_hours=i + 1)
        serve(net, cast.case, cast.tercera, "education", "2024-03-10")
        serve(net, cast.case, cast.lex, "shelter", "2023-03-10")


@pytest.mark.parametrize("n", [5, 50])
def test_queries_do_not_grow_with_the_data(net, client, django_assert_max_num_queries, n):
    _grow(net, n)
    user = net.cast.analyst
    user.active_membership  # noqa: B018 (cached before counting)
    with django_assert_max_num_queries(7):
        report = network_report(user=user, period=MARCH)
    assert report.table("referrals").cell("all", "sent").value == n
    client.force_login(user)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("network_dashboard"), MARCH_QUERY).status_code == 200

"""Every CSV export a person reads is in the language of the request: the cover (title,
filters, view, legend) and every table's title and headers. Codes a program reads (a
month as 2026-01, a date as ISO 8601) stay as they are."""

import csv
import io
import re

import pytest
from django.urls import reverse

from amparo.testing.downloads import body as download

# English words an export's cover or headers would show if a label were not translated.
ENGLISH = re.compile(
    r"\b(Filters|Generated|View|period|view|department|offence|partner|Cases|Share|Median|"
    r"Stage|Referrals|Services|Survivors|Restored|Total|days|Any|None|This period|Previous|"
    r"Hidden|Month|All)\b"
)
EXPORTS = ["justice_dashboard_csv", "restoration_dashboard_csv", "network_csv"]


@pytest.mark.parametrize("export", EXPORTS)
def test_a_csv_export_in_spanish_holds_no_english_label(cast, client, export):
    client.force_login(cast.analyst)
    response = client.get(reverse(export), HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    text = download(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1][0] == "Filtros" and rows[3][0] == "Generado el"
    # Partner organisations are named as they call themselves; labels are not.
    labels = [
        cell
        for row in rows
        for cell in row
        if cell and cell not in (cast.refugio.name, cast.tercera.name, cast.lex.name)
    ]
    english = sorted({m.group(0) for cell in labels for m in ENGLISH.finditer(cell)})
    assert english == [], [c for c in labels if ENGLISH.search(c)][:10]


def test_the_restoration_filters_are_in_words(cast, client):
    client.force_login(cast.analyst)
    query = {"start": "2026-01-01", "end": "2026-06-30", "view": "cohort"}
    response = client.get(reverse("restoration_dashboard_csv"), query, HTTP_ACCEPT_LANGUAGE="es")
    filters = list(csv.reader(io.StringIO(download(response).decode("utf-8-sig"))))[1][1]
    assert filters.startswith("Periodo: 2026-01-01 – 2026-06-30; Vista: ")
    assert "Departamento: Cualquiera" in filters and "period:" not in filters
    english = client.get(reverse("restoration_dashboard_csv"), query)
    words = list(csv.reader(io.StringIO(download(english).decode("utf-8-sig"))))[1][1]
    assert words.startswith("Period: 2026-01-01 – 2026-06-30; View: Cases opened in the period")

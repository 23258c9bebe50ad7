"""A published release's page, CSV and JSON: its content exactly, labelled, and no one's name."""

import csv
import io
import json

import pytest
from django.urls import reverse

from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.release_factory import STAFF_WORDS, published_releases

SLUG = "justicia-segura"


@pytest.fixture
def releases(cast):
    records = programme_records(cast)
    return published_releases(cast, records.lex_programme)


def _get(client, name, **kwargs):
    return client.get(reverse(name, kwargs={"slug": SLUG, **kwargs}))


def test_the_release_page_prints_its_guarantee_first(client, releases):
    body = _get(client, "public_release", version=2).content.decode()
    guarantee = body.index("Every count is at least 11 or hidden ([c]).")
    assert guarantee < body.index("Counts by department")
    assert "nor together with the releases published before it (version 1)." in body
    assert "Counts are rounded to the nearest 5." in body
    assert "Noise with ε = 0.5 (discrete Laplace (OpenDP 0.16)) was added" in body


def test_a_release_without_noise_says_nothing_of_noise(client, releases):
    body = _get(client, "public_release", version=1).content.decode()
    assert "Every count is at least 11" in body
    assert "No hidden count can be worked out from this release." in body
    assert "Noise" not in body


def test_the_page_shows_the_cells_hidden_cells_rates_goals_and_people_protected(client, releases):
    body = _get(client, "public_release", version=1).content.decode()
    assert "Counts by department, 2024" in body and "Counts by department, 2025" in body
    assert "Survivors received" in body and "Quetzaltenango" in body
    assert "<td>[c]</td>" in body
    assert "<td>185</td>" in body
    assert "Conviction rate · All departments" in body
    assert "63.6%" in body  # 35 convictions of 55 verdicts in 2025
    assert "Raise the conviction rate to 75%" in body
    assert "On track" in body and "Off track" in body
    assert "3,000,000" in body and "method version 1" in body


def test_a_superseded_release_links_to_its_correction_and_the_correction_says_what_changed(
    client, releases
):
    first = _get(client, "public_release", version=1).content.decode()
    assert "This release was corrected by" in first
    assert reverse("public_release", kwargs={"slug": SLUG, "version": 2}) in first
    second = _get(client, "public_release", version=2).content.decode()
    assert "Five complaints of 2025 in Guatemala had been left out" in second
    assert reverse("public_release", kwargs={"slug": SLUG, "version": 1}) in second


def test_the_programme_page_lists_published_versions_only(client, releases):
    body = _get(client, "public_programme").content.decode()
    assert "Version 1: Justice and restoration 2024–2025" in body
    assert "Version 2: Justice and restoration 2024–2025 (corrected)" in body
    assert "Corrected by version 2" in body
    assert "Secret draft figures" not in body and "Discarded draft figures" not in body
    assert reverse("public_impact", kwargs={"slug": SLUG}) in body


def test_the_csv_is_the_content_in_long_format(client, releases):
    response = _get(client, "public_release_csv", version=2)
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="{SLUG}-v2.csv"'
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == [
        "Measure code",
        "Measure",
        "Period",
        "Area",
        "Value",
        "Hidden (1) or shown (0)",
    ]
    content = releases.correction.content
    assert len(rows) - 1 == len(content["cells"])
    for row, cell in zip(rows[1:], content["cells"], strict=True):
        assert row[0] == cell["measure"]
        assert row[2] == cell["period"]
        assert row[3] == (cell["area"] or "All departments")
        if cell["value"] is None:
            assert row[4:] == ["", "1"]
        else:
            assert row[4:] == [str(cell["value"]), "0"]
    assert ["complaints", "Complaints filed", "2025", "Guatemala", "105", "0"] in rows


def test_the_json_is_the_content_as_published_with_labels(client, releases):
    response = _get(client, "public_release_json", version=1)
    data = json.loads(response.content)
    labels = data.pop("labels")
    assert data == releases.first.content
    assert labels["measures"]["complaints"] == "Complaints filed"
    assert labels["indicators"]["conviction_rate"] == "Conviction rate"
    assert labels["areas"][""] == "All departments"
    assert labels["guarantee"][0] == "Every count is at least 11 or hidden ([c])."


def test_the_api_release_is_the_json_download(client, releases):
    api = client.get(reverse("api-public-release", kwargs={"slug": SLUG, "version": 2})).json()
    download = json.loads(_get(client, "public_release_json", version=2).content)
    assert api == download


def test_the_api_programme_lists_the_published_versions(client, releases):
    data = client.get(reverse("api-public-programme", kwargs={"slug": SLUG})).json()
    assert data["programme"]["name"] == "Justicia Segura"
    assert [r["version"] for r in data["releases"]] == [2, 1]
    assert data["releases"][1]["corrected_by"] == 2
    assert data["releases"][0]["supersedes"] == 1


@pytest.mark.parametrize(
    ("name", "version"),
    [("public_release_csv", 1), ("public_release_json", 1), ("api-public-release", 2)],
)
def test_downloads_may_be_cached_by_anyone(client, releases, name, version):
    response = client.get(reverse(name, kwargs={"slug": SLUG, "version": version}))
    assert "public" in response["Cache-Control"]
    assert "max-age=86400" in response["Cache-Control"]
    assert "Accept-Language" in response["Vary"]


@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [
        ("public_programme", {}, ""),
        ("public_release", {"version": 1}, ""),
        ("public_release", {"version": 2}, ""),
        ("public_release_csv", {"version": 2}, ""),
        ("public_release_json", {"version": 2}, ""),
        ("public_impact", {}, "?version=1"),
        ("api-public-programme", {}, ""),
        ("api-public-release", {"version": 2}, ""),
        ("api-public-impact", {}, ""),
    ],
)
def test_no_staff_name_or_address_in_any_public_response(
    cast, client, releases, name, kwargs, query
):
    client.force_login(cast.supervisor)  # even a signed-in reader sees no one's name
    body = client.get(reverse(name, kwargs={"slug": SLUG, **kwargs}) + query).content.decode()
    for word in (*STAFF_WORDS, cast.analyst.email, cast.supervisor.email, cast.analyst.full_name):
        assert word not in body, word


def test_the_programme_page_takes_the_same_queries_however_many_releases(cast, client, releases):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as two:
        assert _get(client, "public_programme").status_code == 200
    releases.draft.status = "published"
    releases.draft.approved_by = cast.supervisor
    releases.draft.published_at = releases.correction.published_at
    releases.draft.save()
    with CaptureQueriesContext(connection) as three:
        assert "Version 3" in _get(client, "public_programme").content.decode()
    assert len(three) == len(two) <= 3


@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [
        ("public_programme", {}, ""),
        ("public_release", {"version": 2}, ""),
        ("public_release_csv", {"version": 2}, ""),
        ("public_release_json", {"version": 2}, ""),
        ("public_impact", {}, ""),
        ("public_impact_pdf", {}, "?version=1"),
        ("api-public-programme", {}, ""),
        ("api-public-release", {"version": 1}, ""),
        ("api-public-impact", {}, ""),
    ],
)
def test_public_responses_read_the_published_content_and_nothing_else(
    client, releases, name, kwargs, query
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(name, kwargs={"slug": SLUG, **kwargs}) + query)
    assert response.status_code == 200
    tables = {"releasecell", "cases_", "justice_", "aftercare_", "people_", "audit_"}
    for sql in (q["sql"] for q in queries.captured_queries):
        assert not any(table in sql for table in tables), sql

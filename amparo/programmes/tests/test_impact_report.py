"""The impact report: page, PDF and API, from one published release's content only."""

import re

import pytest
from django.urls import reverse

from amparo.programmes.impact import impact_report
from amparo.programmes.models import Programme
from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.release_factory import STAFF_WORDS, published_releases
from amparo.testing.cast import EVERYONE
from amparo.testing.matrix import covers

SLUG = "justicia-segura"


@pytest.fixture
def releases(cast):
    records = programme_records(cast)
    return published_releases(cast, records.lex_programme)


def _pdf_text(pdf: bytes) -> str:
    """The text a ReportLab PDF shows: its (uncompressed) strings, Latin-1 escapes undone."""
    strings = re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", pdf)

    def unescape(raw: bytes) -> str:
        text = re.sub(rb"\\([0-7]{3})", lambda m: bytes([int(m.group(1), 8)]), raw)
        return text.replace(rb"\(", b"(").replace(rb"\)", b")").decode("latin-1")

    return " ".join(unescape(s) for s in strings)


def test_the_report_figures_come_from_the_release_content():
    from amparo.programmes.tests.release_factory import release_content

    class Programme:
        name, slug, summary, countries, min_cell, rounding_base = ("P", "p", "", ["GT"], 11, 5)

    content = release_content(Programme(), version=1, published_on="2026-02-10")
    report = impact_report(content=content)
    pillars = {row.code: [f.value for f in row.figures] for row in report.pillars}
    assert pillars == {
        "survivors_intake": [140, 185],
        "survivors_justice": [85, 110],
        "survivors_restoration": [70, 90],
    }
    legal = {row.code: [f.text for f in row.figures] for row in report.legal}
    assert legal["convictions"] == ["25", "35"]
    assert legal["conviction_rate"] == ["62.5%", "63.6%"]
    assert legal["time_to_verdict"] == ["—", "540 days"]
    partners = {row.code: [f.text for f in row.figures] for row in report.partners}
    assert partners["partner_service_share"] == ["30.6%", "35.6%"]
    assert [bar.percent for bar in report.goals] == [67, 51, 10, None]


def test_a_hidden_figure_shows_as_c(cast, client, releases):
    content = releases.first.content
    for cell in content["cells"]:
        if (
            cell["measure"] == "survivors_intake"
            and cell["area"] == ""
            and cell["period"] == "2025"
        ):
            cell["value"] = None
    report = impact_report(content=content)
    assert [f.text for f in report.pillars[0].figures] == ["140", "[c]"]


def test_the_page_shows_each_pillar_outcomes_partners_goals_and_guarantee(client, releases):
    body = client.get(reverse("public_impact", kwargs={"slug": SLUG})).content.decode()
    assert "version 2" in body  # the latest by default
    for text in (
        "People served in each pillar",
        "Survivors received",
        "Survivors accompanied in court",
        "Survivors in restoration",
        "Legal outcomes",
        "Conviction rate",
        "Median time from complaint to verdict",
        "540 days",
        "Survivors restored",
        "Services delivered by partners",
        "Progress towards each goal",
        "3,000,000",
        "Every count is at least 11 or hidden ([c]).",
        "Noise with ε = 0.5",
    ):
        assert text in body, text
    assert 'width="202.3"' in body  # conviction rate: 40 → 63.6 of 40 → 75
    assert "Secret draft figures" not in body


def test_the_report_of_version_1_says_it_was_corrected(client, releases):
    body = client.get(
        reverse("public_impact", kwargs={"slug": SLUG}) + "?version=1"
    ).content.decode()
    assert "These figures were corrected by version 2." in body
    assert "Noise" not in body


def test_the_pdf_holds_the_figures(client, releases):
    response = client.get(reverse("public_impact_pdf", kwargs={"slug": SLUG}) + "?version=2")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "public" in response["Cache-Control"]
    text = _pdf_text(response.content)
    for figure in (
        "Impact report: Justicia Segura",
        "Every count is at least 11 or hidden ([c]).",
        "People served in each pillar",
        "Survivors received",
        "185",
        "63.6%",
        "540 days",
        "3,000,000 people, by method version 1.",
        "Raise the conviction rate to 75%",
        "Five complaints of 2025 in Guatemala",
    ):
        assert figure in text, figure
    for word in STAFF_WORDS:
        assert word not in text


def test_the_pdf_is_the_same_bytes_each_time(client, releases):
    url = reverse("public_impact_pdf", kwargs={"slug": SLUG}) + "?version=1"
    assert client.get(url).content == client.get(url).content


def test_the_api_gives_the_report_as_numbers(client, releases):
    data = client.get(reverse("api-public-impact", kwargs={"slug": SLUG}) + "?version=1").json()
    assert data["version"] == 1
    pillars = {row["code"]: [v["value"] for v in row["values"]] for row in data["pillars"]}
    assert pillars["survivors_intake"] == [140, 185]
    restored = data["restored"][0]["values"]
    assert restored[1] == {"period": "2025", "value": 35, "hidden": False, "text": "35"}
    assert data["people_protected"]["people"] == 3_000_000
    assert data["goals"][0]["progress"] == pytest.approx(0.674, abs=0.001)


@covers("programme_impact")
def test_members_who_read_the_programme_list_its_impact_reports(cast, client, releases):
    may_read = {"supervisor", "analyst", "admin", "partner_supervisor"}
    url = reverse("programme_impact", kwargs={"programme_id": releases.first.programme_id})
    for name in EVERYONE:
        user = cast.user(name)
        client.force_login(user) if user else client.logout()
        response = client.get(url)
        if name == "anonymous":
            assert response.status_code == 302
            continue
        assert response.status_code == (200 if name in may_read else 404), name
        if response.status_code == 200:
            body = response.content.decode()
            assert reverse("public_impact_pdf", kwargs={"slug": SLUG}) + "?version=2" in body
            assert "Secret draft figures" not in body


def test_another_organisations_programme_is_not_found(cast, client, releases):
    other = Programme.objects.get(slug="programa-tercero")
    client.force_login(cast.supervisor)
    url = reverse("programme_impact", kwargs={"programme_id": other.pk})
    assert client.get(url).status_code == 404
    client.force_login(cast.third_supervisor)
    assert client.get(url).status_code == 200


def test_the_members_list_takes_the_same_queries_however_many_releases(cast, client, releases):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(cast.analyst)
    url = reverse("programme_impact", kwargs={"programme_id": releases.first.programme_id})
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    releases.draft.status = "published"
    releases.draft.approved_by = cast.supervisor
    releases.draft.published_at = releases.correction.published_at
    releases.draft.save()
    with CaptureQueriesContext(connection) as three:
        body = client.get(url).content.decode()
    assert "Version 3" in body
    assert len(three) == len(two) <= 10

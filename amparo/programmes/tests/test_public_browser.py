"""A signed-out visitor on a phone reads a published release, downloads its CSV, switches
to Spanish and reads the impact report, then prints it. Look at the screenshots."""

import pytest
from playwright.sync_api import expect

from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.release_factory import published_releases
from amparo.testing.browser import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"public-{name}.png"), full_page=True)


def test_a_visitor_reads_a_release_and_its_impact_report(page, cast):
    published_releases(cast, programme_records(cast).lex_programme)
    errors: list[str] = []
    page.on("response", lambda r: errors.append(r.url) if r.status >= 400 else None)

    page.goto("/public/justicia-segura/")
    expect(page.locator("h1")).to_have_text("Justicia Segura")
    expect(page.locator("main")).not_to_contain_text("Secret draft figures")
    shot(page, "01-programme")

    page.get_by_role(
        "link", name="Version 2: Justice and restoration 2024–2025 (corrected)"
    ).click()
    page.wait_for_url("**/public/justicia-segura/releases/2/")
    expect(page.locator(".guarantee")).to_contain_text(
        "Every count is at least 11 or hidden ([c])."
    )
    shot(page, "02-release")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    assert download.value.suggested_filename == "justicia-segura-v2.csv"

    page.get_by_role("button", name="Español").click()
    page.wait_for_url("**/public/justicia-segura/releases/2/")
    expect(page.locator(".guarantee")).to_contain_text("Cada conteo es de al menos 11")
    shot(page, "03-release-es")

    page.get_by_role("link", name="Informe de impacto").click()
    page.wait_for_url("**/public/justicia-segura/impact/?version=2")
    expect(page.locator("main")).to_contain_text("Personas atendidas en cada pilar")
    expect(page.locator("svg.goal-bar").first).to_be_visible()
    shot(page, "04-impact-es")
    page.emulate_media(media="print")
    expect(page.locator(".public-header")).to_be_hidden()
    shot(page, "05-impact-print")
    assert errors == []

"""An analyst opens the network dashboard on a phone, in English and in Spanish: every chart draws."""

import pytest
from playwright.sync_api import expect

from amparo.justice.tests.test_browser import sign_in
from amparo.reporting.tests.network_example import example
from amparo.testing.browser import PHONE, SHOTS

__all__ = ["example"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MARCH = "/network/indicators/?start=2024-03-01&end=2024-03-31"


def charts_draw(page) -> None:
    """Every chart is visible, its bars have width, its lines their points, nothing overflows."""
    charts = page.locator("svg.chart")
    assert charts.count() == 7
    for index in range(charts.count()):
        expect(charts.nth(index)).to_be_visible()
    widths = page.eval_on_selector_all(
        "svg.chart rect.bar", "bars => bars.map(b => b.getBBox().width)"
    )
    assert widths and max(widths) > 100
    assert page.locator("svg.chart-trend circle.dot").count() >= 4
    assert page.locator("svg.chart-trend text.tick").count() >= 2  # the axes are labelled
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_network_dashboard_in_both_languages(page, live_server, example, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    sign_in(page, example.cast.analyst)
    page.goto(MARCH)
    expect(page.locator("#partner-share")).to_have_text("67%")
    charts_draw(page)
    page.screenshot(path=str(SHOTS / "network-dashboard-en.png"), full_page=True)
    page.click("details.menu > summary")  # the language form is in the menu
    page.select_option("#language", "es")
    page.click(".lang button")
    page.goto(MARCH)
    expect(page.locator("h1")).to_have_text("Indicadores de la red")
    charts_draw(page)
    page.screenshot(path=str(SHOTS / "network-dashboard-es.png"), full_page=True)

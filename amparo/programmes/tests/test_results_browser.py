"""A partner's supervisor reads a programme's results on a phone, in English and Spanish."""

import re

import pytest
from playwright.sync_api import expect

from amparo.justice.models import Court, Offence
from amparo.justice.reference import DATA_DIR, load_reference
from amparo.justice.tests.test_browser import sign_in
from amparo.programmes.tests.test_results_page import goals, records
from amparo.testing.browser import PHONE, SHOTS

__all__ = ["goals", "records"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A transactional test flushes the tables, and the courts loaded by the migration with them."""
    load_reference(court_model=Court, offence_model=Offence, path=DATA_DIR / "gt.json")


def charts_draw(page) -> None:
    charts = page.locator("svg.chart-goal")
    assert charts.count() == 3
    for index in range(charts.count()):
        expect(charts.nth(index)).to_be_visible()
    lengths = page.eval_on_selector_all(
        "svg.chart-goal polyline.target-path", "lines => lines.map(l => l.getTotalLength())"
    )
    assert min(lengths) > 100  # the goal's path spans the chart, in both languages
    assert page.locator("svg.chart-goal circle.current").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_results_page_in_both_languages(page, live_server, cast, records, goals):
    url = f"/programmes/{records.lex_programme.pk}/results/?as_of=2026-12-31"
    sign_in(page, cast.partner_supervisor)
    page.goto(url)
    expect(page.locator("#people-figure")).to_have_text("3,000,000")
    charts_draw(page)
    page.screenshot(path=str(SHOTS / "programme-results-en.png"), full_page=True)
    page.click("details.menu > summary")  # the language form is in the menu
    page.select_option("#language", "es")
    page.click(".lang button")
    page.goto(url)
    expect(page.locator("#people-figure")).to_have_text(re.compile(r"^3\s000\s000$"))
    charts_draw(page)
    page.screenshot(path=str(SHOTS / "programme-results-es.png"), full_page=True)

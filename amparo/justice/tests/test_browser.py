"""A lawyer on a phone records a postponed hearing; a supervisor opens the dashboard."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from amparo.cases.tests.test_browser import totp_code
from amparo.justice.models import Court, Offence
from amparo.justice.reference import DATA_DIR, load_reference
from amparo.justice.tests.conftest import SHOTS
from amparo.justice.tests.world import build_world
from amparo.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """A transactional test flushes the tables, and the courts loaded by the migration with them."""
    load_reference(court_model=Court, offence_model=Offence, path=DATA_DIR / "gt.json")


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"justice-{name}.png"), full_page=True)


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/2fa/authenticate/")
    page.fill("input[name=code]", totp_code(user.totp_secret))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_load_state()


def test_lawyer_records_a_postponed_hearing_on_a_phone(page, live_server, cast, legal_case):
    world = build_world(cast, legal_case)
    sign_in(page, cast.lawyer)
    page.goto("/legal/")
    shot(page, "01-caseload")
    page.click(f"text={legal_case.title}")
    page.wait_for_url(f"**/legal/{legal_case.pk}/")
    shot(page, "02-legal-case")

    page.click("text=Record outcome")
    page.wait_for_url(f"**/hearings/{world.past_hearing.pk}/outcome/")
    page.check("input[name=outcome][value=postponed]")
    page.select_option("select[name=postponement_reason]", "defence")
    shot(page, "03-hearing-outcome")
    page.get_by_role("button", name="Record outcome").click()

    page.wait_for_url(f"**/legal/{legal_case.pk}/#timeline")
    hearing = page.locator(".tl-hearing")
    expect(hearing).to_contain_text("Postponed")
    expect(hearing).to_contain_text("Defence lawyer absent or changed")
    expect(page.locator(".messages")).to_contain_text("outcome is recorded")
    shot(page, "04-timeline")


def test_supervisor_sees_the_dashboard_charts(page, live_server, cast, legal_case, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    build_world(cast, legal_case)
    sign_in(page, cast.supervisor)
    since = (timezone.localdate() - datetime.timedelta(days=1000)).isoformat()
    page.goto(f"/legal/dashboard/?start={since}")
    charts = page.locator("svg.chart")
    expect(charts.first).to_be_visible()
    assert charts.count() >= 3
    for index in range(charts.count()):
        expect(charts.nth(index)).to_be_visible()
    expect(page.locator("svg.chart-incidence path.step").first).to_be_visible()
    shot(page, "05-dashboard")
    page.set_viewport_size({"width": 1280, "height": 900})
    shot(page, "06-dashboard-wide")

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


def test_lawyer_records_a_postponement_ahead_and_the_new_date_in_spanish(
    browser, live_server, cast, legal_case
):
    """On a phone, in Spanish: a trial ten days ahead is postponed; the new hearing is
    in the timeline, the caseload's next hearing and the calendar."""
    from django.conf import settings

    from amparo.justice.models import Hearing
    from amparo.justice.services import hearing_schedule
    from amparo.testing.browser import PHONE

    build_world(cast, legal_case)
    today = timezone.localdate()
    coming = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=10), datetime.time(9))
        ),
        kind="trial",
    )
    new_day = today + datetime.timedelta(days=20)
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="es-GT")
    context.set_default_timeout(20_000)
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url}]
    )
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        page.fill("input[name=login]", cast.lawyer.email)
        page.fill("input[name=password]", TEST_PASSWORD)
        page.press("input[name=password]", "Enter")
        page.wait_for_url("**/2fa/authenticate/")
        page.fill("input[name=code]", totp_code(cast.lawyer.totp_secret))
        page.press("input[name=code]", "Enter")
        page.wait_for_load_state()
        assert page.evaluate("document.documentElement.lang") == "es"

        page.goto("/legal/")
        expect(page.locator("table.cases")).to_contain_text("Próxima audiencia")
        expect(page.locator("table.cases")).to_contain_text(
            (today + datetime.timedelta(days=10)).isoformat() + " 09:00"
        )
        page.click(f"text={legal_case.title}")
        page.wait_for_url(f"**/legal/{legal_case.pk}/")
        page.click(f"a[href$='/hearings/{coming.pk}/postpone/']")
        page.wait_for_url(f"**/hearings/{coming.pk}/postpone/")
        expect(page.locator("h1")).to_contain_text("Suspender la audiencia")
        page.select_option("select[name=postponement_reason]", "judge")
        page.fill("input[name=scheduled_for]", f"{new_day.isoformat()}T10:30")
        shot(page, "07-postpone-es")
        page.get_by_role("button", name="Registrar la suspensión").click()

        page.wait_for_url(f"**/legal/{legal_case.pk}/#timeline")
        expect(page.locator(".messages")).to_contain_text("nueva fecha, programada")
        new = Hearing.objects.get(rescheduled_from=coming)
        rescheduled = page.locator(".tl-hearing", has_text=f"{new_day.isoformat()} 10:30")
        expect(rescheduled).to_contain_text("reprogramada desde")
        expect(rescheduled).to_contain_text("Programada")
        old = page.locator(
            ".tl-hearing", has_text=f"{timezone.localtime(coming.scheduled_for):%Y-%m-%d}"
        )
        expect(old.first).to_contain_text("Suspendida")
        expect(old.first).to_contain_text("Juez(a) no disponible")
        shot(page, "08-rescheduled-es")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.goto("/legal/hearings/")
        expect(page.locator(f"a[href='/legal/{new.legal_case_id}/']").first).to_be_visible()
        expect(page.locator("main")).to_contain_text("10:30")
        shot(page, "09-calendar-es")
    finally:
        context.close()


def test_supervisor_finds_a_victim_by_search_when_opening_a_legal_case(page, live_server, cast):
    """On a phone: no list of every case; a search adds the victim, htmx swapping the part."""
    from amparo.justice.models import LegalCase

    sign_in(page, cast.supervisor)
    page.goto("/legal/new/")
    page.fill("input[name=title]", "Finca case")
    expect(page.locator("input[name=victims]")).to_have_count(0)
    page.fill("input[name=victim_query]", cast.case.code[-4:])
    page.press("input[name=victim_query]", "Enter")
    victim = page.locator(f"input[name=victims][value='{cast.case.pk}']")
    expect(victim).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value("Finca case")
    victim.check()
    page.select_option("select[name=court]", index=1)
    shot(page, "10-open-with-search")
    page.get_by_role("button", name="Open legal case").click()
    page.wait_for_url("**/legal/*/")
    assert LegalCase.objects.get(victims=cast.case).title == "Finca case"

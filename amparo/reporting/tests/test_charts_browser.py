"""Every chart on every page that has one, drawn by Chromium in English and in Spanish.

Spanish once printed ``width="300,0"``: the bars of the justice funnel
vanished, the restoration charts were blank. Here the demo's fictional
organisations are seeded (enough cases that counts pass the minimum cell
size), each page is opened on a phone in both languages, and every
``svg.chart`` found on it, including charts added after this test was
written, is checked by ``chart_checks.js``: bars with a shown value have a
width, lines have a box, axes have labels, no label leaves the chart, text is
readable at 360 px, and no number in the markup has a decimal comma.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from amparo.accounts.models import User
from amparo.aftercare.models import Assessment
from amparo.demo.seeding import seed_demo
from amparo.justice.models import Court, Offence
from amparo.justice.reference import DATA_DIR, load_reference
from amparo.testing.browser import SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHECKS = (Path(__file__).parent / "chart_checks.js").read_text()
SMALL_PHONE = {"width": 360, "height": 780}
LANGUAGES = ("en", "es")


@pytest.fixture
def demo(transactional_db, settings):
    """The demo's three organisations with 300 survivors, as ``make demo`` seeds them."""
    # A transactional test flushes the courts the migration loaded; the demo needs them.
    load_reference(court_model=Court, offence_model=Offence, path=DATA_DIR / "gt.json")
    # Signed in by session below: the second factor is the sign-in tests' business.
    settings.AMPARO_REQUIRE_MFA = False
    settings.AMPARO_REPORT_MIN_CELL = 11
    return seed_demo(survivors=300, seed=13, password="demo-password-not-used")


def open_as(browser, live_server, user: User, language: str):
    """A phone-sized tab signed in as ``user`` (by session cookie) and set to ``language``."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=SMALL_PHONE, base_url=live_server.url)
    context.set_default_timeout(20_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url},
        ]
    )
    return context


def check_charts(browser, live_server, user: User, path: str, *, at_least: int, name: str) -> None:
    """Open ``path`` in each language and check every chart on it; the same charts in both."""
    found = {}
    for language in LANGUAGES:
        context = open_as(browser, live_server, user, language)
        page = context.new_page()
        response = page.goto(path)
        assert response is not None and response.status == 200, (path, language)
        assert page.evaluate("document.documentElement.lang") == language
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"charts-{name}-{language}.png"), full_page=True)
        result = page.evaluate(CHECKS)
        context.close()
        assert not result["problems"], f"{path} in {language}:\n" + "\n".join(result["problems"])
        found[language] = result["charts"]
    assert found["en"] >= at_least, f"{path}: {found['en']} charts, expected {at_least} or more"
    assert found["en"] == found["es"], found


def staff(email: str) -> User:
    return User.objects.get(email=email)


def test_the_justice_dashboard_charts_draw_in_both_languages(browser, live_server, demo):
    check_charts(
        browser,
        live_server,
        staff("supervisor@justicia.demo"),
        "/legal/dashboard/",
        at_least=3,
        name="justice",
    )


def test_the_restoration_dashboard_charts_draw_in_both_languages(browser, live_server, demo):
    check_charts(
        browser,
        live_server,
        staff("supervisor@refugio.demo"),
        "/restoration/dashboard/",
        at_least=2,
        name="restoration",
    )


def test_the_network_dashboard_charts_draw_in_both_languages(browser, live_server, demo):
    check_charts(
        browser,
        live_server,
        staff("supervisor@justicia.demo"),
        "/network/indicators/",
        at_least=3,
        name="network",
    )


def test_a_case_files_trajectory_charts_draw_in_both_languages(browser, live_server, demo):
    assessed = Assessment.objects.order_by("case_id").values_list("case_id", flat=True)
    counts: dict[int, int] = {}
    for case_id in assessed:
        counts[case_id] = counts.get(case_id, 0) + 1
    case_id = max(counts, key=lambda pk: (counts[pk], -pk))
    assert counts[case_id] >= 2, "the demo seeds cases assessed more than once"
    supervisor = staff("supervisor@refugio.demo")
    check_charts(
        browser,
        live_server,
        supervisor,
        f"/cases/{case_id}/restoration/",
        at_least=1,
        name="trajectory",
    )

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

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.test import Client
from django.utils import translation

from amparo.accounts.models import User
from amparo.aftercare.models import Assessment
from amparo.demo.seeding import seed_demo
from amparo.justice.models import Court, Offence
from amparo.justice.reference import DATA_DIR, load_reference
from amparo.reporting import charts
from amparo.reporting.suppression import Figure
from amparo.reporting.survival import time_to_event
from amparo.reporting.tables import Column, count_table, protect_tables
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
    supervisor = staff("supervisor@refugio.demo")
    # Every organisation assesses in the demo: a case of the supervisor's own.
    assessed = (
        Assessment.objects.filter(case__organisation=supervisor.active_membership.organisation)
        .order_by("case_id")
        .values_list("case_id", flat=True)
    )
    counts: dict[int, int] = {}
    for case_id in assessed:
        counts[case_id] = counts.get(case_id, 0) + 1
    case_id = max(counts, key=lambda pk: (counts[pk], -pk))
    assert counts[case_id] >= 2, "the demo seeds cases assessed more than once"
    check_charts(
        browser,
        live_server,
        supervisor,
        f"/cases/{case_id}/restoration/",
        at_least=1,
        name="trajectory",
    )


def gallery(language: str) -> str:
    """Every chart template, drawn from tables with hidden cells, as one page styled by app.css."""
    from amparo.reporting.tests.test_charts import months_table

    funnel = protect_tables(
        [
            count_table(
                key="funnel",
                title="Funnel",
                columns=[Column("cases", "Cases")],
                rows=[
                    ("complaint", "Complaint filed", {"cases": 404}),
                    ("trial", "Trial opened", {"cases": 120}),
                    (
                        "verdict",
                        "A verdict, with a label long enough to need cutting short",
                        {"cases": 3},
                    ),
                    ("none", "Nothing yet", {"cases": 0}),
                ],
            )
        ],
        suppress=True,
    )[0]
    courts = protect_tables(
        [
            count_table(
                key="courts",
                title="Courts",
                columns=[
                    Column("filed", "Filed"),
                    Column("decided", "Decided"),
                    Column("convicted", "Convicted"),
                ],
                rows=[
                    ("a", "Escuintla", {"filed": 1040, "decided": 250, "convicted": 40}),
                    ("b", "Petén", {"filed": 30, "decided": 2, "convicted": 0}),
                    ("c", "Quetzaltenango", {"filed": 75, "decided": 31, "convicted": 12}),
                ],
            )
        ],
        suppress=True,
    )[0]
    months = months_table(
        {
            "a": [20, 25, 3, 30, 35, 40, 38, 41, 44, 39, 50, 52, 61, 58],
            "b": [12, 14, 15, 16, 18, 20, 2, 22, 25, 24, 30, 31, 33, 35],
        },
        start=datetime.date(2024, 11, 30),
        suppress=True,
    )
    now = time_to_event(events={30: 6, 60: 6, 200: 5}, censored={90: 2, 300: 4}, competing={45: 3})
    before = time_to_event(events={40: 3, 400: 2, 700: 4}, censored={800: 7})
    with translation.override(language):
        parts = [
            ("bar", charts.bar_chart(funnel, "cases")),
            ("grouped", charts.grouped_bar_chart(courts, ["filed", "decided", "convicted"])),
            ("trend", charts.trend_chart(months, ["a", "b"])),
            ("incidence", charts.incidence_chart(now)),
            (
                "incidence",
                charts.incidence_chart([("This period", now), ("The year before", before)]),
            ),
            (
                "dumbbell",
                charts.dumbbell_chart(
                    [("Safety", 1.5, 3.25), ("Legal protection", Figure(None, hidden=True), 2.0)],
                    low=1,
                    high=4,
                ),
            ),
        ]
        body = "".join(
            '<section class="card">'
            + render_to_string(
                f"reporting/charts/{name}.html", {"chart": chart, "id": f"c{n}", "title": name}
            )
            + "</section>"
            for n, (name, chart) in enumerate(parts)
        )
    css = (Path(settings.BASE_DIR) / "amparo/core/static/amparo/app.css").read_text()
    return (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<style>{css}</style></head><body><main>{body}</main></body></html>"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_chart_template_draws_on_a_small_phone(browser, language):
    context = browser.new_context(viewport=SMALL_PHONE)
    page = context.new_page()
    page.set_content(gallery(language))
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"charts-gallery-{language}.png"), full_page=True)
    result = page.evaluate(CHECKS)
    context.close()
    assert result["charts"] == 6
    assert not result["problems"], "\n".join(result["problems"])

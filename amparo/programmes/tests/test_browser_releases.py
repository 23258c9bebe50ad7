"""A release from draft to public, in a browser; then the results page and the impact report.

An analyst of the demo's legal-aid organisation drafts a release on a phone
and previews it; the supervisor approves it (four eyes); a visitor who is not
signed in reads it at its public address and downloads its CSV. Then the
programme's results page and the public impact report, whose charts are
checked in English and Spanish as every chart of the project is.
"""

import csv
import datetime
import io

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from amparo.accounts.models import User
from amparo.demo.seeding import seed_demo
from amparo.justice.models import Court, Offence
from amparo.justice.reference import DATA_DIR, load_reference
from amparo.programmes.models import Programme, Release
from amparo.reporting.tests.test_charts_browser import check_charts
from amparo.testing.browser import PHONE, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SLUG = "justicia-restauracion-2030"


@pytest.fixture
def demo(transactional_db, settings):
    """The demo with 300 survivors: its programme, goals, measurements and two releases."""
    load_reference(court_model=Court, offence_model=Offence, path=DATA_DIR / "gt.json")
    settings.AMPARO_REQUIRE_MFA = False
    seed_demo(survivors=300, seed=13, password="demo-password-not-used")
    return Programme.objects.get(slug=SLUG)


def signed_in(browser, live_server, email: str | None, language: str = "en"):
    """A phone-sized tab, signed in as ``email`` (by session cookie), or signed out."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, accept_downloads=True)
    context.set_default_timeout(20_000)
    cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    if email:
        client = Client()
        client.force_login(User.objects.get(email=email))
        cookies.append(
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        )
    context.add_cookies(cookies)
    return context, context.new_page()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"programmes-{name}.png"), full_page=True)


def test_a_release_is_drafted_approved_and_read_in_public(browser, live_server, demo):
    published_before = Release.objects.filter(programme=demo, status="published").count()
    assert published_before == 2, "the demo publishes two releases"
    last_year = timezone.localdate().year - 1

    analyst_context, page = signed_in(browser, live_server, "analyst@justicia.demo")
    page.goto(f"/programmes/{demo.pk}/releases/")
    shot(page, "01-releases")
    page.goto(f"/programmes/{demo.pk}/releases/new/")
    page.fill("input[name=title]", "People served in the pillars, last year")
    page.fill("input[name=period_start]", datetime.date(last_year, 1, 1).isoformat())
    page.fill("input[name=period_end]", datetime.date(last_year, 12, 31).isoformat())
    page.select_option("select[name=breakdown]", "none")
    for measure in ("survivors_intake", "survivors_restoration", "services"):
        page.check(f"input[name=measures][value={measure}]")
    shot(page, "02-release-new")
    page.get_by_role("button", name="Build the draft").click()
    page.wait_for_url("**/releases/*/")
    draft = Release.objects.get(programme=demo, status="draft", title__startswith="People served")
    # The drafter previews exactly what will be published, and may not approve it.
    expect(page.locator("main")).to_contain_text("People served in the pillars")
    expect(page.get_by_role("link", name="Approve and publish")).to_have_count(0)
    shot(page, "03-release-preview")
    analyst_context.close()

    supervisor_context, page = signed_in(browser, live_server, "supervisor@justicia.demo")
    page.goto(f"/programmes/{demo.pk}/releases/{draft.pk}/")
    page.get_by_role("link", name="Approve and publish").click()
    page.wait_for_url(f"**/releases/{draft.pk}/approve/")
    shot(page, "04-release-approve")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/releases/{draft.pk}/")
    draft.refresh_from_db()
    assert draft.status == "published"
    assert draft.version == published_before + 1
    assert draft.approved_by.email == "supervisor@justicia.demo"
    supervisor_context.close()

    visitor_context, page = signed_in(browser, live_server, None)
    page.goto(f"/public/{SLUG}/")
    expect(page.locator("main")).to_contain_text("People served in the pillars")
    shot(page, "05-public-programme")
    page.goto(f"/public/{SLUG}/releases/{draft.version}/")
    main = page.locator("main")
    expect(main).to_contain_text("11")  # the guarantee: k is printed on the release
    expect(main).not_to_contain_text("analyst@justicia.demo")
    shot(page, "06-public-release")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download CSV").click()
    text = download.value.path().read_text(encoding="utf-8-sig")
    header, *rows = list(csv.reader(io.StringIO(text)))
    assert header[0] == "Measure code"
    assert {row[0] for row in rows} == {"survivors_intake", "survivors_restoration", "services"}
    # The CSV is the release as published, cell by cell: hidden ones empty and flagged.
    cells = draft.content["cells"]
    assert len(rows) == len(cells)
    for row, cell in zip(rows, cells, strict=True):
        assert row[0] == cell["measure"]
        assert row[4] == ("" if cell["value"] is None else str(cell["value"])), row
        assert row[5] == ("1" if cell["value"] is None else "0"), row

    page.goto(f"/public/{SLUG}/impact/")
    expect(page.locator("main")).to_contain_text(demo.name)
    expect(page.locator("svg").first).to_be_visible()
    shot(page, "07-impact")
    pdf = page.request.get(f"/public/{SLUG}/impact.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF")
    visitor_context.close()

    results_context, page = signed_in(browser, live_server, "analyst@justicia.demo", "es")
    page.goto(f"/programmes/{demo.pk}/results/")
    assert page.evaluate("document.documentElement.lang") == "es"
    expect(page.locator("svg.chart").first).to_be_visible()
    shot(page, "08-results-es")
    results_context.close()


def test_the_programme_charts_draw_in_both_languages(browser, live_server, demo):
    analyst = User.objects.get(email="analyst@justicia.demo")
    check_charts(
        browser,
        live_server,
        analyst,
        f"/programmes/{demo.pk}/results/",
        at_least=3,
        name="programme-results",
    )

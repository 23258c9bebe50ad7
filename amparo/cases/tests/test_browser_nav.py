"""The header on a phone, in Spanish: New intake and My work at once, the menu
opened without a script, the header search, a recent case, and the way back."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect

from amparo.cases.tests.test_browser_csp import _watch_violations
from amparo.testing.browser import PHONE, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

INK = "rgb(28, 36, 48)"
FOCUS_ON_DARK = "rgb(242, 183, 5)"


def phone_in_spanish(browser, live_server, user):
    """A phone-sized tab in Spanish, signed in as ``user`` by session cookie."""
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="es-ES")
    context.set_default_timeout(20_000)
    client = Client()
    client.force_login(user)
    context.add_cookies(
        [
            {"name": settings.LANGUAGE_COOKIE_NAME, "value": "es", "url": live_server.url},
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            },
        ]
    )
    return context, context.new_page()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"nav-{name}.png"), full_page=True)


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def small_targets(page, scope: str) -> list[str]:
    """Visible controls in ``scope`` smaller than 24 × 24 px."""
    return page.evaluate(
        """scope => [...document.querySelectorAll(scope + ' :is(a, button, summary, select, input)')]
             .filter(e => e.offsetParent !== null)
             .map(e => [e, e.getBoundingClientRect()])
             .filter(([e, r]) => r.width < 24 || r.height < 24)
             .map(([e, r]) => e.outerHTML.slice(0, 80) + ' ' + r.width + 'x' + r.height)""",
        scope,
    )


def test_the_phone_header_in_spanish(browser, live_server, cast):
    context, page = phone_in_spanish(browser, live_server, cast.caseworker)
    violations = _watch_violations(page)
    page.goto("/work/")
    header = page.locator(".site-header")
    # At once, without scrolling sideways: New intake and My work.
    for name in ("Nuevo ingreso", "Mi trabajo"):
        link = header.get_by_role("link", name=name, exact=True).first
        expect(link).to_be_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], name
    assert header.bounding_box()["height"] < 160
    fits(page)
    assert small_targets(page, ".site-header") == []
    shot(page, "01-phone-es")

    # The focus ring: yellow on the dark header, ink on the light page.
    page.locator(".site-header .brand").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("getComputedStyle(document.activeElement).outlineColor") == FOCUS_ON_DARK

    # The menu opens without a script and groups the pages.
    page.get_by_text("Menú", exact=True).click()
    panel = page.locator(".menu-panel")
    expect(panel).to_be_visible()
    for group in ("Casos", "Justicia", "Restauración", "Red", "Cuenta"):
        expect(panel.locator(".group-title", has_text=group)).to_be_visible()
    expect(panel.locator(".group-title", has_text="Informes")).to_have_count(0)
    assert small_targets(page, ".menu-panel") == []
    fits(page)
    shot(page, "02-menu-es")
    panel.get_by_role("link", name="Nuevo ingreso").click()
    page.wait_for_url("**/cases/intake/**")

    # The header's search: the case code typed, the caseload answers at /cases/.
    page.fill("#site-search-q", cast.case.code)
    page.keyboard.press("Enter")
    page.wait_for_url("**/cases/")
    assert page.url.endswith("/cases/")
    expect(page.locator("#results tbody tr")).to_have_count(1)
    shot(page, "03-search-es")
    page.locator("#results a", has_text=cast.case.code).click()
    page.wait_for_url(f"**/cases/{cast.case.pk}/")

    # The file just opened is first among the recent ones.
    page.get_by_text("Menú", exact=True).click()
    recent = page.locator('ul[aria-labelledby="nav-recent"] a').first
    expect(recent).to_contain_text(cast.case.code)
    expect(recent).to_contain_text(cast.case.survivor.pseudonym)
    page.keyboard.press("Escape")

    # Back to the caseload: the search is still there, and never in the address.
    page.go_back()
    page.wait_for_url("**/cases/")
    expect(page.locator("#id_q")).to_have_value(cast.case.code)
    expect(page.locator("#results tbody tr")).to_have_count(1)
    page.locator("#id_q").focus()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineColor") == INK
    fits(page)
    assert violations == []
    context.close()


def test_a_counsellor_reaches_my_work_and_no_intake(browser, live_server, cast):
    context, page = phone_in_spanish(browser, live_server, cast.counsellor)
    page.goto("/work/")
    header = page.locator(".site-header")
    expect(header.get_by_role("link", name="Mi trabajo", exact=True).first).to_be_visible()
    expect(header.get_by_role("link", name="Nuevo ingreso")).to_have_count(0)
    fits(page)
    context.close()

"""The whole referral in two browsers: Lex sends it, Refugio accepts it in its
own session and records a service, and Lex sees that service in its case file."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from amparo.cases.tests.test_browser import sign_in
from amparo.testing.browser import PHONE, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"network-{name}.png"), full_page=True)


def fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The header stays two short rows: its links scroll sideways rather than stack.
    assert page.locator(".site-header").bounding_box()["height"] < 160


def test_referral_send_accept_record_and_see_it_back(page, browser, live_server, net):
    cast = net.cast
    sign_in(page, cast.caseworker)
    page.goto(f"/cases/{cast.case.pk}/")
    page.click("text=Refer to a partner…")
    page.wait_for_url(f"**/cases/{cast.case.pk}/refer/")
    page.select_option("select[name=to_org]", str(cast.refugio.pk))
    page.check("input[name=services][value=psychosocial]")
    page.check("input[name=sections][value=incidents]")
    page.check("input[name=sections][value=notes]")  # not consented: refused, with the reason
    page.check("input[name=urgency][value=urgent]")
    page.fill("textarea[name=message]", "Fictional: needs counselling this week.")
    shot(page, "01-send-form")
    fits_the_phone(page)
    page.click("button:has-text('Review and send')")
    expect(page.locator("body")).to_contain_text("consent does not cover: Case notes")
    page.uncheck("input[name=sections][value=notes]")
    page.click("button:has-text('Review and send')")
    shot(page, "02-confirm")
    page.click("button:has-text('Yes, send the referral')")
    page.wait_for_url(f"**/cases/{cast.case.pk}/")
    expect(page.locator(".msg.success")).to_contain_text("sent to Refugio Test Aftercare")

    # The partner, in its own session.
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-GB")
    partner = context.new_page()
    partner.set_default_timeout(10_000)
    sign_in(partner, cast.partner_caseworker)
    partner.click("text=Referrals (1)")
    partner.wait_for_url("**/referrals/**")
    expect(partner.locator("body")).not_to_contain_text("Mariposa Azul")  # pending: no pseudonym
    shot(partner, "03-partner-inbox")
    fits_the_phone(partner)
    partner.locator("a[href^='/referrals/']").filter(has_text="REF-").first.click()
    partner.click("button:has-text('Accept')")
    expect(partner.locator("body")).to_contain_text("Mariposa Azul")
    expect(partner.locator("body")).to_contain_text("Fictional narrative for tests.")
    expect(partner.locator("body")).not_to_contain_text("Testa Ficticia")  # identity not shared
    shot(partner, "04-partner-shared-file")
    fits_the_phone(partner)
    partner.click("text=Record a service")
    partner.select_option("select[name=service_type]", "psychosocial")
    partner.fill("input[name=started_on]", timezone.localdate().isoformat())
    partner.fill("textarea[name=notes]", "Fictional first session.")
    partner.click("button:has-text('Record the service')")
    expect(partner.locator(".msg.success")).to_be_visible()
    shot(partner, "05-partner-service")
    context.close()

    # Back in Lex's session: the partner's service is in the case file.
    page.goto(f"/cases/{cast.case.pk}/")
    expect(page.locator("body")).to_contain_text("Psychosocial / counselling")
    expect(page.locator("body")).to_contain_text("Refugio Test Aftercare")
    shot(page, "06-sender-case-file")
    fits_the_phone(page)

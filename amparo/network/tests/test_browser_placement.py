"""On a phone, in Spanish: a partner places a survivor it was referred in its own
shelter, and the referring caseworker sees the placement in the case file."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from amparo.aftercare.models import Placement
from amparo.aftercare.services.placements import facility_create
from amparo.cases.tests.test_browser import sign_in
from amparo.testing.browser import PHONE, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def to_spanish(page) -> None:
    # The header's own language form, in the menu, as a person would change it; the
    # choice is kept on the user.
    page.click("details.menu > summary")
    page.select_option("details.menu select[name=language]", "es")
    page.locator("details.menu form.lang button[type=submit]").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")


def test_a_partner_places_a_referred_survivor_in_its_shelter(page, browser, live_server, net):
    cast = net.cast
    shelter = facility_create(
        actor=cast.partner_supervisor,
        name="Casa Socia (ficticia)",
        kind="shelter",
        admin1="Escuintla",
        capacity=4,
    )
    referral = net.accepted(services=["shelter"], triage_note="Necesita cama esta semana.")
    sign_in(page, cast.partner_caseworker)
    to_spanish(page)
    page.goto(f"/referrals/{referral.pk}/")
    expect(page.locator("body")).to_contain_text("Necesita cama esta semana.")
    page.click("text=Acoger en su albergue")
    page.wait_for_url(f"**/referrals/{referral.pk}/placements/new/")
    page.select_option("select[name=facility]", str(shelter.pk))
    page.fill("input[name=started_on]", timezone.localdate().isoformat())
    page.select_option("select[name=reason]", "emergency")
    page.screenshot(path=str(SHOTS / "network-placement-01-form-es.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("button:has-text('Acoger a la persona sobreviviente')")
    page.wait_for_url(f"**/referrals/{referral.pk}/")
    expect(page.locator(".msg.success")).to_contain_text("quedó acogida")
    expect(page.locator("#placements-h")).to_contain_text("Acogimientos en los centros de")
    expect(page.locator("body")).to_contain_text("Casa Socia (ficticia)")
    page.screenshot(path=str(SHOTS / "network-placement-02-placed-es.png"), full_page=True)
    placement = Placement.objects.get()
    assert placement.facility_id == shelter.pk and placement.case_id == cast.case.pk

    # The referring caseworker sees it in the case file, and is told.
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-GB")
    sender = context.new_page()
    sender.set_default_timeout(20_000)
    sign_in(sender, cast.caseworker)
    sender.goto(f"/cases/{cast.case.pk}/")
    expect(sender.locator("body")).to_contain_text("Casa Socia (ficticia)")
    sender.goto("/notifications/")
    expect(sender.locator("body")).to_contain_text("A partner placed the survivor in its shelter")
    context.close()

"""On a phone, in Spanish: a partner assesses a referred survivor's restoration and
drafts its care plan under the referral; the referring caseworker reads both there."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from amparo.aftercare.models import Assessment, CarePlan
from amparo.aftercare.selectors import active_instrument
from amparo.cases.tests.test_browser import sign_in
from amparo.network.tests.test_browser_placement import to_spanish
from amparo.testing.browser import PHONE, SHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_partner_assesses_and_plans_under_a_referral(page, browser, live_server, net):
    cast = net.cast
    today = timezone.localdate()
    review = today + datetime.timedelta(days=60)
    instrument = active_instrument(organisation_id=cast.refugio.pk)
    domains = list(instrument.domains.prefetch_related("items"))
    referral = net.accepted(services=["psychosocial"])
    sign_in(page, cast.partner_caseworker)
    to_spanish(page)
    page.goto(f"/referrals/{referral.pk}/")

    page.click("text=Registrar una evaluación")
    page.wait_for_url(f"**/referrals/{referral.pk}/assessments/new/")
    page.fill("input[name=assessed_on]", today.isoformat())
    for domain in domains:
        for item in domain.items.all():
            page.locator(f"input[name=score_{item.code}][value='3']").check()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "network-partner-assessment-01-form-es.png"), full_page=True)
    page.click("button:has-text('Registrar evaluación')")
    page.wait_for_url(f"**/referrals/{referral.pk}/")
    expect(page.locator(".msg.success")).to_contain_text("La evaluación quedó registrada")
    expect(page.locator("#partner-assessments-h")).to_contain_text("Evaluaciones de restauración")
    assert Assessment.objects.get().partner_organisation_id == cast.refugio.pk

    page.click("text=Redactar un plan de atención")
    page.wait_for_url(f"**/referrals/{referral.pk}/care-plans/new/")
    page.fill("input[name=review_due_on]", review.isoformat())
    page.select_option("select[name=goals-0-domain]", domains[0].code)
    page.fill("input[name=goals-0-description]", "Volver a estudiar (ficticio)")
    page.fill("input[name=goals-0-target_on]", review.isoformat())
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.click("button:has-text('Guardar borrador')")
    page.wait_for_url(f"**/referrals/{referral.pk}/")
    expect(page.locator(".msg.success")).to_contain_text("Se guardó el borrador")
    page.click("button:has-text('Enviar para aprobación')")
    expect(page.locator(".partner-plan")).to_contain_text("En espera de aprobación")
    page.screenshot(path=str(SHOTS / "network-partner-records-02-referral-es.png"), full_page=True)
    assert CarePlan.objects.get().partner_organisation_id == cast.refugio.pk

    # The referring caseworker reads both on the referral, and was told of the assessment.
    context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-GB")
    sender = context.new_page()
    sender.set_default_timeout(20_000)
    sign_in(sender, cast.caseworker)
    sender.goto(f"/referrals/{referral.pk}/")
    expect(sender.locator(".partner-assessment")).to_contain_text(today.isoformat())
    expect(sender.locator(".partner-assessment")).to_contain_text(str(domains[0]))
    expect(sender.locator(".partner-plan")).to_contain_text("Volver a estudiar (ficticio)")
    expect(sender.locator(".partner-plan")).to_contain_text(review.isoformat())
    expect(sender.locator(".partner-plan")).not_to_contain_text("Send for approval")
    sender.goto("/notifications/")
    expect(sender.locator("body")).to_contain_text("A partner recorded a restoration assessment")
    context.close()

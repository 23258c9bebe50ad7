"""A caseworker on a phone: sign in with TOTP, run an intake, find the case, open it."""

import datetime
import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.utils import timezone
from playwright.sync_api import expect

from amparo.cases.models import Case
from amparo.testing.browser import SHOTS
from amparo.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def totp_code(secret: str) -> str:
    """The code of the current 30-second window, never one about to expire.

    The server accepts only the current window (no tolerance), so a code typed
    in the last seconds of its window can arrive in the next one and be refused;
    CI saw that once in a few hundred sign-ins.
    """
    if 30 - time.time() % 30 < 4:
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page, user) -> None:
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    shot(page, "00-login")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/2fa/authenticate/")
    page.fill("input[name=code]", totp_code(user.totp_secret))
    shot(page, "00-totp")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/work/")


def test_intake_on_a_phone(page, live_server, cast, transactional_db):
    sign_in(page, cast.caseworker)
    shot(page, "01-my-work")

    page.click("text=New intake")
    page.wait_for_url("**/cases/intake/case/")
    page.check("input[name=origin][value=report]")
    page.check("input[name=risk_level][value=high]")
    shot(page, "02-intake-case")
    page.click("text=Continue")

    page.wait_for_url("**/intake/survivor/")
    page.fill("input[name=pseudonym]", "Luciérnaga")
    page.check("input[name=sex][value=female]")
    page.fill("input[name=birth_year]", "2009")
    page.check("input[name=languages][value=es]")
    shot(page, "03-intake-survivor")
    page.click("text=Continue")

    page.wait_for_url("**/intake/identity/")
    page.fill("input[name=given_names]", "Ficticia")
    page.fill("input[name=family_names]", "Navegadora Prueba")
    shot(page, "04-intake-identity")
    page.click("text=Continue")

    page.wait_for_url("**/intake/incident/")
    page.fill(
        "input[name=occurred_on]", (timezone.localdate() - datetime.timedelta(days=3)).isoformat()
    )
    page.fill("input[name=admin1]", "Quetzaltenango")
    page.check("input[name=q_sexual_contact][value=yes]")
    # The derived type follows the answers live.
    page.wait_for_selector("#gbv-type:has-text('Sexual assault')")
    page.check("input[name=q_penetration][value=yes]")
    page.wait_for_selector("#gbv-type:has-text('Rape')")
    page.locator("#gbv-questions").screenshot(path=str(SHOTS / "05-gbv-questions.png"))
    page.click("summary:has-text('Trafficking details')")
    page.check("input[name=exploitation_types][value=sexual]")
    shot(page, "05-intake-incident")
    page.click("text=Continue")

    page.wait_for_url("**/intake/consent/")
    page.check("input[name=services_given]")
    page.select_option("select[name=services_given_by]", "survivor")
    page.fill("input[name=services_given_on]", timezone.localdate().isoformat())
    shot(page, "06-intake-consent")
    page.click("text=Continue")

    page.wait_for_url("**/intake/review/")
    shot(page, "07-intake-review")
    page.click("text=Submit and open the case")
    page.wait_for_url("**/cases/*/")
    case = Case.objects.get(survivor__pseudonym="Luciérnaga")
    assert page.locator(".msg.success").inner_text() == f"Case {case.code} opened."

    page.click("summary:has-text('Menu')")
    page.click(".menu-panel >> text=Caseload")
    page.fill("input[name=q]", case.code)
    # The live filter swaps the results without a page load.
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page.locator("#results tbody tr")).to_contain_text(case.code)
    shot(page, "08-caseload-search")
    page.click(f"#results a:has-text('{case.code}')")
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert "Luciérnaga" in page.content() and "Navegadora" not in page.content()
    shot(page, "09-case-file")
    # Nothing sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

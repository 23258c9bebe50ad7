"""The key pages run under the Content-Security-Policy without a single violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from amparo.cases.tests.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _watch_violations(page) -> list[str]:
    seen: list[str] = []
    page.on(
        "console",
        lambda message: seen.append(message.text)
        if "Content Security Policy" in message.text or message.text.startswith("Refused to")
        else None,
    )
    # Violations the console might not print (e.g. in a swapped fragment) still fire this event.
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e =>"
        " console.error('Refused to load (CSP): ' + e.violatedDirective + ' ' + e.blockedURI));"
    )
    return seen


def test_sign_in_case_file_and_intake_raise_no_csp_violation(page, live_server, cast):
    violations = _watch_violations(page)
    sign_in(page, cast.caseworker)
    assert page.evaluate("document.querySelectorAll('style').length") == 0

    page.goto(reverse("case_file", kwargs={"pk": cast.case.pk}))
    expect(page.locator("h1")).to_contain_text(cast.case.code)

    page.goto(reverse("caseload"))
    page.fill("input[name=q]", cast.case.code)
    expect(page.locator("#results tbody tr")).to_have_count(1)

    page.goto(reverse("intake_start"))
    page.check("input[name=origin][value=report]")
    page.check("input[name=risk_level][value=high]")
    page.click("text=Continue")
    page.wait_for_url("**/intake/survivor/")

    page.goto(reverse("facility_list"))
    page.goto(reverse("token_list"))
    page.fill("input[name=name]", "browser check")
    page.get_by_role("button", name="Issue token").click()
    expect(page.locator("code.secret")).to_be_visible()

    page.goto("/api/docs/")
    expect(page.locator(".swagger-ui .information-container")).to_be_visible()
    assert violations == []

"""On a phone, in Spanish: three people removed in one rescue are registered quickly,
and one intake is completed later, in a new session, into a case."""

import datetime

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from amparo.cases.models import Case, IntakeDraft
from amparo.cases.services import rescue_operation_record
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


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_three_people_from_one_rescue_and_one_completed_later(page, browser, live_server, cast):
    operation = rescue_operation_record(
        actor=cast.caseworker,
        name="Operación Alba (ficticia)",
        happened_on=timezone.localdate() - datetime.timedelta(days=1),
        admin1="Izabal",
        people_removed=10,
    )
    sign_in(page, cast.caseworker)
    to_spanish(page)
    page.goto(f"/rescues/{operation.pk}/")
    page.click("text=Registro rápido de las personas rescatadas")
    for name in ("Garza Uno", "Garza Dos", "Garza Tres"):
        page.fill("input[name=pseudonym]", name)
        page.check("input[name=sex][value=female]")
        page.fill("input[name=birth_year]", "2009")
        page.click("button:has-text('Registrar y pasar a la siguiente persona')")
        expect(page.locator(".msg.success")).to_contain_text(f"Se registró a {name}")
    expect(page.locator("#drafts-h")).to_contain_text("3 personas registradas")
    fits(page)
    page.screenshot(path=str(SHOTS / "rescue-01-registered-es.png"), full_page=True)
    assert IntakeDraft.objects.count() == 3 and not Case.objects.exclude(pk=cast.case.pk).exists()

    # Later, in another browser: the intake is waiting under "New intake". The same
    # one-time code is never accepted twice, so the second sign-in comes one TOTP period
    # later: the clock (the live server's too) is moved on rather than waited for.
    with time_machine.travel(datetime.timedelta(seconds=30), tick=True):
        context = browser.new_context(viewport=PHONE, base_url=live_server.url, locale="en-GB")
        later = context.new_page()
        later.set_default_timeout(20_000)
        sign_in(later, cast.caseworker)
        to_spanish(later)
        later.goto("/cases/intake/")
        expect(later.locator("h1")).to_contain_text("Ingresos en curso")
        later.locator("li", has_text="Garza Dos").locator("text=Continuar").click()
        later.wait_for_url("**/cases/intake/identity/")
        later.click("button:has-text('Continuar')")
        later.wait_for_url("**/cases/intake/incident/")
        # The operation's date and place are already there.
        expect(later.locator("input[name=admin1]")).to_have_value("Izabal")
        expect(later.locator("input[name=occurred_on]")).to_have_value(
            operation.happened_on.isoformat()
        )
        later.check("input[name=q_physical][value=yes]")
        for question in ("q_penetration", "q_sexual_contact", "q_denial", "q_psychological"):
            box = later.locator(f"input[name={question}][value=no]")
            if box.count():
                box.check()
        later.click("button:has-text('Continuar')")
        later.wait_for_url("**/cases/intake/consent/")
        later.check("input[name=services_given]")
        later.select_option("select[name=services_given_by]", "survivor")
        later.fill("input[name=services_given_on]", timezone.localdate().isoformat())
        later.click("button:has-text('Continuar')")
        later.wait_for_url("**/cases/intake/review/")
        expect(later.locator("a:has-text('Editar')")).to_have_count(5)
        fits(later)
        later.screenshot(path=str(SHOTS / "rescue-02-review-es.png"), full_page=True)
        later.click("button:has-text('Enviar y abrir el caso')")
        later.wait_for_url("**/cases/*/")
        case = Case.objects.get(survivor__pseudonym="Garza Dos")
        assert case.rescue_operation_id == operation.pk
        later.goto(f"/rescues/{operation.pk}/")
        expect(later.locator("body")).to_contain_text("Garza Uno")
        expect(later.locator("body")).to_contain_text("Garza Tres")
        expect(later.locator("body")).to_contain_text(case.code)
        context.close()

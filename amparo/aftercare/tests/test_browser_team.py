"""The supervisor's morning on a phone, in Spanish: the team's counts open the right
lists — the approvals waiting (where a caseworker's closure request is approved), a
worker's overdue items, and the cases with a flag."""

import pytest
from playwright.sync_api import expect

from amparo.aftercare.tests.records import restoration_records
from amparo.cases.models import Case
from amparo.cases.services import case_flag_raise, closure_request_create, intake_submit
from amparo.cases.tests.test_browser import sign_in
from amparo.network.tests.test_browser_placement import to_spanish
from amparo.testing.browser import PHONE, SHOTS
from amparo.testing.factories import intake_input

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def shot(page, name: str) -> None:
    page.screenshot(path=str(SHOTS / f"team-{name}-es.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_supervisors_morning_on_a_phone_in_spanish(page, cast):
    # Lex's case: approval tasks, an overdue follow-up visit and a flag; a second case
    # of the same caseworker, which she asks to close before its rule is met.
    restoration_records(cast)
    case_flag_raise(actor=cast.caseworker, case=cast.case, kind="safety", note="Ficticia.")
    other = intake_submit(actor=cast.caseworker, data=intake_input())
    request = closure_request_create(
        actor=cast.caseworker,
        case=other,
        reason="relocated",
        justification="La familia se mudó al extranjero (ficticio).",
    )
    sign_in(page, cast.supervisor)
    to_spanish(page)
    page.goto("/work/")
    team = page.locator("section.team-work")
    expect(team.locator("h2")).to_have_text("Su equipo")
    shot(page, "01-home")

    # The approvals waiting: the care plan's and the closure request, which is decided here.
    team.get_by_role("link", name="aprobaciones pendientes").click()
    page.wait_for_url("**/work/team/approvals/")
    rows = page.locator("ul.approvals li")
    expect(rows.filter(has_text=other.code)).to_contain_text("Cerrar el caso")
    expect(rows.filter(has_text=other.code)).to_contain_text("Alicia Caseworker")
    expect(rows.filter(has_text=cast.case.code).first).to_be_visible()
    shot(page, "02-approvals")
    rows.filter(has_text=other.code).get_by_role("link", name="Decidir").click()
    page.wait_for_url(f"**/cases/{other.pk}/closure-requests/{request.pk}/")
    expect(page.locator(".justification")).to_contain_text("se mudó al extranjero")
    page.check("input[name=decision][value=approve]")
    shot(page, "03-decide")
    page.get_by_role("button", name="Continuar").click()
    page.get_by_role("button", name="Sí, cerrar el caso").click()
    page.wait_for_url(f"**/cases/{other.pk}/")
    expect(page.locator(".msg.success")).to_contain_text("El caso está cerrado.")
    assert Case.objects.get(pk=other.pk).status == "closed"
    page.goto("/work/team/approvals/")
    expect(page.locator("ul.approvals")).not_to_contain_text(other.code)

    # A worker's overdue items: the follow-up visit on Lex's case.
    page.goto("/work/")
    page.locator("#team-workers").get_by_role("link", name="Alicia Caseworker").click()
    page.wait_for_url(f"**/work/team/items/?worker={cast.caseworker.pk}")
    expect(page.locator("h1")).to_contain_text("Trabajo de Alicia Caseworker")
    page.get_by_role("link", name="Con retraso").click()
    overdue = page.locator("ul.team-items li.is-overdue")
    expect(overdue.filter(has_text="Visita de seguimiento")).to_contain_text(cast.case.code)
    shot(page, "04-worker-overdue")

    # The open cases with a flag: Lex's case only.
    page.goto("/work/")
    page.locator("section.team-work").get_by_role("link", name="casos abiertos con alerta").click()
    page.wait_for_url("**/cases/?flagged=on*")
    expect(page.locator("body")).to_contain_text(cast.case.code)
    expect(page.locator("main")).not_to_contain_text(other.code)
    shot(page, "05-flagged")

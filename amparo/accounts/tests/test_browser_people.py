"""An organisation admin on a phone, in Spanish: invites a person, then changes a role."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from amparo.accounts.models import Membership
from amparo.accounts.roles import Role
from amparo.cases.tests.test_browser import shot, totp_code
from amparo.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in_in_spanish(page, live_server, user) -> None:
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/2fa/authenticate/")
    expect(page.locator("h1")).to_have_text("Autenticación en dos pasos")
    page.fill("input[name=code]", totp_code(user.totp_secret))
    shot(page, "people-00-totp-es")
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_load_state()


def test_admin_invites_and_changes_a_role_on_a_phone(page, live_server, cast, transactional_db):
    sign_in_in_spanish(page, live_server, cast.admin)
    page.goto("/account/")
    expect(page.locator("h1")).to_have_text("Su cuenta")
    page.get_by_role("link", name="Personas de mi organización").click()
    page.wait_for_url("**/organisation/people/")
    expect(page.locator("h1")).to_have_text("Personas")
    shot(page, "people-01-list-es")

    page.get_by_role("link", name="Invitar a una persona").click()
    page.wait_for_url("**/people/invite/")
    page.fill("input[name=full_name]", "Nora Navegadora")
    page.fill("input[name=email]", "nora.navegadora@example.test")
    page.select_option("select[name=role]", Role.COUNSELLOR)
    shot(page, "people-02-invite-es")
    page.get_by_role("button", name="Enviar la invitación").click()
    page.wait_for_url("**/organisation/people/")
    expect(page.locator(".messages")).to_contain_text("Nora Navegadora está invitado(a)")
    row = page.locator("li.card", has_text="Nora Navegadora")
    expect(row).to_contain_text("Consejero(a)")
    expect(row).to_contain_text("Invitado(a), aún no ha iniciado sesión")
    shot(page, "people-03-invited-es")
    assert [m.to for m in mail.outbox] == [["nora.navegadora@example.test"]]
    assert "Hola, Nora Navegadora" in mail.outbox[0].body

    row.get_by_role("link", name="Cambiar rol").click()
    page.wait_for_url("**/role/")
    page.select_option("select[name=role]", Role.CASEWORKER)
    shot(page, "people-04-role-es")
    page.get_by_role("button", name="Cambiar el rol").click()
    page.wait_for_url("**/organisation/people/")
    expect(page.locator(".messages")).to_contain_text(
        "Nora Navegadora ahora es: Gestor(a) de casos"
    )
    expect(page.locator("li.card", has_text="Nora Navegadora")).to_contain_text(
        "Gestor(a) de casos"
    )
    shot(page, "people-05-role-changed-es")
    member = Membership.objects.get(user__email="nora.navegadora@example.test")
    assert member.role == Role.CASEWORKER
    # Nothing on the page is wider than the phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_phone_only_set_up_by_typing_the_key(page, live_server, transactional_db):
    """Someone whose phone is the only device copies the key shown, not the QR code."""
    from amparo.testing.factories import MembershipFactory

    user = MembershipFactory(role=Role.CASEWORKER, user__with_totp=False).user
    page.context.add_cookies([{"name": "django_language", "value": "es", "url": live_server.url}])
    page.goto("/accounts/login/")
    page.fill("input[name=login]", user.email)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.get_by_role("button", name="Iniciar sesión").click()
    page.wait_for_url("**/2fa/totp/activate/")
    expect(
        page.get_by_role("heading", name="¿Solo tiene este teléfono? Escriba la clave")
    ).to_be_visible()
    shot(page, "people-06-totp-key-es")
    typed_key = page.locator("#totp-key").inner_text()
    blocks = typed_key.split()
    assert all(len(block) == 4 for block in blocks[:-1]) and len(blocks) > 4
    page.fill("input[name=code]", totp_code("".join(blocks)))
    page.get_by_role("button", name="Activar").click()
    page.wait_for_url("**/2fa/recovery-codes/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

"""The language kept on the user; the account page; the key to type on the set-up page."""

import re
import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.urls import reverse

from amparo.accounts.models import User
from amparo.accounts.roles import Role
from amparo.accounts.templatetags.second_factor import key_blocks
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.testing.factories import TEST_PASSWORD, MembershipFactory


def _switch(client, language: str):
    return client.post(reverse("set_language"), {"language": language, "next": "/tokens/"})


def test_switching_language_while_signed_in_is_kept_on_the_user(cast, client):
    client.force_login(cast.lawyer)
    assert _switch(client, "es").status_code == 302
    assert User.objects.get(pk=cast.lawyer.pk).language == "es"
    assert AuditEvent.objects.filter(code=Code.USER_LANGUAGE_SET, actor=cast.lawyer).count() == 1
    _switch(client, "es")
    assert AuditEvent.objects.filter(code=Code.USER_LANGUAGE_SET).count() == 1
    _switch(client, "xx")  # refused by Django's view; nothing kept
    assert User.objects.get(pk=cast.lawyer.pk).language == "es"


def test_switching_language_signed_out_keeps_nothing(cast, client):
    assert _switch(client, "es").status_code == 302
    assert not User.objects.filter(language="es").exists()


def _code(secret: str) -> str:
    if 30 - time.time() % 30 < 4:  # never a code about to expire (see cases' browser test)
        time.sleep(30 - time.time() % 30 + 0.2)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_saved_language_is_applied_at_sign_in_on_a_new_device(cast, client):
    User.objects.filter(pk=cast.analyst.pk).update(language="es")
    # A new device: no language cookie, the browser asks for English.
    password = client.post(
        reverse("account_login"),
        {"login": cast.analyst.email, "password": TEST_PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert password["Location"] == reverse("mfa_authenticate")
    assert settings.LANGUAGE_COOKIE_NAME not in password.cookies  # not signed in yet
    response = client.post(
        reverse("mfa_authenticate"),
        {"code": _code(cast.analyst.totp_secret)},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    page = client.get(reverse("token_list"), HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="es">' in page.content.decode()


def test_a_user_without_a_saved_language_keeps_the_devices(db, client):
    user = MembershipFactory(role=Role.DATA_ANALYST, user__with_totp=False).user
    response = client.post(
        reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302 and "_auth_user_id" in client.session
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_account_page_says_who_and_links_two_step_and_tokens(cast, client):
    client.force_login(cast.lawyer)
    body = client.get(reverse("my_account")).content.decode()
    for expected in (
        cast.lawyer.full_name,
        cast.lawyer.email,
        cast.lex.name,
        "Lawyer",
        reverse("mfa_index"),
        reverse("token_list"),
        "Your authenticator app is set up.",
    ):
        assert expected in body, expected
    assert reverse("member_list") not in body
    client.force_login(cast.admin)
    assert reverse("member_list") in client.get(reverse("my_account")).content.decode()


def test_key_blocks_are_of_four():
    assert key_blocks("ABCDEFGHIJKLMNOPQR") == ["ABCD", "EFGH", "IJKL", "MNOP", "QR"]


def test_the_set_up_page_shows_the_key_to_type(db, client):
    user = MembershipFactory(role=Role.CASEWORKER, user__with_totp=False).user
    # Signed in by password just now: allauth asks for nothing more before set-up.
    client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    body = page.content.decode()
    secret = page.context["form"].secret
    blocks = re.search(r'<code class="secret" id="totp-key">(.*?)</code>', body).group(1)
    assert re.sub(r"<[^>]+>|\s", "", blocks) == secret
    assert blocks.count("<span>") == len(key_blocks(secret))
    assert f"Amparo: {user.email}" in body and "Escriba la clave" in body
    assert "otpauth://totp/" in body
    assert "<script" not in body.split("<main", 1)[1] and "style=" not in body

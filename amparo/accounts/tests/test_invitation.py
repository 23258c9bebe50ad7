"""An admin invites a person by the page; the person sets a password by the e-mailed
one-time link, signs in, and is sent to set up an authenticator app."""

import re

from django.core import mail
from django.urls import reverse

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Role
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent

PASSWORD = "una-clave-larga-de-prueba-42"


def _link(body: str) -> str:
    match = re.search(r"http://[^\s]+/accounts/password/reset/key/[^\s]+/", body)
    assert match, body
    return match.group(0).split("127.0.0.1:8000", 1)[1]


def test_invite_set_password_and_sign_in(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.admin)
    form = client.get(reverse("member_invite"))
    assert form.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("member_invite"),
            {
                "full_name": "Nora Nueva",
                "email": "nora@example.test",
                "role": Role.COUNSELLOR,
                "language": "en",
            },
        )
    assert response.status_code == 302 and response["Location"] == reverse("member_list")
    listing = client.get(reverse("member_list")).content.decode()
    assert "Nora Nueva" in listing and "Invited, not signed in yet" in listing
    member = Membership.objects.select_related("user").get(user__email="nora@example.test")
    assert (member.organisation, member.role) == (cast.lex, Role.COUNSELLOR)
    assert AuditEvent.objects.filter(code=Code.MEMBER_INVITED, actor=cast.admin).count() == 1

    (message,) = mail.outbox
    assert message.to == ["nora@example.test"] and "Lex Test Legal Aid" in message.subject
    assert "Adam Admin" in message.body
    link = _link(message.body)

    client.logout()
    landing = client.get(link)
    assert landing.status_code == 302  # allauth keeps the key in the session, off the URL
    set_url = landing["Location"]
    weak = client.post(set_url, {"password1": "short", "password2": "short"})
    assert weak.status_code == 200 and not User.objects.get(pk=member.user_id).has_usable_password()
    done = client.post(set_url, {"password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302
    assert User.objects.get(pk=member.user_id).check_password(PASSWORD)

    # The link worked once.
    again = client.get(link)
    page = client.get(again["Location"]) if again.status_code == 302 else again
    assert "form" not in page.context or "password1" not in page.content.decode()

    signed_in = client.post(
        reverse("account_login"), {"login": "nora@example.test", "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    response = client.get(reverse("token_list"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_a_refused_invitation_stays_on_the_form_and_sends_nothing(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("member_invite"),
            {"full_name": "Otra", "email": cast.lawyer.email, "role": Role.LAWYER},
        )
    assert response.status_code == 422
    assert "already has an account" in response.content.decode()
    assert not mail.outbox
    assert not AuditEvent.objects.filter(code=Code.MEMBER_INVITED).exists()


def test_the_invitation_is_in_the_invitees_language(cast, django_capture_on_commit_callbacks):
    from amparo.accounts.services import member_invite

    with django_capture_on_commit_callbacks(execute=True):
        member_invite(
            actor=cast.admin,
            email="sofia@example.test",
            full_name="Sofía",
            role=Role.CASEWORKER,
            language="es",
        )
    (message,) = mail.outbox
    assert "Hola, Sofía" in message.body and "Elija su contraseña" in message.body


def test_the_people_page_takes_constant_queries(cast, client, django_assert_max_num_queries):
    from amparo.testing.factories import MembershipFactory

    client.force_login(cast.admin)
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("member_list"))
    MembershipFactory.create_batch(8, organisation=cast.lex, role=Role.CASEWORKER)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("member_list")).status_code == 200

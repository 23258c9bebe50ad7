"""An admin sends the invitation again to a person who has not signed in yet (a lost or
expired e-mail): by the People page, after a confirmation, or by the API. Only the latest
link opens the account; not twice within minutes; never to someone who has signed in."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Role
from amparo.accounts.services import member_deactivate, member_invite, member_resend_invitation
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.exceptions import NotFound
from amparo.testing.api import api_client
from amparo.testing.cast import SIGNED_IN
from amparo.testing.matrix import covers

PASSWORD = "una-clave-larga-de-prueba-42"
LATER = datetime.timedelta(minutes=6)


def _link(body: str) -> str:
    match = re.search(r"http://[^\s]+/accounts/password/reset/key/[^\s]+/", body)
    assert match, body
    return match.group(0).split("127.0.0.1:8000", 1)[1]


def _resent() -> int:
    return AuditEvent.objects.filter(code=Code.MEMBER_INVITATION_RESENT).count()


@pytest.fixture
def invited(cast, django_capture_on_commit_callbacks) -> Membership:
    """A counsellor invited into the owner organisation a while ago, not signed in yet."""
    with (
        time_machine.travel(timezone.now() - datetime.timedelta(hours=1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        member = member_invite(
            actor=cast.admin,
            email="nora@example.test",
            full_name="Nora Nueva",
            role=Role.COUNSELLOR,
            language="es",
        )
    mail.outbox.clear()
    return member


@covers("member_resend_invitation")
def test_the_resend_page_for_each_cast_member(cast, client, invited):
    url = reverse("member_resend_invitation", kwargs={"member_id": invited.pk})
    for who in SIGNED_IN:
        client.force_login(getattr(cast, who))
        assert client.get(url).status_code == (200 if who == "admin" else 404), who
        if who != "admin":
            assert client.post(url).status_code == 404, who
    client.logout()
    assert client.post(url).status_code == 302
    assert _resent() == 0 and mail.outbox == []
    client.force_login(cast.admin)
    other = reverse(
        "member_resend_invitation", kwargs={"member_id": cast.partner_caseworker.membership.pk}
    )
    assert client.get(other).status_code == 404 and client.post(other).status_code == 404


def test_the_admin_confirms_and_only_the_new_link_opens_the_account(
    cast, client, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    with django_capture_on_commit_callbacks(execute=True):
        member = member_invite(
            actor=cast.admin, email="nora@example.test", full_name="Nora Nueva", role="lawyer"
        )
    first = _link(mail.outbox[0].body)
    listing = client.get(reverse("member_list")).content.decode()
    url = reverse("member_resend_invitation", kwargs={"member_id": member.pk})
    assert f'href="{url}"' in listing and "invitation sent" in listing
    question = client.get(url).content.decode()
    assert "The link in any earlier invitation stops working" in question
    assert "nora@example.test" in question

    with (
        time_machine.travel(timezone.now() + LATER),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("member_list")
    assert len(mail.outbox) == 2 and mail.outbox[1].to == ["nora@example.test"]
    second = _link(mail.outbox[1].body)
    assert second != first
    event = AuditEvent.objects.get(code=Code.MEMBER_INVITATION_RESENT)
    assert event.actor == cast.admin and event.case_id is None

    client.logout()
    stale = client.get(first, follow=True)
    assert b"password1" not in stale.content  # the earlier link is refused
    landing = client.get(second)
    assert landing.status_code == 302
    done = client.post(landing["Location"], {"password1": PASSWORD, "password2": PASSWORD})
    assert done.status_code == 302
    assert User.objects.get(pk=member.user_id).check_password(PASSWORD)


def test_not_again_within_minutes_with_a_clear_message(
    cast, client, invited, django_capture_on_commit_callbacks
):
    client.force_login(cast.admin)
    url = reverse("member_resend_invitation", kwargs={"member_id": invited.pk})
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert len(mail.outbox) == 1 and _resent() == 1
    password = User.objects.get(pk=invited.user_id).password
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(url, HTTP_ACCEPT_LANGUAGE="es")
    assert again.status_code == 422
    assert "menos de 5 minutos" in again.content.decode()
    assert len(mail.outbox) == 1 and _resent() == 1
    assert User.objects.get(pk=invited.user_id).password == password  # the link still works
    with (
        time_machine.travel(timezone.now() + LATER),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert client.post(url).status_code == 302
    assert len(mail.outbox) == 2 and _resent() == 2


def test_never_to_someone_who_signed_in_nor_to_a_deactivated_member(cast, invited):
    with pytest.raises(ValidationError) as signed_in:
        member_resend_invitation(actor=cast.admin, member_id=cast.lawyer.membership.pk)
    assert "set a password already" in str(signed_in.value.message_dict["member"])
    member_deactivate(actor=cast.admin, member_id=invited.pk)
    with pytest.raises(ValidationError) as deactivated:
        member_resend_invitation(actor=cast.admin, member_id=invited.pk)
    assert "is deactivated" in str(deactivated.value.message_dict["member"])
    with pytest.raises(NotFound):
        member_resend_invitation(actor=cast.admin, member_id=cast.partner_caseworker.membership.pk)
    assert _resent() == 0 and mail.outbox == []


def test_the_button_shows_only_for_an_active_member_not_signed_in_yet(cast, client, invited):
    client.force_login(cast.admin)
    listing = client.get(reverse("member_list")).content.decode()
    for member in Membership.objects.filter(organisation=cast.lex):
        url = reverse("member_resend_invitation", kwargs={"member_id": member.pk})
        assert (f'href="{url}"' in listing) == (member.pk == invited.pk), member.user
    with translation.override("es"):
        spanish = client.get(reverse("member_list"), HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Enviar la invitación de nuevo" in spanish


@covers("api-member-resend-invitation POST")
def test_the_resend_api_for_each_cast_member(cast, invited, django_capture_on_commit_callbacks):
    url = f"/api/v1/members/{invited.pk}/resend-invitation/"
    for who, user in cast.everyone().items():
        if who != "admin":
            assert api_client(user).post(url, {}, format="json").status_code == 403, who
    assert api_client().post(url, {}, format="json").status_code in (401, 403)
    other = f"/api/v1/members/{cast.partner_caseworker.membership.pk}/resend-invitation/"
    assert api_client(cast.admin).post(other, {}, format="json").status_code == 404
    assert _resent() == 0
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client(cast.admin).post(url, {}, format="json")
    assert response.status_code == 200, response.data
    assert response.data["invitation_sent_at"] is not None and response.data["last_sign_in"] is None
    assert len(mail.outbox) == 1
    again = api_client(cast.admin).post(url, {}, format="json")
    assert again.status_code == 400 and "member" in str(again.data)
    signed_in = f"/api/v1/members/{cast.lawyer.membership.pk}/resend-invitation/"
    assert api_client(cast.admin).post(signed_in, {}, format="json").status_code == 400
    assert _resent() == 1

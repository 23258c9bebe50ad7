"""The rules of managing people: each service, its event, and bad input that writes nothing."""

import pytest
from allauth.mfa.models import Authenticator
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Role
from amparo.accounts.services import (
    member_change_role,
    member_deactivate,
    member_invite,
    member_reactivate,
    member_reset_mfa,
    token_issue,
)
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.exceptions import Denied, NotFound
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory


def _events(code: Code) -> int:
    return AuditEvent.objects.filter(code=code).count()


def _invite(cast, **overrides):
    data = {"email": "Nueva.Persona@Example.test", "full_name": " Nueva Persona ", "role": "lawyer"}
    return member_invite(actor=cast.admin, **{**data, **overrides})


def test_invite_creates_the_account_and_membership_and_mails_the_link(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member = _invite(cast, language="es")
    user = member.user
    assert (user.email, user.full_name, user.language) == (
        "nueva.persona@example.test",
        "Nueva Persona",
        "es",
    )
    assert (member.organisation, member.role, member.is_active) == (cast.lex, Role.LAWYER, True)
    assert not user.has_usable_password()
    event = AuditEvent.objects.get(code=Code.MEMBER_INVITED)
    assert (event.actor, event.organisation, event.object_id) == (
        cast.admin,
        cast.lex,
        str(member.pk),
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nueva.persona@example.test"]
    assert "Lex Test Legal Aid" in message.subject and "invitado" in message.subject.lower()
    assert "/accounts/password/reset/key/" in message.body


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"role": "superuser"}, "role"),
        ({"role": ""}, "role"),
        ({"email": "not-an-address"}, "email"),
        ({"email": "ALICIA@example.test"}, "email"),
        ({"full_name": "  "}, "full_name"),
        ({"language": "fr"}, "language"),
    ],
)
def test_bad_invitations_write_nothing(cast, django_capture_on_commit_callbacks, overrides, field):
    User.objects.filter(pk=cast.caseworker.pk).update(email="alicia@example.test")
    users, members = User.objects.count(), Membership.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        _invite(cast, **overrides)
    assert field in error.value.message_dict
    assert (User.objects.count(), Membership.objects.count()) == (users, members)
    assert _events(Code.MEMBER_INVITED) == 0 and not mail.outbox


def test_an_existing_member_of_another_organisation_cannot_be_invited(cast):
    with pytest.raises(ValidationError) as error:
        _invite(cast, email=cast.partner_caseworker.email.upper())
    assert "already has an account" in error.value.message_dict["email"][0]


@pytest.mark.parametrize("who", ["supervisor", "caseworker", "partner_supervisor", "outsider"])
def test_only_an_admin_invites(cast, who):
    with pytest.raises(Denied):
        member_invite(
            actor=getattr(cast, who), email="x@example.test", full_name="X", role="lawyer"
        )
    assert not User.objects.filter(email="x@example.test").exists()


def test_change_role_records_an_event_and_refuses_an_unknown_role(cast):
    member = member_change_role(
        actor=cast.admin, member_id=cast.lawyer.membership.pk, role="supervisor"
    )
    assert Membership.objects.get(pk=member.pk).role == Role.SUPERVISOR
    assert _events(Code.MEMBER_ROLE_CHANGED) == 1
    member_change_role(actor=cast.admin, member_id=member.pk, role="supervisor")
    assert _events(Code.MEMBER_ROLE_CHANGED) == 1  # the same role again is no change
    with pytest.raises(ValidationError) as error:
        member_change_role(actor=cast.admin, member_id=member.pk, role="king")
    assert "role" in error.value.message_dict
    assert Membership.objects.get(pk=member.pk).role == Role.SUPERVISOR


def test_the_last_admin_keeps_the_role(cast):
    with pytest.raises(ValidationError) as error:
        member_change_role(actor=cast.admin, member_id=cast.admin.membership.pk, role="supervisor")
    assert "last admin" in error.value.message_dict["role"][0]
    assert Membership.objects.get(pk=cast.admin.membership.pk).role == Role.ORG_ADMIN
    # A deactivated admin does not count as another admin.
    second = MembershipFactory(organisation=cast.lex, role=Role.ORG_ADMIN).user
    member_deactivate(actor=cast.admin, member_id=second.membership.pk)
    with pytest.raises(ValidationError):
        member_change_role(actor=cast.admin, member_id=cast.admin.membership.pk, role="supervisor")
    member_reactivate(actor=cast.admin, member_id=second.membership.pk)
    member_change_role(actor=cast.admin, member_id=cast.admin.membership.pk, role="supervisor")
    assert Membership.objects.get(pk=cast.admin.membership.pk).role == Role.SUPERVISOR


def test_an_admin_cannot_deactivate_themselves(cast):
    with pytest.raises(ValidationError) as error:
        member_deactivate(actor=cast.admin, member_id=cast.admin.membership.pk)
    assert "your own account" in error.value.message_dict["member"][0]
    assert User.objects.get(pk=cast.admin.pk).is_active
    assert _events(Code.MEMBER_DEACTIVATED) == 0


def test_the_last_admin_cannot_be_deactivated_by_another_manager(cast):
    """Only another active admin could try; if that admin is gone, the rule still holds."""
    second = MembershipFactory(organisation=cast.lex, role=Role.ORG_ADMIN).user
    member_deactivate(actor=second, member_id=cast.admin.membership.pk)
    assert not User.objects.get(pk=cast.admin.pk).is_active
    with pytest.raises(ValidationError):
        member_deactivate(actor=second, member_id=second.membership.pk)


def test_deactivate_and_reactivate_are_recorded_once_each(cast):
    pk = cast.lawyer.membership.pk
    member_deactivate(actor=cast.admin, member_id=pk)
    member_deactivate(actor=cast.admin, member_id=pk)
    member = Membership.objects.select_related("user").get(pk=pk)
    assert (member.is_active, member.user.is_active) == (False, False)
    assert _events(Code.MEMBER_DEACTIVATED) == 1
    member_reactivate(actor=cast.admin, member_id=pk)
    member_reactivate(actor=cast.admin, member_id=pk)
    member = Membership.objects.select_related("user").get(pk=pk)
    assert (member.is_active, member.user.is_active) == (True, True)
    assert _events(Code.MEMBER_REACTIVATED) == 1


def test_an_admin_of_another_organisation_finds_no_member_here(cast):
    refugio_admin = MembershipFactory(organisation=cast.refugio, role=Role.ORG_ADMIN).user
    pk = cast.lawyer.membership.pk
    for service in (member_deactivate, member_reactivate, member_reset_mfa):
        with pytest.raises(NotFound):
            service(actor=refugio_admin, member_id=pk)
    with pytest.raises(NotFound):
        member_change_role(actor=refugio_admin, member_id=pk, role="admin")
    assert User.objects.get(pk=cast.lawyer.pk).is_active


def test_reset_mfa_forces_a_new_set_up_at_the_next_page(cast, client):
    _token, secret = token_issue(user=cast.lawyer, name="court laptop")
    assert Authenticator.objects.filter(user=cast.lawyer).exists()
    member_reset_mfa(actor=cast.admin, member_id=cast.lawyer.membership.pk)
    assert not Authenticator.objects.filter(user=cast.lawyer).exists()
    assert _events(Code.MEMBER_MFA_RESET) == 1
    client.force_login(cast.lawyer)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    bearer = api_client()
    bearer.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert bearer.get("/api/v1/cases/").status_code == 403
    with pytest.raises(ValidationError) as error:
        member_reset_mfa(actor=cast.admin, member_id=cast.lawyer.membership.pk)
    assert "no second factor" in error.value.message_dict["member"][0]
    assert _events(Code.MEMBER_MFA_RESET) == 1

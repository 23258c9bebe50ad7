"""An organisation admin manages the organisation's people: invite (and invite again
someone who has not signed in yet), change role, deactivate and reactivate, reset a
second factor.

Each service takes the organisation's row lock first, so two admins acting at
once are serialised and the "at least one active admin" rule is checked on
what is committed; then it locks and re-reads the member. Nothing is ever
deleted but a second factor, which is a credential, not a record.
"""

import datetime

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.accounts import events
from amparo.accounts.access import mfa_required, perm_required
from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.roles import Perm, Role
from amparo.accounts.selectors_members import member_awaits_first_sign_in
from amparo.accounts.tasks import send_invitation
from amparo.core.exceptions import NotFound
from amparo.core.validation import Errors

FULL_NAME_MAX = User._meta.get_field("full_name").max_length or 150
# An e-mail takes a while to arrive: a second click soon after the first would only
# bury the first link under a second one (and rotate it away) before it is read.
RESEND_INTERVAL = datetime.timedelta(minutes=5)


def _lock_organisation(actor: User) -> Organisation:
    """The admin's organisation, locked; ``Denied`` unless ``actor`` manages one."""
    admin = perm_required(actor, Perm.MANAGE_ORG)
    mfa_required(actor)
    return Organisation.objects.select_for_update().get(pk=admin.organisation_id)


def _lock_member(organisation: Organisation, member_id: int) -> Membership:
    member = (
        Membership.objects.select_for_update()
        .select_related("user")
        .filter(pk=member_id, organisation=organisation)
        .first()
    )
    if member is None:
        raise NotFound
    return member


def _is_active_admin(member: Membership) -> bool:
    return member.role == Role.ORG_ADMIN and member.is_active and member.user.is_active


def _refuse_if_last_admin(member: Membership, errors: Errors, field: str) -> None:
    """The organisation always keeps one active admin, or nobody could manage it."""
    if not _is_active_admin(member):
        return
    others = (
        Membership.objects.filter(
            organisation_id=member.organisation_id,
            role=Role.ORG_ADMIN,
            is_active=True,
            user__is_active=True,
        )
        .exclude(pk=member.pk)
        .exists()
    )
    if not others:
        errors.add(
            field,
            _("%(name)s is the organisation's last admin: make someone else an admin first.")
            % {"name": member.user},
        )


def _check_role(errors: Errors, role: str) -> None:
    if role not in Role.values:
        errors.add("role", _("Choose one of the roles."))


@transaction.atomic
def member_invite(
    *, actor: User, email: str, full_name: str, role: str, language: str = ""
) -> Membership:
    """Create a member's account and membership, and e-mail them a link to set a password.

    ``actor`` must manage an organisation (``Denied`` otherwise); the member
    joins that organisation. Refused with field errors, writing nothing, for
    an invalid or already registered e-mail address, a missing name, an
    unknown role or language. The account has no usable password until the
    member sets one through the one-time link, which is sent after commit.
    """
    organisation = _lock_organisation(actor)
    email = email.strip().lower()
    full_name = full_name.strip()
    errors = Errors()
    try:
        validate_email(email)
    except ValidationError:
        errors.add("email", _("Enter a valid e-mail address."))
    else:
        if User.objects.filter(email__iexact=email).exists():
            errors.add(
                "email", _("This e-mail address already has an account: it cannot be invited.")
            )
    if not full_name:
        errors.add("full_name", _("Give the person's name."))
    elif len(full_name) > FULL_NAME_MAX:
        errors.add("full_name", _("A name can be at most %(n)s characters.") % {"n": FULL_NAME_MAX})
    _check_role(errors, role)
    if language and language not in dict(settings.LANGUAGES):
        errors.add("language", _("Choose one of the languages."))
    errors.raise_if_any()
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, full_name=full_name, language=language)
    except IntegrityError:
        # Invited by someone else a moment ago: the unique e-mail is the final word.
        errors.add("email", _("This e-mail address already has an account: it cannot be invited."))
        errors.raise_if_any()
    member = Membership.objects.create(
        user=user, organisation=organisation, role=role, invitation_sent_at=timezone.now()
    )
    events.member_invited(actor=actor, membership=member)
    transaction.on_commit(lambda: send_invitation(user.pk, actor.pk))
    return member


@transaction.atomic
def member_resend_invitation(*, actor: User, member_id: int) -> Membership:
    """E-mail a member who has not signed in yet a new link to set their password.

    The earlier links stop working (the account's unusable password is drawn
    again, and the links are bound to it), so only the latest e-mail opens the
    account. ``NotFound`` for a member of another organisation. Refused (field
    ``member``), writing and sending nothing, for a deactivated member, one who
    has signed in or set a password already (they reset it from the sign-in
    page), and when an invitation went to them less than ``RESEND_INTERVAL``
    ago. The e-mail is sent after commit; one audit event.
    """
    organisation = _lock_organisation(actor)
    member = _lock_member(organisation, member_id)
    user = User.objects.select_for_update().get(pk=member.user_id)
    member.user = user
    now = timezone.now()
    errors = Errors()
    if not (member.is_active and user.is_active):
        errors.add(
            "member",
            _("%(name)s is deactivated: reactivate them before inviting them again.")
            % {"name": user},
        )
    elif not member_awaits_first_sign_in(member):
        errors.add(
            "member",
            _(
                "%(name)s has set a password already: they can choose a new one from the "
                "sign-in page (Forgot your password?)."
            )
            % {"name": user},
        )
    elif member.invitation_sent_at and now - member.invitation_sent_at < RESEND_INTERVAL:
        minutes = int(RESEND_INTERVAL.total_seconds() // 60)
        errors.add(
            "member",
            ngettext(
                "An invitation went to %(name)s less than %(n)s minute ago: give it time to "
                "arrive, and ask them to look in their spam folder.",
                "An invitation went to %(name)s less than %(n)s minutes ago: give it time to "
                "arrive, and ask them to look in their spam folder.",
                minutes,
            )
            % {"name": user, "n": minutes},
        )
    errors.raise_if_any()
    user.set_unusable_password()
    user.save(update_fields=["password"])
    member.invitation_sent_at = now
    member.save(update_fields=["invitation_sent_at"])
    events.member_invitation_resent(actor=actor, membership=member)
    transaction.on_commit(lambda: send_invitation(user.pk, actor.pk))
    return member


@transaction.atomic
def member_change_role(*, actor: User, member_id: int, role: str) -> Membership:
    """Give a member of the admin's organisation another role.

    ``NotFound`` for a member of another organisation. Refused (field
    ``role``), writing nothing, for an unknown role or when the member is the
    organisation's last active admin. The same role again changes nothing and
    records nothing.
    """
    organisation = _lock_organisation(actor)
    member = _lock_member(organisation, member_id)
    errors = Errors()
    _check_role(errors, role)
    if role != Role.ORG_ADMIN:
        _refuse_if_last_admin(member, errors, "role")
    errors.raise_if_any()
    if member.role != role:
        member.role = role
        member.save(update_fields=["role"])
        events.member_role_changed(actor=actor, membership=member)
    return member


@transaction.atomic
def member_deactivate(*, actor: User, member_id: int) -> Membership:
    """Stop a member working here: they cannot sign in, their sessions and tokens stop.

    The account and membership are kept (audit events point at them) and can
    be reactivated. Refused for the admin themselves and for the last active
    admin. Deactivating twice records one event.
    """
    organisation = _lock_organisation(actor)
    member = _lock_member(organisation, member_id)
    errors = Errors()
    if member.user_id == actor.pk:
        errors.add("member", _("You cannot deactivate your own account."))
    else:
        _refuse_if_last_admin(member, errors, "member")
    errors.raise_if_any()
    if member.is_active or member.user.is_active:
        member.is_active = False
        member.save(update_fields=["is_active"])
        # The account's own flag is what every door checks: sign-in, the session, tokens.
        member.user.is_active = False
        member.user.save(update_fields=["is_active"])
        events.member_deactivated(actor=actor, membership=member)
    return member


@transaction.atomic
def member_reactivate(*, actor: User, member_id: int) -> Membership:
    """Let a deactivated member of the admin's organisation sign in and work again.

    Their second factor and tokens are as they were. Reactivating an active
    member changes nothing and records nothing.
    """
    organisation = _lock_organisation(actor)
    member = _lock_member(organisation, member_id)
    if not (member.is_active and member.user.is_active):
        member.is_active = True
        member.save(update_fields=["is_active"])
        member.user.is_active = True
        member.user.save(update_fields=["is_active"])
        events.member_reactivated(actor=actor, membership=member)
    return member


@transaction.atomic
def member_reset_mfa(*, actor: User, member_id: int) -> Membership:
    """Remove a member's authenticator app and recovery codes (a lost phone).

    At their next page the member must set up an authenticator app again
    before anything else (their role requires one); until then their API
    tokens are refused too. Refused (field ``member``) when the member has no
    second factor, so the admin is not told something happened that did not.
    """
    organisation = _lock_organisation(actor)
    member = _lock_member(organisation, member_id)
    factors = Authenticator.objects.filter(
        user_id=member.user_id,
        type__in=[Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES],
    )
    if not factors.filter(type=Authenticator.Type.TOTP).exists():
        errors = Errors()
        errors.add("member", _("%(name)s has no second factor to reset.") % {"name": member.user})
        errors.raise_if_any()
    factors.delete()
    events.member_mfa_reset(actor=actor, membership=member)
    return member

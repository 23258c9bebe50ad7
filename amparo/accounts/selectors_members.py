"""Reads of an organisation's people, for its admin.

Every read starts from the admin's own organisation, so another
organisation's member is never listed nor confirmed to exist.
"""

from allauth.mfa.models import Authenticator
from django.db.models import Exists, OuterRef, QuerySet

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm
from amparo.core.exceptions import NotFound


def _with_second_factor(memberships: QuerySet[Membership]) -> QuerySet[Membership]:
    totp = Authenticator.objects.filter(user=OuterRef("user"), type=Authenticator.Type.TOTP)
    return memberships.annotate(has_totp=Exists(totp))


def members_for_admin(*, user: User) -> QuerySet[Membership]:
    """The memberships of the admin's organisation, deactivated ones included, by name.

    ``Denied`` unless ``user`` manages an organisation. Each carries its user
    (one query however many) and ``has_totp``: whether the member has set up
    an authenticator app. Never a member of another organisation.
    """
    membership = perm_required(user, Perm.MANAGE_ORG)
    members = Membership.objects.filter(organisation=membership.organisation).select_related("user")
    return _with_second_factor(members).order_by("user__full_name", "user__email", "pk")


def member_get_for_admin(*, user: User, member_id: int) -> Membership:
    """One membership of the admin's organisation, or ``NotFound``.

    ``Denied`` unless ``user`` manages an organisation; a membership of another
    organisation, or an unknown id, is ``NotFound`` alike.
    """
    member = members_for_admin(user=user).filter(pk=member_id).first()
    if member is None:
        raise NotFound
    return member


def member_awaits_first_sign_in(member: Membership) -> bool:
    """Whether the member was invited and has not signed in yet: no password set, no sign-in."""
    return member.user.last_login is None and not member.user.has_usable_password()


def member_is_active(member: Membership) -> bool:
    """Whether the member may sign in and work: their account and membership are both active."""
    return member.is_active and member.user.is_active

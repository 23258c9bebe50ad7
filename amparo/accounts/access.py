"""Access checks, in one place. Each returns or raises; none decides silently.

They raise the two access errors of ``amparo.core.exceptions`` and nothing
else: ``Denied`` (403) for what the user knows of but may not do. A record of
another organisation, or one the user may not open, is ``NotFound`` (404),
raised by the ``*_get_for_user`` selectors, so its existence is never
confirmed. Services, selectors and the view decorators all check through
these helpers, so a rule is written once.
"""

from collections.abc import Sequence

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import MFA_REQUIRED_ROLES, Perm
from amparo.core.exceptions import Denied


def membership_required(user: User) -> Membership:
    """The user's active membership, or ``Denied``: only members of an organisation work here."""
    membership = user.active_membership if user.is_authenticated else None
    if membership is None:
        raise Denied
    return membership


def perm_required(user: User, perm: Perm) -> Membership:
    """The member's membership if their role grants ``perm``; ``Denied`` otherwise."""
    return any_perm_required(user, perm)


def any_perm_required(user: User, *perms: Perm) -> Membership:
    """The member's membership if their role grants any of ``perms``; ``Denied`` otherwise."""
    membership = membership_required(user)
    if not any(user.has_amparo_perm(perm) for perm in perms):
        raise Denied
    return membership


def declared_perms_required(user: User, perms: Sequence[Perm]) -> Membership:
    """What a page or an API view declares it needs (``required_perms``), enforced.

    Any one of ``perms`` lets the member through; no perms at all means any
    member of an organisation. ``Denied`` otherwise. Pages (the decorators in
    ``amparo.accounts.decorators``) and the API (``DeclaredPerms``) both ask this.
    """
    return any_perm_required(user, *perms) if perms else membership_required(user)


def mfa_satisfied(user: User) -> bool:
    """Whether ``user`` meets the second-factor rule, however they authenticated.

    The one rule for every way in: the page middleware, every API request
    (session, token or any authentication added later) and token issuing all
    ask this. With AMPARO_REQUIRE_MFA, a member whose role is in
    MFA_REQUIRED_ROLES must have an active second factor; anyone else (an
    anonymous visitor, a user without a role that needs it) meets the rule,
    and their access is decided by the usual checks.
    """
    if not settings.AMPARO_REQUIRE_MFA or not user.is_authenticated:
        return True
    membership = user.active_membership
    if membership is None or membership.role not in MFA_REQUIRED_ROLES:
        return True
    return is_mfa_enabled(user)


def mfa_required(user: User) -> None:
    """Raise ``Denied``, saying what to do, unless ``user`` meets the MFA rule."""
    if not mfa_satisfied(user):
        raise Denied(mfa_missing_message())


def mfa_missing_message() -> str:
    """What a user who must have a second factor, and has none, is told to do."""
    return _("Set up two-factor authentication (an authenticator app) first.")

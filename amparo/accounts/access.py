"""Access checks, in one place. Each returns or raises; none decides silently.

A record of another organisation, or one the user may not open, raises
Http404 — pages and API alike — so its existence is never confirmed.
"""

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import MFA_REQUIRED_ROLES, Perm


def membership_required(user: User) -> Membership:
    membership = user.active_membership if user.is_authenticated else None
    if membership is None:
        raise PermissionDenied
    return membership


def perm_required(user: User, perm: Perm) -> Membership:
    membership = membership_required(user)
    if not user.has_amparo_perm(perm):
        raise PermissionDenied
    return membership


def any_perm_required(user: User, *perms: Perm) -> Membership:
    membership = membership_required(user)
    if not any(user.has_amparo_perm(perm) for perm in perms):
        raise PermissionDenied
    return membership


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
    """Raise PermissionDenied, saying what to do, unless ``user`` meets the MFA rule."""
    if not mfa_satisfied(user):
        raise PermissionDenied(mfa_missing_message())


def mfa_missing_message() -> str:
    return _("Set up two-factor authentication (an authenticator app) first.")

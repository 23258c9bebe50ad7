"""Access checks, in one place. Each returns or raises; none decides silently.

A record of another organisation, or one the user may not open, raises
Http404 — pages and API alike — so its existence is never confirmed.
"""

from django.core.exceptions import PermissionDenied

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm


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

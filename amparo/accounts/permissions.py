"""The API's own access rules, after DRF has authenticated the request.

Both hold on every API view (``AMPARO_API_REQUIRED_PERMISSIONS``): the
second-factor rule, and the permission the view declares.

Imports nothing of ``rest_framework.views``: DRF loads this module from its
settings while that module is still loading.
"""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from amparo.accounts.access import declared_perms_required, mfa_missing_message, mfa_satisfied
from amparo.core.exceptions import Denied, NotFound


class MfaSatisfied(BasePermission):
    """Refuse (403) a user who must have a second factor and has none.

    Checked on the user DRF authenticated, whichever authentication class did
    it, so a personal token is held to the same rule as a session.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        self.message = mfa_missing_message()
        return mfa_satisfied(request.user)


class DeclaredPerms(BasePermission):
    """Refuse (403) a user without the permission the view declares (``required_perms``).

    The API's side of "each view declares the permission it needs": the same
    attribute and the same check (``declared_perms_required``) as a page's
    ``perm_required_view``. A view that declares nothing (``None``) is left to
    its selectors and services. A view with ``refused_as_not_found`` (one
    record's view) answers 404 instead, as a page's ``record=True`` does.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        perms = getattr(view, "required_perms", None)
        if perms is None or not request.user.is_authenticated:
            # Signed out: IsAuthenticated answers (401), not this rule.
            return True
        try:
            declared_perms_required(request.user, perms)
        except Denied:
            if getattr(view, "refused_as_not_found", False):
                raise NotFound from None
            raise
        return True

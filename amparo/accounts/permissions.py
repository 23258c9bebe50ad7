"""The second-factor rule for the API, after DRF has authenticated the request.

Imports nothing of ``rest_framework.views``: DRF loads this module from its
settings while that module is still loading.
"""

from typing import Any

from rest_framework.permissions import BasePermission
from rest_framework.request import Request

from amparo.accounts.access import mfa_missing_message, mfa_satisfied


class MfaSatisfied(BasePermission):
    """Refuse (403) a user who must have a second factor and has none.

    Checked on the user DRF authenticated, whichever authentication class did
    it, so a personal token is held to the same rule as a session.
    """

    def has_permission(self, request: Request, view: Any) -> bool:
        self.message = mfa_missing_message()
        return mfa_satisfied(request.user)

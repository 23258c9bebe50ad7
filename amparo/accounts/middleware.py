from collections.abc import Callable

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from amparo.accounts.roles import MFA_REQUIRED_ROLES

# Paths a user without a second factor may still reach: setting one up,
# signing out, the language switch and static files.
_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/")


class RequireMfaMiddleware:
    """Send users whose role sees identities to set up TOTP before anything else."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.AMPARO_REQUIRE_MFA and self._needs_mfa(request):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    '{"detail": "Set up two-factor authentication before using the API."}',
                    status=403,
                    content_type="application/json",
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _needs_mfa(request: HttpRequest) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        membership = user.active_membership
        if membership is None or membership.role not in MFA_REQUIRED_ROLES:
            return False
        return not is_mfa_enabled(user)

import json
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from amparo.accounts.access import mfa_missing_message, mfa_satisfied

# Paths a user without a second factor may still reach: setting one up,
# signing out, the language switch and static files.
_ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/")


class RequireMfaMiddleware:
    """Send signed-in users who must have a second factor, and have none, to set up TOTP.

    This door sees only the session user. The API checks the same rule
    (``mfa_satisfied``) after DRF has authenticated the request, so a token
    or any later authentication method meets it too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(_ALLOWED_PREFIXES) and not mfa_satisfied(request.user):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    json.dumps({"detail": mfa_missing_message()}),
                    status=403,
                    content_type="application/json",
                )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

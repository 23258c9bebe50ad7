import json
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from amparo.accounts.access import mfa_missing_message, mfa_satisfied
from amparo.accounts.services import user_language_set

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


class UserLanguageMiddleware:
    """Keep the language on the user, not only in a cookie.

    When a signed-in user switches language (the header's form posts to
    Django's ``set_language``) the choice is saved on the user; when a user
    signs in, on any device, the language cookie is set to the saved one, so
    the next page is in it. It sits after the authentication middleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        signed_in_as = _session_user_id(request)
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return response
        if request.method == "POST" and request.path == reverse("set_language"):
            if response.status_code in (302, 204):  # Django accepted the language
                user_language_set(user=user, language=request.POST.get("language", ""))
        elif _session_user_id(request) != signed_in_as and user.language:
            _set_language_cookie(response, user.language)
        return response


def _session_user_id(request: HttpRequest) -> str | None:
    session = getattr(request, "session", None)
    return session.get(SESSION_KEY) if session is not None else None


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )

"""Error answers outside DRF's own handling: JSON under /api/, pages for people.

DRF shapes the errors its views raise (``amparo.core.api.exception_handler``).
What happens before a view is found (an unknown URL, a non-numeric id), in a
middleware (the session or the user cannot be loaded) or past DRF's handler
(an unexpected error) comes here, and answers in the same shapes:
``{"detail": "..."}``, and field errors as ``{"field": ["message"]}``.

When the database cannot be reached every request fails the same way; that is
a 503 with ``Retry-After``, not a 500, and its page needs no database: it is
rendered without a request context (no user, no session, no context processor
that would query).
"""

import logging
import sys
from collections.abc import Callable

from django.db.utils import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext as _
from django.views import csrf, defaults

logger = logging.getLogger("amparo.errors")

API_PREFIX = "/api/"
# Seconds a client should wait before trying again while the database is away.
RETRY_AFTER_SECONDS = 30
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def is_api(request: HttpRequest) -> bool:
    return request.path_info.startswith(API_PREFIX)


def api_error(detail: str, status: int) -> JsonResponse:
    response = JsonResponse({"detail": detail}, status=status)
    # Errors carry no survivor data, but an API answer is never cached (as ApiView).
    response["Cache-Control"] = "private, no-store"
    return response


def database_unavailable(request: HttpRequest, exc: BaseException) -> HttpResponse:
    """503 with Retry-After: JSON for the API, a page that needs no database for people."""
    # The class only: a driver's message may quote the failed statement or its parameters.
    # Once a request: the session middleware meets the same failure again on the way out.
    if not getattr(request, "_database_unavailable", False):
        request._database_unavailable = True  # type: ignore[attr-defined]  # a mark on this request only
        logger.error("Database unavailable (%s); answered 503.", type(exc).__name__)
    return service_unavailable(request, retry_after=RETRY_AFTER_SECONDS)


def service_unavailable(
    request: HttpRequest, *, retry_after: int, busy: bool = False
) -> HttpResponse:
    """The one 503: JSON under /api/, else a page that needs neither database nor session.

    ``busy`` says the server refused the request for overload (``amparo.core.overload``)
    rather than for a database it cannot reach.
    """
    if is_api(request):
        response: HttpResponse = api_error(
            _("The service is briefly unavailable. Please try again shortly."), 503
        )
    else:
        page = loader.get_template("503.html").render({"busy": busy})
        response = HttpResponse(page, status=503)
        response["Cache-Control"] = "no-store"
    response["Retry-After"] = str(retry_after)
    return response


class DatabaseUnavailableMiddleware:
    """A view that cannot reach the database answers 503, not 500.

    Errors raised by a middleware never reach ``process_exception``; Django
    hands them to ``handler500``, which makes the same answer.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, DATABASE_UNAVAILABLE):
            return database_unavailable(request, exception)
        return None


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return JsonResponse(
            {"non_field_errors": [_("The request could not be understood.")]}, status=400
        )
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api(request):
        return api_error(_("You may not do this."), 403)
    return defaults.permission_denied(request, exception)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """An unknown URL, or an id that is not a number: the API's 404, or the page."""
    if is_api(request):
        return api_error(_("Not found."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """500 without a traceback or anything from the request; 503 if the database is away."""
    exc = sys.exception()
    if isinstance(exc, DATABASE_UNAVAILABLE):
        return database_unavailable(request, exc)
    if is_api(request):
        return api_error(_("Something went wrong. Please try again in a moment."), 500)
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    if is_api(request):
        return api_error(
            _("The security check (CSRF) failed: reload the page, or use an API token."), 403
        )
    return csrf.csrf_failure(request, reason=reason)

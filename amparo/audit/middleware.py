from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from amparo.audit.context import RequestOrigin, reset_origin, set_origin
from amparo.core.client import client_address


class AuditContextMiddleware:
    """Make the request's IP and user agent available to audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # Behind proxies, the address they saw (AMPARO_TRUSTED_PROXIES), as the
        # sign-in throttle counts it; never a forwarded value the client wrote.
        token = set_origin(
            RequestOrigin(
                ip=client_address(request.META),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            )
        )
        try:
            return self.get_response(request)
        finally:
            reset_origin(token)

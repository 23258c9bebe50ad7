from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from amparo.audit.context import RequestOrigin, reset_origin, set_origin


class AuditContextMiddleware:
    """Make the request's IP and user agent available to audit events."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # REMOTE_ADDR is the proxy's address behind a load balancer; the
        # deployment sets it from X-Forwarded-For at the proxy (README).
        token = set_origin(
            RequestOrigin(
                ip=request.META.get("REMOTE_ADDR") or None,
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            )
        )
        try:
            return self.get_response(request)
        finally:
            reset_origin(token)

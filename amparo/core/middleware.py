import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

# When the session's expiry was last pushed forward (seconds since the epoch).
SESSION_REFRESHED_KEY = "amparo.session_refreshed"


class PermissionsPolicyMiddleware:
    """Send AMPARO_PERMISSIONS_POLICY as the Permissions-Policy header of every response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.AMPARO_PERMISSIONS_POLICY)
        return response


def stamp_session_refreshed(*, request: HttpRequest, **kwargs: object) -> None:
    """At sign-in (``user_logged_in``): the session about to be saved starts its idle timeout now."""
    session = getattr(request, "session", None)
    if session is not None:
        session[SESSION_REFRESHED_KEY] = int(time.time())


class IdleSessionMiddleware:
    """Slide the session's idle timeout forward at most once a ``SESSION_REFRESH_SECONDS``.

    Saving the session on every request (``SESSION_SAVE_EVERY_REQUEST``) made
    every page read an UPDATE and a COMMIT. Here a read leaves the session
    alone unless its expiry was last pushed forward longer ago than the
    refresh interval; then it is saved once, and its store (the database
    table, or the cache) expires it ``SESSION_COOKIE_AGE`` seconds later. So
    a session still ends after ``SESSION_IDLE_SECONDS`` without activity, at
    most the refresh interval earlier. A session that changed is saved
    anyway, and its stamp with it. It sits just after ``SessionMiddleware``.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # A request that never looked at its session (static files, /healthz) leaves it be.
        if session is None or not session.accessed or session.is_empty():
            return response
        now = int(time.time())
        refreshed = session.get(SESSION_REFRESHED_KEY)
        stale = not isinstance(refreshed, int) or not (
            0 <= now - refreshed < settings.SESSION_REFRESH_SECONDS
        )
        if stale or session.modified:
            session[SESSION_REFRESHED_KEY] = now
        return response

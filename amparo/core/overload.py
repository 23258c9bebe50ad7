"""Beyond capacity, refuse quickly with 503 and Retry-After instead of letting every request time out.

Two limits, both off when set to 0, both answered by ``service_unavailable``
(``amparo.core.errors``) with ``AMPARO_OVERLOAD_RETRY_AFTER``:

- **Queue time** (``AMPARO_MAX_QUEUE_SECONDS``): the proxy in front stamps each
  request with ``X-Request-Start`` (nginx: ``proxy_set_header X-Request-Start
  "t=${msec}";``). A request that waited longer than the limit for a free
  worker is refused before any work: its user has likely given up, and
  serving it would only make the requests behind it wait longer. A forged
  stamp can only get its own request refused. Without the header, no limit.
- **Concurrency** (``AMPARO_MAX_CONCURRENT_REQUESTS``): at most this many
  requests are handled at once in one process; one more waits up to
  ``AMPARO_CONCURRENCY_WAIT_SECONDS`` for a free place, then is refused. It
  keeps a process with many threads (for slow phone connections) from sending
  more queries at once than the database can answer.

The load balancer's health check (``/healthz``) is never refused: a busy
server is alive, and taking it out of rotation would only push its load onto
the others.
"""

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from amparo.core.errors import service_unavailable

logger = logging.getLogger("amparo.overload")

HEALTH_PATH = "/healthz"
_MICROSECONDS = 1e14  # a stamp above this is in microseconds (Apache: t=%D)
_MILLISECONDS = 1e11  # above this, milliseconds (Heroku); else seconds (nginx: t=${msec})


def queued_seconds(header: str, *, now: float) -> float | None:
    """How long the request waited since the proxy's ``X-Request-Start`` stamp; None if unreadable."""
    raw = header.strip().removeprefix("t=")
    try:
        stamp = float(raw)
    except ValueError:
        return None
    if stamp > _MICROSECONDS:
        stamp /= 1e6
    elif stamp > _MILLISECONDS:
        stamp /= 1e3
    return now - stamp


class OverloadMiddleware:
    """Refuse, with 503 and Retry-After, what cannot be served in time (see the module)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.max_queue = settings.AMPARO_MAX_QUEUE_SECONDS
        limit = settings.AMPARO_MAX_CONCURRENT_REQUESTS
        self.places = threading.BoundedSemaphore(limit) if limit else None
        self.wait = settings.AMPARO_CONCURRENCY_WAIT_SECONDS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info == HEALTH_PATH:
            return self.get_response(request)
        if self.max_queue:
            queued = queued_seconds(request.META.get("HTTP_X_REQUEST_START", ""), now=time.time())
            if queued is not None and queued > self.max_queue:
                return self._refuse(request, f"queued {queued:.1f}s")
        if self.places is None:
            return self.get_response(request)
        if not self.places.acquire(timeout=self.wait):
            return self._refuse(request, "every place taken")
        try:
            return self.get_response(request)
        finally:
            self.places.release()

    def _refuse(self, request: HttpRequest, why: str) -> HttpResponse:
        # The method and reason only: a path can hold an id, a query string anything.
        logger.warning("Overloaded (%s); %s refused with 503.", why, request.method)
        return service_unavailable(
            request, retry_after=settings.AMPARO_OVERLOAD_RETRY_AFTER, busy=True
        )

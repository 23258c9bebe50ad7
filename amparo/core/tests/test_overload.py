"""Beyond capacity: a quick 503 with Retry-After (``amparo.core.overload``), never for /healthz."""

import threading
import time

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from amparo.core.overload import OverloadMiddleware, queued_seconds

NOW = 1_767_000_000.0


@pytest.mark.parametrize(
    "header", ["t=1766999990.000", "1766999990", "t=1766999990000", "t=1766999990000000"]
)
def test_the_stamp_is_read_in_seconds_milliseconds_or_microseconds(header):
    assert queued_seconds(header, now=NOW) == pytest.approx(10.0)


def test_an_unreadable_stamp_is_no_stamp():
    assert queued_seconds("t=yesterday", now=NOW) is None


def _middleware(settings, view=None, **limits):
    for name, value in limits.items():
        setattr(settings, name, value)
    return OverloadMiddleware(view or (lambda request: HttpResponse("served")))


def _stamped(path: str, waited: float, **extra):
    stamp = f"t={time.time() - waited:.3f}"
    return RequestFactory().get(path, HTTP_X_REQUEST_START=stamp, **extra)


def test_a_request_that_waited_too_long_is_refused_before_any_work(settings, caplog):
    served = []
    middleware = _middleware(
        settings,
        lambda request: served.append(request) or HttpResponse(),
        AMPARO_MAX_QUEUE_SECONDS=10,
        AMPARO_OVERLOAD_RETRY_AFTER=7,
    )
    response = middleware(_stamped("/cases/", waited=12))
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert "very busy" in response.content.decode()
    assert served == []
    assert "/cases/" not in caplog.text and "Overloaded" in caplog.text
    api = middleware(_stamped("/api/v1/cases/", waited=12))
    assert api.status_code == 503 and b"detail" in api.content
    assert middleware(_stamped("/cases/", waited=2)).status_code == 200
    assert middleware(RequestFactory().get("/cases/")).status_code == 200  # no stamp
    assert middleware(_stamped("/healthz", waited=60)).status_code == 200


def test_no_queue_limit_when_it_is_off(settings):
    middleware = _middleware(settings, AMPARO_MAX_QUEUE_SECONDS=0)
    assert middleware(_stamped("/cases/", waited=600)).status_code == 200


def test_one_request_more_than_the_concurrency_limit_is_refused(settings):
    inside = threading.Event()
    leave = threading.Event()

    def slow(request):
        inside.set()
        leave.wait(5)
        return HttpResponse("served")

    middleware = _middleware(
        settings,
        slow,
        AMPARO_MAX_CONCURRENT_REQUESTS=1,
        AMPARO_CONCURRENCY_WAIT_SECONDS=0,
        AMPARO_MAX_QUEUE_SECONDS=0,
    )
    answers = []
    first = threading.Thread(target=lambda: answers.append(middleware(RequestFactory().get("/"))))
    first.start()
    assert inside.wait(5)
    refused = middleware(RequestFactory().get("/cases/"))
    assert refused.status_code == 503 and refused["Retry-After"]
    assert middleware(RequestFactory().get("/healthz")).status_code == 200
    leave.set()
    first.join(5)
    assert answers[0].status_code == 200
    inside.clear()
    leave.set()
    assert middleware(RequestFactory().get("/cases/")).status_code == 200  # the place is free again

"""Where the current request comes from, for audit events written by services."""

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip: str | None = None
    user_agent: str = ""


_origin: ContextVar[RequestOrigin] = ContextVar("amparo_request_origin", default=RequestOrigin())  # noqa: B039 - frozen


def current_origin() -> RequestOrigin:
    return _origin.get()


def set_origin(origin: RequestOrigin):  # type: ignore[no-untyped-def]
    return _origin.set(origin)


def reset_origin(token) -> None:  # type: ignore[no-untyped-def]
    _origin.reset(token)

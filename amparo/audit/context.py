"""Where the current request comes from, for audit events written by services."""

from contextvars import ContextVar, Token
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestOrigin:
    ip: str | None = None
    user_agent: str = ""


_origin: ContextVar[RequestOrigin] = ContextVar("amparo_request_origin", default=RequestOrigin())  # noqa: B039 - frozen


def current_origin() -> RequestOrigin:
    """The origin of the request being served; an empty one outside a request."""
    return _origin.get()


def set_origin(origin: RequestOrigin) -> Token[RequestOrigin]:
    """Make ``origin`` current; hand the token back to ``reset_origin`` when the request ends."""
    return _origin.set(origin)


def reset_origin(token: Token[RequestOrigin]) -> None:
    _origin.reset(token)

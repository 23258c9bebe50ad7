"""Shared API plumbing: pagination, error shape, concurrency headers.

Error bodies have one shape everywhere. Field errors are a flat object of
dotted paths to lists of messages, the same keys the services use::

    {"incident.occurred_on": ["This date is in the future."],
     "consents.0.valid_until": ["This consent has already expired: ..."]}

Everything else (401, 403, 404, 409, 413, 415, 428) is ``{"detail": "..."}``.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.urls import register_converter
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from amparo.core.concurrency import ConflictError, StaleVersionError
from amparo.core.pagination import CappedPaginator

if TYPE_CHECKING:
    # A message is a string or a lazy translation; the alias exists for the type checker only.
    from django_stubs_ext import StrOrPromise


class IdConverter:
    """Record ids in URLs: digits, bounded so a huge number is a 404, not a database error."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")


class Pagination(PageNumberPagination):
    """Pages of a list, counted no further than ``CappedPaginator`` counts.

    ``count`` is the total up to 10000; past that it is a lower bound and
    ``count_is_exact`` is false. There is no ``page=last``: the last page is not
    known without counting everything.
    """

    django_paginator_class = CappedPaginator
    last_page_strings = ()
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_paginated_response(self, data: Any) -> Response:
        assert self.page is not None  # paginate_queryset came first
        paginator = self.page.paginator
        assert isinstance(paginator, CappedPaginator)  # django_paginator_class
        return Response(
            {
                "count": paginator.count,
                "count_is_exact": not paginator.count_is_capped,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stale_version"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = _(
        "Send the version you last read, as an If-Match header or a 'version' field, "
        "so that a change someone else made meanwhile is not overwritten."
    )
    default_code = "version_required"


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = _("The request body is too large.")
    default_code = "payload_too_large"


def body_error(message: "StrOrPromise") -> exceptions.ValidationError:
    """A 400 about the body as a whole, in the field-error shape (``non_field_errors``)."""
    return exceptions.ValidationError({"non_field_errors": [message]})


_ETAG = re.compile(r'^(?:W/)?"?(\d{1,9})"?$')


def expected_version(request: Request, body_version: int | None) -> int:
    """The version the client last read, from If-Match or the body's ``version``.

    Missing → 428; malformed or contradictory → 400. A stale one is caught by
    the service (``StaleVersionError`` → 409).
    """
    header = request.headers.get("If-Match", "").strip()
    header_version = None
    if header:
        match = _ETAG.match(header)
        if match is None:
            raise exceptions.ValidationError(
                {"version": [_('If-Match must be a version as sent in the ETag, e.g. "3".')]}
            )
        header_version = int(match.group(1))
    if header_version is not None and body_version is not None and header_version != body_version:
        raise exceptions.ValidationError(
            {"version": [_("The If-Match header and the version in the body disagree.")]}
        )
    version = header_version if header_version is not None else body_version
    if version is None:
        raise PreconditionRequired
    return version


def with_etag(response: Response, version: int) -> Response:
    response["ETag"] = f'"{version}"'
    return response


@contextmanager
def error_keys(**renames: str) -> Iterator[None]:
    """Rename a service's error keys to the API's field names (``closure_reason`` → ``reason``)."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        raise DjangoValidationError(
            {renames.get(key, key): value for key, value in exc.error_dict.items()}
        ) from exc


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Nested serializer errors → ``{"dotted.path": [messages]}``.

    A nested serializer's own ``non_field_errors`` (e.g. "expected an object")
    belong to the field that holds it, so they take the parent's key.
    """
    flat: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            if key in (NON_FIELD_ERRORS, "non_field_errors"):
                name = prefix.rstrip(".") or "non_field_errors"
            else:
                name = f"{prefix}{key}"
            for sub_key, messages in flatten_errors(value, name + ".").items():
                flat.setdefault(sub_key, []).extend(messages)
    elif isinstance(detail, list) and all(isinstance(item, str) for item in detail):
        flat[prefix.rstrip(".") or "non_field_errors"] = [str(item) for item in detail]
    elif isinstance(detail, list):
        for index, item in enumerate(detail):
            if item:
                flat.update(flatten_errors(item, f"{prefix}{index}."))
    else:
        flat[prefix.rstrip(".") or "non_field_errors"] = [str(detail)]
    return flat


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn service errors into field-level JSON errors; never a 500 for bad input."""
    if isinstance(exc, StaleVersionError):
        stale = Response(
            {"detail": str(exc), "current_version": exc.current_version},
            status=status.HTTP_409_CONFLICT,
        )
        stale["ETag"] = f'"{exc.current_version}"'
        return stale
    if isinstance(exc, ConflictError):
        # Someone else's request made the change first: the state conflicts, not the input.
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = {k: [str(m) for m in v] for k, v in exc.message_dict.items()}
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, ObjectDoesNotExist):
        # A service looked up a child id (consent, incident) inside a case the
        # user may open; an unknown id is simply not found.
        exc = exceptions.NotFound()
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, exceptions.ValidationError):
        response.data = flatten_errors(exc.detail)
    return response

"""Shared API plumbing: pagination, error shape, concurrency headers."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from amparo.core.concurrency import StaleVersionError


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "stale_version"


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn service errors into field-level JSON errors; never a 500 for bad input."""
    if isinstance(exc, StaleVersionError):
        response = Response(
            {"detail": str(exc), "current_version": exc.current_version},
            status=status.HTTP_409_CONFLICT,
        )
        response["ETag"] = f'"{exc.current_version}"'
        return response
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            detail: Any = {k: [str(m) for m in v.messages] for k, v in exc.message_dict.items()}
        else:
            detail = {"non_field_errors": exc.messages}
        exc = exceptions.ValidationError(detail)
    return drf_exception_handler(exc, context)

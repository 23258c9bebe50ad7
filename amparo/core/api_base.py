"""The base of every API view, and what the schema needs to describe them.

Kept apart from ``amparo.core.api``, which DRF's settings import while
``rest_framework.generics`` is still loading: drf-spectacular's AutoSchema
imports that module too.
"""

import datetime
import io
from collections.abc import Callable, Mapping, Sequence
from typing import IO, TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import get_doc
from drf_spectacular.utils import Direction, OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from amparo.core.api import Pagination, PayloadTooLarge, body_error

if TYPE_CHECKING:
    # The protocol DRF's stubs give permissions; it exists for the type checker only.
    from rest_framework.permissions import _SupportsHasPermission


class BoundedJSONParser(JSONParser):
    """A JSON object, refused past DATA_UPLOAD_MAX_MEMORY_SIZE.

    DRF reads the raw stream and so skips Django's own size check; this reads
    at most one byte over the limit, whatever Content-Length claims. Every
    operation takes an object: malformed JSON, or an array, string or number,
    is a 400 in the field-error shape, before any view looks at it.
    """

    def parse(
        self,
        stream: IO[Any] | None,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> dict[str, Any]:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge
        try:
            data = super().parse(io.BytesIO(raw), media_type, parser_context)
        except exceptions.ParseError:
            raise body_error(_("The request body is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise body_error(_("The request body must be a JSON object."))
        return data


# The error bodies ``amparo.core.api`` and ``amparo.core.errors`` answer with.
ERROR = inline_serializer(name="Error", fields={"detail": serializers.CharField()})
FIELD_ERRORS = {
    "type": "object",
    "description": (
        "Dotted field names, each with its messages; errors about the body as a whole "
        "(not JSON, not an object) are under non_field_errors."
    ),
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"opened_on": ["This date is in the future."]},
}
STALE_VERSION = inline_serializer(
    name="StaleVersion",
    fields={
        "detail": serializers.CharField(),
        "current_version": serializers.IntegerField(help_text="Also sent as the ETag."),
    },
)
_WRITES = ("POST", "PUT", "PATCH")


class AutoSchema(openapi.AutoSchema):
    """Name nested Input/Output serializers after their view: ``CaseListApi.OutputSerializer``
    becomes the component ``CaseListOutput`` instead of colliding as ``Output``.

    Every operation also documents the errors any request may get (401, 403, 429,
    503), and those its shape allows: 400 when it takes a body, 404 with an id in
    the path, 409 when it takes a version. Once here, so no view can forget one.
    """

    def _get_response_bodies(self, direction: Direction = "response") -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code, (body, description) in self._error_responses(responses).items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(body, description=description), code, direction=direction
                )
        for code, response in responses.items():
            if code[0] in "45" and "content" not in response:
                # Declared by the view with a description only: give it the body it has.
                body = {"400": FIELD_ERRORS, "409": STALE_VERSION}.get(code, ERROR)
                filled = self._get_response_for_code(body, code, direction=direction)
                response["content"] = filled["content"]
        return responses

    def _error_responses(self, declared: dict) -> dict[str, tuple[Any, str]]:
        errors: dict[str, tuple[Any, str]] = {}
        if self.method in _WRITES or "400" in declared:
            errors["400"] = (FIELD_ERRORS, "Field errors; nothing was written")
        errors["401"] = (ERROR, "Not signed in")
        errors["403"] = (ERROR, "The role may not do this, or the CSRF check failed")
        if "{" in self.path:
            errors["404"] = (ERROR, "Not found, or not yours to see")
        if "409" in declared or "428" in declared or self._takes_version():
            errors["409"] = (STALE_VERSION, "Stale version: nothing was written")
        errors["429"] = (ERROR, "Too many requests: wait the seconds in Retry-After")
        errors["503"] = (ERROR, "Briefly unavailable: retry after the seconds in Retry-After")
        return errors

    def _takes_version(self) -> bool:
        if self.method not in _WRITES:
            return False
        serializer = self.get_request_serializer()
        if isinstance(serializer, type):
            serializer = serializer()
        return "version" in getattr(serializer, "fields", {})

    def get_serializer_name(self, serializer: serializers.Serializer, direction: Direction) -> str:
        outer, _dot, inner = type(serializer).__qualname__.rpartition(".")
        if outer:
            return outer.removesuffix("Api") + inner
        return super().get_serializer_name(serializer, direction)

    def get_description(self) -> str:  # type: ignore[override]  # drf-spectacular drops DRF's (path, method)
        # inspect.getdoc falls back to a base class's docstring, so every operation
        # without its own would be described by ``ApiView``'s. Only the view's own counts.
        if "__doc__" not in vars(type(self.view)) or not type(self.view).__doc__:
            action = getattr(self.view, getattr(self.view, "action", self.method.lower()), None)
            return get_doc(action) if action is not None else ""
        return super().get_description()


class ApiView(APIView):
    """Base of every Amparo API view: JSON only, bounded bodies, never cached.

    Responses carry survivor data, so no browser or proxy may keep a copy.
    The permissions in AMPARO_API_REQUIRED_PERMISSIONS (the second-factor rule
    and the declared permission, filled in by accounts) hold on every view,
    even one that sets its own ``permission_classes``.

    Each view declares the permission it needs as ``required_perms``, as a
    page does with ``perm_required_view``: any one of them lets a member
    through (403 otherwise, before the handler runs); ``()`` means any member
    of an organisation. ``None`` (the default) declares nothing.
    """

    parser_classes = [BoundedJSONParser]
    schema = AutoSchema()
    # Perm values (core sits below accounts, which defines the Perm vocabulary).
    required_perms: tuple[str, ...] | None = None
    # A view on one record answers a role that may not use it 404, not 403, as
    # a page with ``perm_required_view(..., record=True)`` does: the record's
    # existence is never confirmed to someone who could not open it.
    refused_as_not_found: bool = False

    def get_permissions(self) -> Sequence["_SupportsHasPermission"]:
        permissions = super().get_permissions()
        present = {type(permission) for permission in permissions}
        required = [import_string(path) for path in settings.AMPARO_API_REQUIRED_PERMISSIONS]
        return [*permissions, *(cls() for cls in required if cls not in present)]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "private, no-store"
        return response


def by_method(**operations: type[APIView]) -> Callable[..., HttpResponse]:
    """One URL served by one view per operation: ``by_method(GET=CaseListApi, POST=...)``.

    Each request goes to its operation's own view (own serializers, own
    checks). The schema generator is shown a class combining their handlers;
    every handler carries its own ``extend_schema``, so nothing is shared.
    """
    views = {method.upper(): view.as_view() for method, view in operations.items()}
    first = next(iter(views.values()))

    def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        method = "GET" if request.method == "HEAD" else request.method
        # An unknown method reaches a view that does not handle it: a plain 405.
        return views.get(method or "", first)(request, *args, **kwargs)

    name = "".join(view_class.__name__ for view_class in operations.values())
    # What DRF's schema generator and the route registry read off an APIView's view.
    view.cls = type(name, tuple(operations.values()), {})  # type: ignore[attr-defined]  # see above
    view.initkwargs = {}  # type: ignore[attr-defined]  # see above
    # Each operation's own view, so the route registry reads what each declares.
    view.operations = {method.upper(): cls for method, cls in operations.items()}  # type: ignore[attr-defined]  # see above
    # CSRF is DRF's to check (session users only), as for any APIView.
    return csrf_exempt(view)


class DateTimeInputField(serializers.DateTimeField):
    """A datetime in a request body. One without an offset near year 9999 overflows
    when DRF makes it local (a 500 before); here that is the field's own error."""

    def enforce_timezone(self, value: datetime.datetime) -> datetime.datetime:
        try:
            return super().enforce_timezone(value)
        except OverflowError:
            self.fail("overflow")


class VocabField(serializers.CharField):
    """A vocabulary value. Shape only: the service decides whether the value is known,
    so the schema lists the values but the error comes from one place."""

    def __init__(self, *, vocab: type[models.TextChoices], **kwargs: Any) -> None:
        self.vocab = vocab
        kwargs.setdefault("max_length", 40)
        super().__init__(**kwargs)


class VocabFieldScheme(OpenApiSerializerFieldExtension):
    target_class = VocabField

    def map_serializer_field(
        self, auto_schema: openapi.AutoSchema, direction: Direction
    ) -> dict[str, Any]:
        # Described exactly as a ChoiceField of the same vocabulary, so a field
        # read from a model and one written through the API share one enum.
        as_choice = serializers.ChoiceField(
            choices=self.target.vocab.choices, allow_blank=self.target.allow_blank
        )
        return auto_schema._map_serializer_field(as_choice, direction)


def paginated_response(
    *, request: Request, view: APIView, queryset: Any, serializer_class: type
) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(queryset, request, view=view)
    return paginator.get_paginated_response(serializer_class(page, many=True).data)


def paginated_schema(serializer_class: type, *, name: str) -> serializers.Serializer:
    return inline_serializer(
        name=name,
        fields={
            "count": serializers.IntegerField(
                help_text="How many there are, up to 10000; a lower bound when not exact."
            ),
            "count_is_exact": serializers.BooleanField(
                help_text="False when there are more than ``count`` (counting stopped there)."
            ),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": serializer_class(many=True),
        },
    )


PAGE_PARAMETERS = [
    OpenApiParameter("page", int, description="Page number, from 1."),
    OpenApiParameter("page_size", int, description="Items per page (at most 200)."),
]

IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    location=OpenApiParameter.HEADER,
    description=(
        'The version last read, as sent in the ETag header ("3"). Either this header or '
        "a 'version' field in the body is required; a stale version answers 409."
    ),
)

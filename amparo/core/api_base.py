"""The base of every API view, and what the schema needs to describe them.

Kept apart from ``amparo.core.api``, which DRF's settings import while
``rest_framework.generics`` is still loading: drf-spectacular's AutoSchema
imports that module too.
"""

import io
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import get_doc
from drf_spectacular.utils import OpenApiParameter, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import JSONParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from amparo.core.api import Pagination, PayloadTooLarge


class BoundedJSONParser(JSONParser):
    """JSON, refused past DATA_UPLOAD_MAX_MEMORY_SIZE.

    DRF reads the raw stream and so skips Django's own size check; this reads
    at most one byte over the limit, whatever Content-Length claims.
    """

    def parse(self, stream, media_type=None, parser_context=None):  # type: ignore[no-untyped-def]
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read(limit + 1) if stream is not None else b""
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge
        return super().parse(io.BytesIO(raw), media_type, parser_context)


class AutoSchema(openapi.AutoSchema):
    """Name nested Input/Output serializers after their view: ``CaseListApi.OutputSerializer``
    becomes the component ``CaseListOutput`` instead of colliding as ``Output``."""

    def get_serializer_name(self, serializer: serializers.Serializer, direction: str) -> str:
        outer, _dot, inner = type(serializer).__qualname__.rpartition(".")
        if outer:
            return outer.removesuffix("Api") + inner
        return super().get_serializer_name(serializer, direction)

    def get_description(self) -> str:  # type: ignore[override]
        # inspect.getdoc falls back to a base class's docstring, so every operation
        # without its own would be described by ``ApiView``'s. Only the view's own counts.
        if "__doc__" not in vars(type(self.view)) or not type(self.view).__doc__:
            action = getattr(self.view, getattr(self.view, "action", self.method.lower()), None)
            return get_doc(action) if action is not None else ""
        return super().get_description()


class ApiView(APIView):
    """Base of every Amparo API view: JSON only, bounded bodies, never cached.

    Responses carry survivor data, so no browser or proxy may keep a copy.
    """

    parser_classes = [BoundedJSONParser]
    schema = AutoSchema()

    def finalize_response(self, request, response, *args, **kwargs):  # type: ignore[no-untyped-def]
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
    view.cls = type(name, tuple(operations.values()), {})  # type: ignore[attr-defined]
    view.initkwargs = {}  # type: ignore[attr-defined]
    # CSRF is DRF's to check (session users only), as for any APIView.
    return csrf_exempt(view)


class DateTimeInputField(serializers.DateTimeField):
    """A datetime in a request body. One without an offset near year 9999 overflows
    when DRF makes it local (a 500 before); here that is the field's own error."""

    def enforce_timezone(self, value):  # type: ignore[no-untyped-def]
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

    def map_serializer_field(self, auto_schema, direction):  # type: ignore[no-untyped-def]
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
            "count": serializers.IntegerField(),
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

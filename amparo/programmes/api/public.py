"""The public API: published releases and impact reports, read without signing in.

Anyone may call these (no authentication, ``AllowAny``), throttled by address
as every anonymous API request is. They answer from ``Release.content`` of
published releases only (``amparo.programmes.public``), in the language the
request asks for (``Accept-Language``), and may be cached by anyone.
"""

from typing import Any

from django.utils.cache import patch_vary_headers
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.core.api_base import ApiView
from amparo.programmes import public
from amparo.programmes.impact import impact_data, impact_report
from amparo.programmes.views.public import PUBLIC_MAX_AGE, release_json_data

NOT_FOUND = OpenApiResponse(description="No such programme, or no such published version")


class PublicApiView(ApiView):
    """A public endpoint: no sign-in, nothing of anyone, cacheable (a release never changes)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
            patch_vary_headers(response, ("Accept-Language",))
        return response


class PublicProgrammeSerializer(serializers.Serializer):
    name = serializers.CharField()
    slug = serializers.CharField()
    countries = serializers.ListField(child=serializers.CharField())
    summary = serializers.CharField()


class PublicReleaseSummarySerializer(serializers.Serializer):
    version = serializers.IntegerField()
    title = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    published_on = serializers.DateField()
    supersedes = serializers.IntegerField(allow_null=True)
    corrected_by = serializers.IntegerField(
        allow_null=True, help_text="The version that corrects this one, if any."
    )


class PublicProgrammeApi(PublicApiView):
    class OutputSerializer(serializers.Serializer):
        programme = PublicProgrammeSerializer()
        releases = PublicReleaseSummarySerializer(many=True, help_text="Newest version first.")

    @extend_schema(
        tags=["public"],
        operation_id="public_programme",
        summary="A programme and its published releases (no sign-in)",
        auth=[],
        responses={200: OutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str) -> Response:
        programme = public.public_programme_get(slug=slug)
        releases = [
            {
                "version": r.version,
                "title": r.content["title"],
                "period_start": r.content["period"]["start"],
                "period_end": r.content["period"]["end"],
                "published_on": r.content["published_on"],
                "supersedes": r.content["supersedes"],
                "corrected_by": r.corrected_by,
            }
            for r in programme.releases
        ]
        return Response(
            self.OutputSerializer({"programme": programme.info, "releases": releases}).data
        )


class PublicReleaseApi(PublicApiView):
    class OutputSerializer(serializers.Serializer):
        schema = serializers.IntegerField()
        programme = PublicProgrammeSerializer()
        version = serializers.IntegerField()
        published_on = serializers.DateField()
        title = serializers.CharField()
        as_of = serializers.DateField()
        period = serializers.JSONField()
        periods = serializers.JSONField()
        breakdown = serializers.CharField()
        measures = serializers.ListField(child=serializers.CharField())
        areas = serializers.ListField(child=serializers.CharField())
        cells = serializers.JSONField(help_text="measure, period, area, value (null: hidden).")
        rates = serializers.JSONField()
        goals = serializers.JSONField()
        people_protected = serializers.JSONField(allow_null=True)
        guarantee = serializers.JSONField()
        supersedes = serializers.IntegerField(allow_null=True)
        change_note = serializers.CharField(allow_blank=True)
        labels = serializers.JSONField(help_text="Every code's label in the request's language.")

    @extend_schema(
        tags=["public"],
        operation_id="public_release",
        summary="A published release as published, with labels (no sign-in)",
        auth=[],
        responses={200: OutputSerializer, 404: NOT_FOUND},
    )
    def get(self, request: Request, slug: str, version: int) -> Response:
        release = public.public_release_get(slug=slug, version=version)
        return Response(release_json_data(release.content))


class PublicImpactApi(PublicApiView):
    class FilterSerializer(serializers.Serializer):
        version = serializers.IntegerField(
            required=False, min_value=1, max_value=999_999_999, help_text="Default: the latest."
        )

    class OutputSerializer(serializers.Serializer):
        version = serializers.IntegerField()
        title = serializers.CharField()
        programme = PublicProgrammeSerializer()
        published_on = serializers.DateField()
        period = serializers.JSONField()
        periods = serializers.JSONField()
        pillars = serializers.JSONField(help_text="Each figure's values by period.")
        legal = serializers.JSONField()
        restored = serializers.JSONField()
        partners = serializers.JSONField()
        goals = serializers.JSONField()
        people_protected = serializers.JSONField(allow_null=True)
        guarantee = serializers.JSONField()
        guarantee_text = serializers.ListField(child=serializers.CharField())
        hidden_note = serializers.CharField()

    @extend_schema(
        tags=["public"],
        operation_id="public_impact",
        summary="The impact report of a published release (no sign-in)",
        auth=[],
        parameters=[
            OpenApiParameter(
                "version", int, description="The release's version; default the latest."
            )
        ],
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="Not a version"),
            404: NOT_FOUND,
        },
    )
    def get(self, request: Request, slug: str) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        version = filters.validated_data.get("version")
        if version is None:
            release = public.public_release_latest(slug=slug)
        else:
            release = public.public_release_get(slug=slug, version=version)
        return Response(impact_data(impact_report(content=release.content)))

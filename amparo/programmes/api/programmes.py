"""Programmes and their areas: list, create, read, change, archive; and the indicator registry."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import (
    IF_MATCH,
    PAGE_PARAMETERS,
    ApiView,
    paginated_response,
    paginated_schema,
)
from amparo.programmes.api.goals import ProgrammeGoalOutputSerializer
from amparo.programmes.indicators import INDICATORS
from amparo.programmes.models import Programme
from amparo.programmes.selectors import programmes as selectors
from amparo.programmes.selectors.access import programme_get_for_change, programme_get_for_user
from amparo.programmes.services import programmes as services

TAGS = ["programmes"]
READ_PERMS = (Perm.AGGREGATES, Perm.PROGRAMMES)
MAX_ID = 10**18 - 1


class ProgrammeAreaSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    country = serializers.CharField(max_length=2)
    admin1 = serializers.CharField(max_length=80)
    population = serializers.IntegerField(min_value=0, max_value=10**12)


class ProgrammeSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = serializers.IntegerField(source="organisation_id")
    name = serializers.CharField()
    slug = serializers.CharField()
    summary = serializers.CharField()
    countries = serializers.ListField(child=serializers.CharField())
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    population_covered = serializers.IntegerField()
    min_cell = serializers.IntegerField()
    rounding_base = serializers.IntegerField()
    privacy_budget = serializers.DecimalField(max_digits=6, decimal_places=3)
    archived_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


class ProgrammeInputSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=160)
    slug = serializers.CharField(max_length=60)
    summary = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    countries = serializers.ListField(
        child=serializers.CharField(max_length=2),
        max_length=50,
        help_text="ISO 3166-1 alpha-2 codes.",
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField()
    population_covered = serializers.IntegerField(required=False, min_value=0, max_value=10**12)
    partner_ids = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        max_length=50,
        help_text="Ids of the partner organisations (never the programme's own).",
    )
    min_cell = serializers.IntegerField(required=False, min_value=0, max_value=10_000)
    rounding_base = serializers.IntegerField(required=False, min_value=0, max_value=10_000)
    privacy_budget = serializers.DecimalField(
        required=False, max_digits=6, decimal_places=3, help_text="Total ε."
    )


class ProgrammeListApi(ApiView):
    required_perms = READ_PERMS

    @extend_schema(
        tags=TAGS,
        operation_id="programmes_list",
        summary="The programmes I may see: my organisation's and those it is a partner of",
        parameters=PAGE_PARAMETERS,
        responses={200: paginated_schema(ProgrammeSummarySerializer, name="PaginatedProgrammes")},
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.programmes_api_list(user=request.user),
            serializer_class=ProgrammeSummarySerializer,
        )


class ProgrammeCreateApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)

    @extend_schema(
        tags=TAGS,
        summary="Create a programme of my organisation",
        request=ProgrammeInputSerializer,
        responses={201: ProgrammeSummarySerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = ProgrammeInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        programme = services.programme_create(actor=request.user, **serializer.validated_data)
        return with_etag(
            Response(ProgrammeSummarySerializer(programme).data, status=status.HTTP_201_CREATED),
            programme.version,
        )


class ProgrammeDetailSerializer(ProgrammeSummarySerializer):
    partners = serializers.SerializerMethodField()
    areas = serializers.SerializerMethodField()
    goals = serializers.SerializerMethodField()
    budget_spent = serializers.SerializerMethodField()

    @extend_schema_field(serializers.ListField(child=serializers.IntegerField()))
    def get_partners(self, programme: object) -> list[int]:
        return [o.pk for o in self.context["detail"].partners]

    @extend_schema_field(ProgrammeAreaSerializer(many=True))
    def get_areas(self, programme: object) -> list[dict]:
        return ProgrammeAreaSerializer(self.context["detail"].areas, many=True).data

    @extend_schema_field(ProgrammeGoalOutputSerializer(many=True))
    def get_goals(self, programme: object) -> list[dict]:
        return ProgrammeGoalOutputSerializer(self.context["detail"].goals, many=True).data

    @extend_schema_field(serializers.DecimalField(max_digits=6, decimal_places=3))
    def get_budget_spent(self, programme: object) -> str:
        return str(self.context["detail"].budget_spent)


def _detail_response(programme: Programme) -> Response:
    detail = selectors.programme_detail(programme=programme)
    data = ProgrammeDetailSerializer(programme, context={"detail": detail}).data
    return with_etag(Response(data), detail.programme.version)


class ProgrammeDetailApi(ApiView):
    required_perms = READ_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="A programme with its partners, areas and current goals (milestones included)",
        responses={200: ProgrammeDetailSerializer},
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        return _detail_response(programme)


class ProgrammeUpdateApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    class InputSerializer(ProgrammeInputSerializer):
        version = serializers.IntegerField(required=False, min_value=0)

        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, partial=True, **kwargs)  # type: ignore[arg-type]  # DRF's stubs type **kwargs narrowly

    @extend_schema(
        tags=TAGS,
        summary="Change a programme (only the fields sent); k, rounding and budget apply to "
        "future releases",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ProgrammeDetailSerializer},
    )
    def patch(self, request: Request, programme_id: int) -> Response:
        programme_get_for_change(user=request.user, programme_id=programme_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = expected_version(request, changes.pop("version", None))
        programme = services.programme_update(
            actor=request.user, programme_id=programme_id, expected_version=version, **changes
        )
        return _detail_response(programme)


class ProgrammeArchiveApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Archive a programme: kept with its goals and releases, never deleted",
        request=None,
        responses={200: ProgrammeSummarySerializer},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme = services.programme_archive(actor=request.user, programme_id=programme_id)
        return with_etag(Response(ProgrammeSummarySerializer(programme).data), programme.version)


class AreaListApi(ApiView):
    required_perms = READ_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        operation_id="programme_areas_list",
        summary="The departments (or states) a programme covers, with their populations",
        responses={200: ProgrammeAreaSerializer(many=True)},
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        return Response(ProgrammeAreaSerializer(programme.areas.all(), many=True).data)


class AreaCreateApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Add an area to a programme (once per department)",
        request=ProgrammeAreaSerializer,
        responses={201: ProgrammeAreaSerializer},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme_get_for_change(user=request.user, programme_id=programme_id)
        serializer = ProgrammeAreaSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        area = services.area_add(
            actor=request.user, programme_id=programme_id, **serializer.validated_data
        )
        return Response(ProgrammeAreaSerializer(area).data, status=status.HTTP_201_CREATED)


class AreaUpdateApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Correct an area's country, name or population (only the fields sent)",
        request=ProgrammeAreaSerializer,
        responses={200: ProgrammeAreaSerializer},
    )
    def patch(self, request: Request, programme_id: int, area_id: int) -> Response:
        programme = programme_get_for_change(user=request.user, programme_id=programme_id)
        area = selectors.area_get(programme=programme, area_id=area_id)
        serializer = ProgrammeAreaSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        fields = {
            "country": area.country,
            "admin1": area.admin1,
            "population": area.population,
            **serializer.validated_data,
        }
        updated = services.area_update(
            actor=request.user, programme_id=programme_id, area_id=area.pk, **fields
        )
        return Response(ProgrammeAreaSerializer(updated).data)


class ProgrammeIndicatorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    definition = serializers.CharField()
    unit = serializers.ChoiceField(choices=["percent", "count", "days", "people"])
    better = serializers.CharField()
    source = serializers.ChoiceField(choices=["live", "external"])


class IndicatorListApi(ApiView):
    required_perms = READ_PERMS

    @extend_schema(
        tags=TAGS,
        operation_id="indicators_list",
        summary="The indicators a goal can be set on, in the request's language",
        responses={200: ProgrammeIndicatorSerializer(many=True)},
    )
    def get(self, request: Request) -> Response:
        return Response(ProgrammeIndicatorSerializer(list(INDICATORS.values()), many=True).data)

"""Facilities with occupancy, and placements."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare import vocab
from amparo.aftercare.api.common import (
    MAX_ID,
    READ_RESPONSES,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    case_to_change,
    case_to_read,
)
from amparo.aftercare.selectors import (
    CASE_PERMS,
    FACILITY_PERMS,
    occupancy,
    placement_get,
    restoration_file,
)
from amparo.aftercare.services.placements import facility_create, placement_end, placement_start
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField


class FacilityOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="facility.id")
    name = serializers.CharField(source="facility.name")
    kind = serializers.CharField(source="facility.kind")
    admin1 = serializers.CharField(source="facility.admin1")
    capacity = serializers.IntegerField(source="facility.capacity")
    occupied = serializers.IntegerField()
    free = serializers.IntegerField()


class FacilityListApi(ApiView):
    required_perms = FACILITY_PERMS

    @extend_schema(
        tags=["restoration"],
        operation_id="facilities_list",
        summary="The organisation's active facilities with today's occupancy",
        responses={200: FacilityOutputSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        return Response(FacilityOutputSerializer(occupancy(user=request.user), many=True).data)


class FacilityCreateApi(ApiView):
    required_perms = (Perm.ASSIGN,)

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=120, allow_blank=True)
        kind = VocabField(vocab=vocab.FacilityKind)
        admin1 = serializers.CharField(max_length=80, required=False, allow_blank=True, default="")
        capacity = serializers.IntegerField(min_value=0, max_value=100000)

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        kind = serializers.CharField()
        admin1 = serializers.CharField()
        capacity = serializers.IntegerField()

    @extend_schema(
        tags=["restoration"],
        summary="Add a facility (supervisors and admins)",
        request=InputSerializer,
        responses={201: OutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        facility = facility_create(actor=request.user, **serializer.validated_data)
        return Response(self.OutputSerializer(facility).data, status=status.HTTP_201_CREATED)


class PlacementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    facility = serializers.IntegerField(source="facility_id")
    facility_name = serializers.CharField(source="facility.name")
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    reason = serializers.CharField()
    end_reason = serializers.CharField()
    version = serializers.IntegerField()


class PlacementListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_placements_list",
        summary="The case's placements, newest first",
        responses={200: PlacementOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        placements = restoration_file(case=case).placements
        return Response(PlacementOutputSerializer(placements, many=True).data)


class PlacementCreateApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        facility = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        started_on = serializers.DateField()
        reason = VocabField(vocab=vocab.PlacementReason)

    @extend_schema(
        tags=["restoration"],
        summary="Place the survivor in a facility (within its capacity)",
        request=InputSerializer,
        responses={201: PlacementOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_to_change(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        placement = placement_start(
            actor=request.user,
            case=case,
            facility_id=data["facility"],
            started_on=data["started_on"],
            reason=data["reason"],
        )
        return with_etag(
            Response(PlacementOutputSerializer(placement).data, status=status.HTTP_201_CREATED),
            placement.version,
        )


class PlacementEndApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        ended_on = serializers.DateField()
        end_reason = VocabField(vocab=vocab.PlacementEndReason)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["restoration"],
        summary="End a placement",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: PlacementOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, case_id: int, placement_id: int) -> Response:
        case = case_to_change(request, case_id)
        placement = placement_get(case=case, placement_id=placement_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ended = placement_end(
            actor=request.user,
            placement=placement,
            expected_version=expected_version(request, data.get("version")),
            ended_on=data["ended_on"],
            end_reason=data["end_reason"],
        )
        return with_etag(Response(PlacementOutputSerializer(ended).data), ended.version)

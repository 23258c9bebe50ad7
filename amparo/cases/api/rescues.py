"""Rescue operations: each person removed from danger can start an intake."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.cases.models import RescueOperation
from amparo.cases.selectors import rescue_operation_get_for_user, rescue_operations_for_user
from amparo.cases.services import rescue_operation_record
from amparo.core.api_base import PAGE_PARAMETERS, ApiView, paginated_response, paginated_schema

_field = RescueOperation._meta.get_field


class RescueOperationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    happened_on = serializers.DateField()
    country = serializers.CharField()
    admin1 = serializers.CharField()
    admin2 = serializers.CharField()
    agencies = serializers.ListField(child=serializers.CharField())
    people_removed = serializers.IntegerField()
    created_at = serializers.DateTimeField()


class RescueOperationListApi(ApiView):
    required_perms = (Perm.INTAKE,)

    @extend_schema(
        tags=["rescue operations"],
        operation_id="rescue_operations_list",
        summary="My organisation's rescue operations, newest first",
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(RescueOperationOutputSerializer, name="PaginatedRescueList"),
            403: OpenApiResponse(description="The role does not run intakes"),
        },
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=rescue_operations_for_user(user=request.user),
            serializer_class=RescueOperationOutputSerializer,
        )


class RescueOperationCreateApi(ApiView):
    required_perms = (Perm.INTAKE,)

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=_field("name").max_length, allow_blank=True)
        happened_on = serializers.DateField()
        country = serializers.CharField(required=False, min_length=2, max_length=2)
        admin1 = serializers.CharField(max_length=_field("admin1").max_length, allow_blank=True)
        admin2 = serializers.CharField(
            max_length=_field("admin2").max_length, allow_blank=True, required=False
        )
        agencies = serializers.ListField(
            child=serializers.CharField(max_length=120, allow_blank=True),
            required=False,
            max_length=30,
        )
        people_removed = serializers.IntegerField()

    @extend_schema(
        tags=["rescue operations"],
        summary="Record a rescue operation",
        request=InputSerializer,
        responses={
            201: RescueOperationOutputSerializer,
            400: OpenApiResponse(description="Field errors"),
            403: OpenApiResponse(description="The role does not run intakes"),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        operation = rescue_operation_record(actor=request.user, **serializer.validated_data)
        return Response(
            RescueOperationOutputSerializer(operation).data, status=status.HTTP_201_CREATED
        )


class RescueOperationDetailApi(ApiView):
    required_perms = (Perm.INTAKE,)
    refused_as_not_found = True

    @extend_schema(
        tags=["rescue operations"],
        summary="One rescue operation",
        responses={
            200: RescueOperationOutputSerializer,
            404: OpenApiResponse(description="Not found"),
        },
    )
    def get(self, request: Request, operation_id: int) -> Response:
        operation = rescue_operation_get_for_user(user=request.user, operation_id=operation_id)
        return Response(RescueOperationOutputSerializer(operation).data)

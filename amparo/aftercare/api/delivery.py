"""Services delivered and counselling sessions."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.aftercare import vocab
from amparo.aftercare.api.common import (
    MAX_ID,
    READ_RESPONSES,
    WRITE_RESPONSES,
    case_to_change,
    case_to_read,
)
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.selectors import (
    CASE_PERMS,
    counselling_sessions_for_case,
    restoration_file,
)
from amparo.aftercare.services.delivery import counselling_session_record, service_record
from amparo.core.api_base import ApiView, VocabField


class ServiceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    service_type = serializers.CharField()
    provider = serializers.IntegerField(source="provider_id")
    provider_name = serializers.CharField(source="provider.name")
    status = serializers.CharField()
    started_on = serializers.DateField()
    ended_on = serializers.DateField(allow_null=True)
    notes = serializers.CharField()
    version = serializers.IntegerField()


class ServiceListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_services_list",
        summary="Services delivered to the survivor",
        responses={200: ServiceOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        return Response(
            ServiceOutputSerializer(restoration_file(case=case).services, many=True).data
        )


class ServiceCreateApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        service_type = VocabField(vocab=vocab.ServiceType)
        status = VocabField(vocab=vocab.ServiceStatus)
        provider = serializers.IntegerField(
            required=False,
            allow_null=True,
            min_value=1,
            max_value=MAX_ID,
            help_text="A partner organisation's id; omit for the case's own organisation.",
        )
        started_on = serializers.DateField()
        ended_on = serializers.DateField(required=False, allow_null=True)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        tags=["restoration"],
        summary="Record a service (GBVIMS status), by the organisation or a named partner",
        request=InputSerializer,
        responses={201: ServiceOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_to_change(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        service = service_record(
            actor=request.user,
            case=case,
            data=ServiceInput(provider_id=data.pop("provider", None), **data),
        )
        return Response(ServiceOutputSerializer(service).data, status=status.HTTP_201_CREATED)


class CounsellingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    held_on = serializers.DateField()
    counsellor = serializers.CharField(source="counsellor.full_name")
    notes = serializers.CharField()


class CounsellingListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_counselling_sessions_list",
        summary="Counselling session notes (encrypted at rest; logs a read)",
        responses={200: CounsellingOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        sessions = counselling_sessions_for_case(case=case)
        return Response(CounsellingOutputSerializer(sessions, many=True).data)


class CounsellingCreateApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        held_on = serializers.DateField()
        notes = serializers.CharField(allow_blank=True)

    @extend_schema(
        tags=["restoration"],
        summary="Record a counselling session's notes",
        request=InputSerializer,
        responses={201: CounsellingOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_to_change(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        session = counselling_session_record(
            actor=request.user, case=case, **serializer.validated_data
        )
        return Response(CounsellingOutputSerializer(session).data, status=status.HTTP_201_CREATED)

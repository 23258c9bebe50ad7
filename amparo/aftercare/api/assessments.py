"""Restoration assessments and the active instrument."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare.api.common import (
    READ_RESPONSES,
    WRITE_RESPONSES,
    case_to_change,
    case_to_read,
)
from amparo.aftercare.models import Instrument
from amparo.aftercare.selectors import CASE_PERMS, active_instrument, restoration_file
from amparo.aftercare.services.assessments import assessment_record
from amparo.core.api_base import ApiView


class AssessmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    instrument = serializers.CharField(source="instrument.code")
    assessed_on = serializers.DateField()
    domain_scores = serializers.DictField(child=serializers.FloatField())


class AssessmentListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class OutputSerializer(serializers.Serializer):
        assessments = AssessmentOutputSerializer(many=True)
        next_assessment_due = serializers.DateField(allow_null=True)
        closure_rule_met = serializers.BooleanField(source="closure.met")
        closure_rule_reasons = serializers.ListField(
            child=serializers.CharField(), source="closure.reasons"
        )
        restored_on = serializers.DateField(source="closure.restored_on", allow_null=True)

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_assessments_list",
        summary="Assessments (oldest first), the next due date and the closure rule",
        responses={200: OutputSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        return Response(self.OutputSerializer(restoration_file(case=case)).data)


class AssessmentCreateApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        assessed_on = serializers.DateField()
        # Scores are checked against the instrument's scale by the service, so
        # an out-of-scale value gets the same message as on the page.
        scores = serializers.DictField(child=serializers.IntegerField(), allow_empty=True)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        tags=["restoration"],
        summary="Record an assessment: a score for every item of the active instrument",
        request=InputSerializer,
        responses={201: AssessmentOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_to_change(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assessment = assessment_record(actor=request.user, case=case, **serializer.validated_data)
        return Response(AssessmentOutputSerializer(assessment).data, status=status.HTTP_201_CREATED)


class InstrumentApi(ApiView):
    # Who records assessments against it, and who manages the organisation's instrument.
    required_perms = (*CASE_PERMS, Perm.MANAGE_ORG)

    class OutputSerializer(serializers.Serializer):
        code = serializers.CharField()
        name = serializers.CharField(source="__str__")
        scale_min = serializers.IntegerField()
        scale_max = serializers.IntegerField()
        scale_labels = serializers.DictField()
        schedule = serializers.DictField()
        closure_rule = serializers.DictField()
        domains = serializers.SerializerMethodField()

        def get_domains(self, instrument: Instrument) -> list[dict]:
            return [
                {
                    "code": d.code,
                    "name": str(d),
                    "items": [{"code": i.code, "text": str(i)} for i in d.items.all()],
                }
                for d in instrument.domains.prefetch_related("items")
            ]

    @extend_schema(
        tags=["restoration"],
        summary="The organisation's active restoration instrument (in the request's language)",
        responses={200: OutputSerializer, 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        # The declaration let only a member through: the membership is there.
        membership = request.user.active_membership
        instrument = active_instrument(organisation_id=membership.organisation_id)
        return Response(self.OutputSerializer(instrument).data)

"""Family assessments, reintegration and follow-up visits."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.aftercare import vocab
from amparo.aftercare.api.common import (
    MAX_ID,
    READ_RESPONSES,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    case_to_change,
    case_to_decide,
    case_to_read,
)
from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput
from amparo.aftercare.models import FamilyAssessment
from amparo.aftercare.selectors import (
    CASE_PERMS,
    family_assessment_get,
    follow_up_get,
    reintegration_get,
    restoration_file,
)
from amparo.aftercare.services.reintegration import (
    family_assessment_approve,
    family_assessment_record,
    follow_up_record,
    reintegration_complete,
    reintegration_decide,
    reintegration_propose,
)
from amparo.core.api import error_keys, expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField


class FamilyAssessmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assessed_on = serializers.DateField()
    household_safety = serializers.CharField()
    protective_factors = serializers.ListField(child=serializers.CharField())
    risks = serializers.ListField(child=serializers.CharField())
    recommendation = serializers.CharField()
    notes = serializers.CharField()
    approved = serializers.SerializerMethodField()
    approved_at = serializers.DateTimeField(allow_null=True)

    def get_approved(self, assessment: FamilyAssessment) -> bool:
        return assessment.approved_at is not None


class FamilyAssessmentListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_family_assessments_list",
        summary="Family assessments, newest first",
        responses={200: FamilyAssessmentOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        rows = restoration_file(case=case).family_assessments
        return Response(FamilyAssessmentOutputSerializer(rows, many=True).data)


class FamilyAssessmentCreateApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        assessed_on = serializers.DateField()
        household_safety = VocabField(vocab=vocab.HouseholdSafety)
        recommendation = VocabField(vocab=vocab.Recommendation)
        protective_factors = serializers.ListField(
            child=VocabField(vocab=vocab.ProtectiveFactor), required=False, max_length=20
        )
        risks = serializers.ListField(
            child=VocabField(vocab=vocab.HouseholdRisk), required=False, max_length=20
        )
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        tags=["restoration"],
        summary="Record a family assessment (a supervisor approves it)",
        request=InputSerializer,
        responses={201: FamilyAssessmentOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_to_change(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assessment = family_assessment_record(
            actor=request.user, case=case, data=FamilyAssessmentInput(**serializer.validated_data)
        )
        return Response(
            FamilyAssessmentOutputSerializer(assessment).data, status=status.HTTP_201_CREATED
        )


class FamilyAssessmentApproveApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        summary="Approve a family assessment (supervisors)",
        request=None,
        responses={200: FamilyAssessmentOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int, assessment_id: int) -> Response:
        case = case_to_decide(request, case_id)
        assessment = family_assessment_approve(
            actor=request.user,
            assessment=family_assessment_get(case=case, assessment_id=assessment_id),
        )
        return Response(FamilyAssessmentOutputSerializer(assessment).data)


class ReintegrationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    family_assessment = serializers.IntegerField(source="family_assessment_id")
    destination = serializers.CharField()
    planned_on = serializers.DateField()
    status = serializers.CharField()
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()
    reintegrated_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()


class ReintegrationListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_reintegrations_list",
        summary="Reintegrations proposed for the case",
        responses={200: ReintegrationOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        rows = restoration_file(case=case).reintegrations
        return Response(ReintegrationOutputSerializer(rows, many=True).data)


class ReintegrationCreateApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        family_assessment = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        destination = VocabField(vocab=vocab.Destination)
        planned_on = serializers.DateField()

    @extend_schema(
        tags=["restoration"],
        summary="Propose a reintegration (needs an approved family assessment)",
        request=InputSerializer,
        responses={201: ReintegrationOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_to_change(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        reintegration = reintegration_propose(
            actor=request.user,
            case=case,
            family_assessment_id=data["family_assessment"],
            destination=data["destination"],
            planned_on=data["planned_on"],
        )
        return with_etag(
            Response(
                ReintegrationOutputSerializer(reintegration).data, status=status.HTTP_201_CREATED
            ),
            reintegration.version,
        )


class ReintegrationDecideApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        approve = serializers.BooleanField()
        note = serializers.CharField(required=False, allow_blank=True, max_length=300, default="")
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["restoration"],
        summary="Approve or reject a proposed reintegration (supervisors; a note when rejecting)",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReintegrationOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, case_id: int, reintegration_id: int) -> Response:
        case = case_to_decide(request, case_id)
        reintegration = reintegration_get(case=case, reintegration_id=reintegration_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with error_keys(decision_note="note"):
            decided = reintegration_decide(
                actor=request.user,
                reintegration=reintegration,
                expected_version=expected_version(request, data.get("version")),
                approve=data["approve"],
                note=data["note"],
            )
        return with_etag(Response(ReintegrationOutputSerializer(decided).data), decided.version)


class ReintegrationCompleteApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        reintegrated_on = serializers.DateField()
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["restoration"],
        summary="The survivor is reintegrated: ends the placement and schedules follow-ups",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReintegrationOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, case_id: int, reintegration_id: int) -> Response:
        case = case_to_change(request, case_id)
        reintegration = reintegration_get(case=case, reintegration_id=reintegration_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        done = reintegration_complete(
            actor=request.user,
            reintegration=reintegration,
            expected_version=expected_version(request, data.get("version")),
            reintegrated_on=data["reintegrated_on"],
        )
        return with_etag(Response(ReintegrationOutputSerializer(done).data), done.version)


class FollowUpOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)
    method = serializers.CharField()
    risks = serializers.ListField(child=serializers.CharField())
    notes = serializers.CharField()


class FollowUpListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_follow_ups_list",
        summary="Scheduled and recorded follow-up visits",
        responses={200: FollowUpOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        rows = restoration_file(case=case).follow_ups
        return Response(FollowUpOutputSerializer(rows, many=True).data)


class FollowUpRecordApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        done_on = serializers.DateField()
        method = VocabField(vocab=vocab.FollowUpMethod)
        risks = serializers.ListField(
            child=VocabField(vocab=vocab.FollowUpRisk), required=False, max_length=20
        )
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        tags=["restoration"],
        summary="Record a visit; any risk raises a case flag and a supervisor task",
        request=InputSerializer,
        responses={200: FollowUpOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int, follow_up_id: int) -> Response:
        case = case_to_change(request, case_id)
        follow_up = follow_up_get(case=case, follow_up_id=follow_up_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        visit = follow_up_record(
            actor=request.user, follow_up=follow_up, data=FollowUpInput(**serializer.validated_data)
        )
        return Response(FollowUpOutputSerializer(visit).data)

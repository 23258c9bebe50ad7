"""Care plans: versions with goals per domain; submit, approve, review."""

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
    case_to_decide,
    case_to_read,
)
from amparo.aftercare.inputs import GoalInput
from amparo.aftercare.selectors import CASE_PERMS, care_plan_get, restoration_file
from amparo.aftercare.services.careplans import (
    care_plan_approve,
    care_plan_draft,
    care_plan_review,
    care_plan_submit,
)
from amparo.core.api_base import ApiView, VocabField


class GoalOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    domain = serializers.CharField()
    description = serializers.CharField()
    target_on = serializers.DateField()
    status = serializers.CharField()


class CarePlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField()
    status = serializers.CharField()
    summary = serializers.CharField()
    review_due_on = serializers.DateField()
    reviewed_on = serializers.DateField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    goals = GoalOutputSerializer(many=True, source="goals.all")


class CarePlanListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        operation_id="cases_care_plans_list",
        summary="Every version of the care plan, newest first",
        responses={200: CarePlanOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_to_read(request, case_id)
        plans = restoration_file(case=case).care_plans
        return Response(CarePlanOutputSerializer(plans, many=True).data)


class GoalInputSerializer(serializers.Serializer):
    domain = serializers.CharField(max_length=40)
    description = serializers.CharField(allow_blank=True, max_length=2000)
    target_on = serializers.DateField()
    status = VocabField(vocab=vocab.GoalStatus, required=False, default="not_started")


class CarePlanCreateApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        review_due_on = serializers.DateField()
        goals = GoalInputSerializer(many=True, max_length=50)

    @extend_schema(
        tags=["restoration"],
        summary="Draft a new version of the care plan",
        request=InputSerializer,
        responses={201: CarePlanOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_to_change(request, case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = care_plan_draft(
            actor=request.user,
            case=case,
            summary=serializer.validated_data["summary"],
            review_due_on=serializer.validated_data["review_due_on"],
            goals=[GoalInput(**g) for g in serializer.validated_data["goals"]],
        )
        return Response(CarePlanOutputSerializer(plan).data, status=status.HTTP_201_CREATED)


class CarePlanSubmitApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        summary="Send a draft for a supervisor's approval",
        request=None,
        responses={200: CarePlanOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int, plan_id: int) -> Response:
        case = case_to_change(request, case_id)
        plan = care_plan_submit(actor=request.user, plan=care_plan_get(case=case, plan_id=plan_id))
        return Response(CarePlanOutputSerializer(plan).data)


class CarePlanApproveApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["restoration"],
        summary="Approve a plan waiting for approval (supervisors)",
        request=None,
        responses={200: CarePlanOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int, plan_id: int) -> Response:
        case = case_to_decide(request, case_id)
        plan = care_plan_approve(actor=request.user, plan=care_plan_get(case=case, plan_id=plan_id))
        return Response(CarePlanOutputSerializer(plan).data)


class CarePlanReviewApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        reviewed_on = serializers.DateField()
        next_review_on = serializers.DateField()
        goal_statuses = serializers.DictField(
            child=VocabField(vocab=vocab.GoalStatus), required=False, default=dict
        )

    @extend_schema(
        tags=["restoration"],
        summary="Record a periodic review: goal statuses (by goal id) and the next review",
        request=InputSerializer,
        responses={200: CarePlanOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, case_id: int, plan_id: int) -> Response:
        case = case_to_change(request, case_id)
        plan = care_plan_get(case=case, plan_id=plan_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        statuses = {}
        for key, value in data["goal_statuses"].items():
            if not key.isdigit() or int(key) > MAX_ID:
                raise serializers.ValidationError({"goal_statuses": ["Keys are goal ids."]})
            statuses[int(key)] = value
        plan = care_plan_review(
            actor=request.user,
            plan=plan,
            reviewed_on=data["reviewed_on"],
            next_review_on=data["next_review_on"],
            goal_statuses=statuses,
        )
        return Response(CarePlanOutputSerializer(plan).data)

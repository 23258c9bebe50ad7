"""The receiver assesses a referred survivor's restoration and plans its care, under the
referral: record an assessment; draft, send and approve a care plan.

Both sides read them in the referral's detail (``assessments``, ``care_plans``).
Neither carries free text (an assessment's notes, a plan's summary): the
receiver reads those on its pages, the sender never.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare.api.careplans import GoalInputSerializer, GoalOutputSerializer
from amparo.aftercare.inputs import GoalInput
from amparo.core.api_base import ApiView
from amparo.network import access, selectors
from amparo.network.api.common import MAX_ID, WRITE_RESPONSES
from amparo.network.models import Referral
from amparo.network.services import referrals as services


class PartnerAssessmentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    assessed_on = serializers.DateField()
    organisation = serializers.IntegerField(source="partner_organisation_id")
    organisation_name = serializers.CharField(source="partner_organisation.name")
    instrument = serializers.CharField(source="instrument.code")
    domain_scores = serializers.DictField(
        child=serializers.FloatField(), help_text="Domain code: the mean of its item scores."
    )


class PartnerCarePlanOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.IntegerField(help_text="The partner's own versions, numbered apart.")
    status = serializers.CharField()
    organisation = serializers.IntegerField(source="partner_organisation_id")
    organisation_name = serializers.CharField(source="partner_organisation.name")
    review_due_on = serializers.DateField()
    reviewed_on = serializers.DateField(allow_null=True)
    approved_at = serializers.DateTimeField(allow_null=True)
    goals = GoalOutputSerializer(many=True, source="goals.all")


class PlanChoiceSerializer(serializers.Serializer):
    plan = serializers.IntegerField(
        min_value=1, max_value=MAX_ID, help_text="One of your organisation's plans under it."
    )


def _received(request: Request, referral_id: int) -> Referral:
    # Found (else 404) and the receiver's (else 403) before the body is read.
    referral = selectors.referral_get_for_user(
        user=request.user, referral_id=referral_id, log_read=False
    )
    access.receiver_required(request.user, referral)
    return referral


class PartnerAssessmentRecordApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        assessed_on = serializers.DateField()
        # Checked against the receiver's instrument by the service (``GET instrument/``
        # names its items), so an out-of-scale score is told as on the page.
        scores = serializers.DictField(child=serializers.IntegerField(), allow_empty=True)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_assessments_create",
        summary="Record a restoration assessment of the referred survivor",
        description=(
            "The receiving side of a live referral that asked for restoration services "
            "(shelter, psychosocial, family, education, vocational or economic support), with "
            "its own organisation's active instrument, dated from the referral's acceptance. "
            "The referring organisation sees the date and domain scores; the assessment does "
            "not count toward the case's own schedule or closure rule."
        ),
        request=InputSerializer,
        responses={201: PartnerAssessmentOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = _received(request, referral_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        assessment = services.partner_assessment_record(
            actor=request.user, referral=referral, **serializer.validated_data
        )
        return Response(
            PartnerAssessmentOutputSerializer(assessment).data, status=status.HTTP_201_CREATED
        )


class PartnerCarePlanDraftApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        summary = serializers.CharField(required=False, allow_blank=True, default="")
        review_due_on = serializers.DateField()
        goals = GoalInputSerializer(many=True, max_length=50)

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_care_plans_create",
        summary="Draft a version of your organisation's care plan for the referred survivor",
        description=(
            "The receiving side of a live referral that asked for restoration services; goals "
            "in the domains of its own instrument. Its supervisor approves it; the referring "
            "organisation sees its status, goals and next review. The case's own plan is "
            "untouched."
        ),
        request=InputSerializer,
        responses={201: PartnerCarePlanOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = _received(request, referral_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        plan = services.partner_care_plan_draft(
            actor=request.user,
            referral=referral,
            summary=data["summary"],
            review_due_on=data["review_due_on"],
            goals=[GoalInput(**g) for g in data["goals"]],
        )
        return Response(PartnerCarePlanOutputSerializer(plan).data, status=status.HTTP_201_CREATED)


class PartnerCarePlanSubmitApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_care_plans_submit",
        summary="Send your organisation's draft plan to its supervisors for approval",
        description=(
            "The receiving side, while the referral gives it access; a draft only, once. Its "
            "supervisors are notified (no task: they reach the plan through the referral). A "
            "plan that is not your organisation's under this referral is not found."
        ),
        request=PlanChoiceSerializer,
        responses={200: PartnerCarePlanOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = _received(request, referral_id)
        serializer = PlanChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.partner_care_plan_submit(
            actor=request.user, referral=referral, plan_id=serializer.validated_data["plan"]
        )
        return Response(PartnerCarePlanOutputSerializer(plan).data)


class PartnerCarePlanApproveApi(ApiView):
    required_perms = (Perm.ASSIGN,)
    refused_as_not_found = True

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_care_plans_approve",
        summary="Approve your organisation's plan waiting for approval (its supervisors)",
        description="Supersedes the partner's previously approved version only; the referring "
        "organisation is told.",
        request=PlanChoiceSerializer,
        responses={200: PartnerCarePlanOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = _received(request, referral_id)
        serializer = PlanChoiceSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        plan = services.partner_care_plan_approve(
            actor=request.user, referral=referral, plan_id=serializer.validated_data["plan"]
        )
        return Response(PartnerCarePlanOutputSerializer(plan).data)

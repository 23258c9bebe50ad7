"""Intakes in progress: quick registrations on a rescue night, listed to complete later.

A draft's answers never leave through here: a list names each by pseudonym and
says which step is next, and when its answers are erased (the retention). The intake itself is completed with ``POST
/api/v1/cases/`` naming the draft, which marks it done.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.cases import vocab
from amparo.cases.selectors import rescue_operation_get_for_user
from amparo.cases.selectors_drafts import (
    draft_summaries,
    intake_draft_get_for_user,
    intake_drafts_for_user,
)
from amparo.cases.services.drafts import (
    QuickRegistration,
    intake_draft_discard,
    rescue_quick_register,
)
from amparo.core.api_base import ApiView, VocabField
from amparo.people.vocab import Sex

NEXT_STEPS = ["case", "survivor", "identity", "incident", "consent", "review"]


class DraftOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="draft.pk")
    pseudonym = serializers.CharField()
    rescue_operation = serializers.IntegerField(source="draft.rescue_operation_id", allow_null=True)
    next_step = serializers.ChoiceField(choices=NEXT_STEPS)
    created_by = serializers.IntegerField(source="draft.created_by_id")
    created_at = serializers.DateTimeField(source="draft.created_at")
    updated_at = serializers.DateTimeField(source="draft.updated_at")
    expires_at = serializers.DateTimeField(
        help_text="When the answers are erased unless the intake is saved again before."
    )


class DraftListApi(ApiView):
    required_perms = (Perm.INTAKE,)

    @extend_schema(
        tags=["cases"],
        operation_id="intake_drafts_list",
        summary="Intakes in progress I may continue, newest first",
        description=(
            "Your own, or your organisation's for who opens every case. By pseudonym and "
            "next step only: the answers stay in the encrypted draft."
        ),
        responses={200: DraftOutputSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        drafts = draft_summaries(intake_drafts_for_user(user=request.user)[:200])
        return Response(DraftOutputSerializer(drafts, many=True).data)


class QuickRegistrationApi(ApiView):
    required_perms = (Perm.INTAKE,)
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        pseudonym = serializers.CharField(max_length=80)
        sex = VocabField(vocab=Sex)
        birth_year = serializers.IntegerField(required=False, allow_null=True, min_value=1900)
        risk_level = VocabField(vocab=vocab.RiskLevel, required=False, default="high")
        given_names = serializers.CharField(required=False, allow_blank=True, max_length=200)
        family_names = serializers.CharField(required=False, allow_blank=True, max_length=200)

    @extend_schema(
        tags=["rescue operations"],
        operation_id="rescue_operations_quick_register",
        summary="Register one person removed in the operation, to complete the intake later",
        description=(
            "The few answers of a rescue night: pseudonym, sex, approximate birth year, risk, "
            "and names if given (encrypted). The draft's incident takes the operation's date "
            "and place; the intake is completed later, with the duplicate check."
        ),
        request=InputSerializer,
        responses={201: DraftOutputSerializer, 400: OpenApiResponse(), 404: OpenApiResponse()},
    )
    def post(self, request: Request, operation_id: int) -> Response:
        operation = rescue_operation_get_for_user(user=request.user, operation_id=operation_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        draft = rescue_quick_register(
            actor=request.user,
            operation=operation,
            data=QuickRegistration(**serializer.validated_data),
        )
        summary = draft_summaries([draft])[0]
        return Response(DraftOutputSerializer(summary).data, status=status.HTTP_201_CREATED)


class DraftDiscardApi(ApiView):
    required_perms = (Perm.INTAKE,)
    refused_as_not_found = True

    @extend_schema(
        tags=["cases"],
        operation_id="intake_drafts_discard",
        summary="Set an intake in progress aside (kept, no longer offered)",
        request=None,
        responses={200: DraftOutputSerializer, 404: OpenApiResponse(), 409: OpenApiResponse()},
    )
    def post(self, request: Request, draft_id: int) -> Response:
        draft = intake_draft_get_for_user(user=request.user, draft_id=draft_id, log_read=False)
        summary = draft_summaries([draft])[0]
        intake_draft_discard(actor=request.user, draft=draft)
        return Response(DraftOutputSerializer(summary).data)

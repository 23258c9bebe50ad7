"""Closure requests: a caseworker asks a supervisor to close a case before its rule is met."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.cases import vocab
from amparo.cases.models import ClosureRequest
from amparo.cases.selectors import CASE_PERMS, case_get_for_user
from amparo.cases.selectors_closure import closure_request_get_for_user, closure_requests_for_case
from amparo.cases.services import (
    closure_request_approve,
    closure_request_create,
    closure_request_decline,
)
from amparo.core.api import error_keys
from amparo.core.api_base import ApiView, VocabField

MAX_TEXT = 2000
DECISION_RESPONSES = {
    400: OpenApiResponse(description="Field errors, or the case cannot close (e.g. closed)"),
    403: OpenApiResponse(description="Only a supervisor decides"),
    404: OpenApiResponse(description="Not found"),
    409: OpenApiResponse(description="The request has already been decided"),
}


class ClosureRequestOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    case = serializers.IntegerField(source="case_id")
    status = serializers.ChoiceField(choices=vocab.ClosureRequestStatus.choices)
    reason = serializers.ChoiceField(choices=vocab.ClosureReason.choices)
    closed_on = serializers.DateField()
    justification = serializers.CharField()
    requested_by = serializers.IntegerField(source="requested_by_id")
    requested_by_name = serializers.CharField(source="requested_by.full_name")
    requested_at = serializers.DateTimeField(source="created_at")
    decided_by = serializers.IntegerField(source="decided_by_id", allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decision_note = serializers.CharField()


class ClosureRequestListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["cases"],
        operation_id="closure_requests_list",
        summary="The case's closure requests, newest first (a read of the file)",
        responses={200: ClosureRequestOutputSerializer(many=True), 404: OpenApiResponse()},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        return Response(
            ClosureRequestOutputSerializer(closure_requests_for_case(case=case), many=True).data
        )


class ClosureRequestCreateApi(ApiView):
    # The door is the case file (404); EDIT_CASE is then refused (403) once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        reason = VocabField(vocab=vocab.ClosureReason)
        closed_on = serializers.DateField(required=False, allow_null=True)
        justification = serializers.CharField(max_length=MAX_TEXT)

    @extend_schema(
        tags=["cases"],
        operation_id="closure_requests_create",
        summary="Ask a supervisor to close the case before its closure rule is met",
        description=(
            "For a worker who may edit the case but not override the closure rule. The "
            "organisation's supervisors are notified; one approves (the case closes, the "
            "justification as the override's reason) or declines. One request waits at a "
            "time per case. A closure that needs no supervisor (the rule is met, or the "
            "reason is withdrew, deceased or duplicate) answers 400: close the case instead."
        ),
        request=InputSerializer,
        responses={
            201: ClosureRequestOutputSerializer,
            400: OpenApiResponse(description="Field errors, or one already waits"),
            403: OpenApiResponse(description="The role may not change cases"),
            404: OpenApiResponse(description="Not found"),
        },
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with error_keys(closure_reason="reason"):
            created = closure_request_create(
                actor=request.user,
                case=case,
                reason=data["reason"],
                closed_on=data.get("closed_on"),
                justification=data["justification"],
            )
        return Response(
            ClosureRequestOutputSerializer(created).data, status=status.HTTP_201_CREATED
        )


def _request(request: Request, case_id: int, request_id: int) -> ClosureRequest:
    return closure_request_get_for_user(
        user=request.user, case_id=case_id, request_id=request_id, log_read=False
    )


class ClosureRequestApproveApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        note = serializers.CharField(required=False, allow_blank=True, max_length=MAX_TEXT)

    @extend_schema(
        tags=["cases"],
        summary="Approve a waiting closure request: the case closes now (supervisors)",
        description=(
            "Closes the case with the request's reason and day, as your override of the "
            "closure rule, the requester's justification as its reason. A request already "
            "decided (by you or another supervisor) answers 409 and changes nothing."
        ),
        request=InputSerializer,
        responses={200: ClosureRequestOutputSerializer, **DECISION_RESPONSES},
    )
    def post(self, request: Request, case_id: int, request_id: int) -> Response:
        closure_request = _request(request, case_id, request_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = closure_request_approve(
            actor=request.user,
            closure_request=closure_request,
            note=serializer.validated_data.get("note", ""),
        )
        return Response(ClosureRequestOutputSerializer(decided).data)


class ClosureRequestDeclineApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        note = serializers.CharField(max_length=MAX_TEXT, help_text="Why not, for the requester.")

    @extend_schema(
        tags=["cases"],
        summary="Decline a waiting closure request with a note: the case stays open (supervisors)",
        request=InputSerializer,
        responses={200: ClosureRequestOutputSerializer, **DECISION_RESPONSES},
    )
    def post(self, request: Request, case_id: int, request_id: int) -> Response:
        closure_request = _request(request, case_id, request_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        decided = closure_request_decline(
            actor=request.user,
            closure_request=closure_request,
            note=serializer.validated_data["note"],
        )
        return Response(ClosureRequestOutputSerializer(decided).data)

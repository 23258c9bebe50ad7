"""Consents of the case's survivor: history, grant, withdraw. Never deleted."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.cases.selectors import CASE_PERMS, case_get_for_user, consents_for_case
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField
from amparo.people import vocab
from amparo.people.inputs import ConsentInput
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_grant, consent_withdraw
from amparo.people.vocab import Section

MAX_ID = 10**18 - 1


class ConsentInputSerializer(serializers.Serializer):
    scope = VocabField(vocab=vocab.ConsentScope)
    given_by = VocabField(vocab=vocab.ConsentGiver)
    given_on = serializers.DateField()
    valid_until = serializers.DateField(required=False, allow_null=True)
    recipient = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        max_value=MAX_ID,
        help_text="Organisation id; only for scope 'share'.",
    )
    sections = serializers.ListField(
        child=VocabField(vocab=Section),
        required=False,
        max_length=20,
        help_text="Parts of the file the survivor agreed to share; required for scope 'share'.",
    )


def consent_input(data: dict) -> ConsentInput:
    fields = dict(data)
    fields["recipient_id"] = fields.pop("recipient", None)
    return ConsentInput(**fields)


class ConsentOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    scope = serializers.CharField()
    given_by = serializers.CharField()
    given_on = serializers.DateField()
    valid_until = serializers.DateField(allow_null=True)
    recipient = serializers.IntegerField(source="recipient_id", allow_null=True)
    recipient_name = serializers.CharField(source="recipient.name", allow_null=True, default=None)
    sections = serializers.ListField(child=serializers.CharField())
    withdrawn_at = serializers.DateTimeField(allow_null=True)
    is_current = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_is_current(self, grant: ConsentGrant) -> bool:
        return grant.is_current()


class ConsentListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["consents"],
        summary="Every consent of the survivor, withdrawn and expired included (logs a read)",
        responses={200: ConsentOutputSerializer(many=True)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        return Response(ConsentOutputSerializer(consents_for_case(case=case), many=True).data)


class ConsentGrantApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["consents"],
        summary="Record a consent the survivor (or caregiver) gave",
        request=ConsentInputSerializer,
        responses={201: ConsentOutputSerializer, 400: OpenApiResponse(description="Field errors")},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = ConsentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        grant = consent_grant(
            actor=request.user, case=case, data=consent_input(serializer.validated_data)
        )
        return Response(ConsentOutputSerializer(grant).data, status=status.HTTP_201_CREATED)


class ConsentWithdrawApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["consents"],
        summary="Withdraw a consent; the grant is kept as history",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={
            200: ConsentOutputSerializer,
            400: OpenApiResponse(description="Already withdrawn"),
            404: OpenApiResponse(description="Not found"),
            409: OpenApiResponse(description="Stale version"),
            428: OpenApiResponse(description="Version missing"),
        },
    )
    def post(self, request: Request, case_id: int, consent_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = expected_version(request, serializer.validated_data.get("version"))
        grant = consent_withdraw(
            actor=request.user, case=case, consent_id=consent_id, expected_version=version
        )
        return with_etag(Response(ConsentOutputSerializer(grant).data), grant.version)

"""The survivor's non-identifying attributes on a case: read and update."""

import dataclasses

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.access import perm_required
from amparo.accounts.roles import Perm
from amparo.cases.selectors import CASE_PERMS, case_get_for_user
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField
from amparo.people import vocab
from amparo.people.age import survivor_age_band
from amparo.people.inputs import SurvivorInput
from amparo.people.models import Survivor
from amparo.people.services import identity_reveal, survivor_update

PSEUDONYM_MAX = Survivor._meta.get_field("pseudonym").max_length


class SurvivorSummarySerializer(serializers.Serializer):
    """What a caseload shows: never more than a pseudonym and an age band."""

    id = serializers.IntegerField()
    pseudonym = serializers.CharField()
    sex = serializers.CharField()
    age_band = serializers.SerializerMethodField()

    def get_age_band(self, survivor: Survivor) -> str:
        return survivor_age_band(survivor, today=timezone.localdate())


class SurvivorOutputSerializer(SurvivorSummarySerializer):
    birth_year = serializers.IntegerField(allow_null=True)
    nationality = serializers.CharField()
    languages = serializers.ListField(child=serializers.CharField())
    disability = serializers.CharField()
    displacement = serializers.CharField()
    version = serializers.IntegerField()


class SurvivorInputSerializer(serializers.Serializer):
    pseudonym = serializers.CharField(max_length=PSEUDONYM_MAX, allow_blank=True)
    sex = VocabField(vocab=vocab.Sex)
    birth_year = serializers.IntegerField(required=False, allow_null=True)
    nationality = VocabField(vocab=vocab.Nationality, required=False, allow_blank=True)
    languages = serializers.ListField(
        child=VocabField(vocab=vocab.Language), required=False, max_length=20
    )
    disability = VocabField(vocab=vocab.Disability, required=False)
    displacement = VocabField(vocab=vocab.Displacement, required=False)


def survivor_input(survivor: Survivor, changes: dict) -> SurvivorInput:
    """The survivor's current attributes with ``changes`` applied (PATCH semantics)."""
    current = {f.name: getattr(survivor, f.name) for f in dataclasses.fields(SurvivorInput)}
    return SurvivorInput(**{**current, **changes})


class SurvivorDetailApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["survivors"],
        summary="The survivor's non-identifying attributes (logs a read of the case)",
        responses={200: SurvivorOutputSerializer, 404: OpenApiResponse(description="Not found")},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        survivor = case.survivor
        return with_etag(Response(SurvivorOutputSerializer(survivor).data), survivor.version)


class SurvivorUpdateApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(SurvivorInputSerializer):
        pseudonym = serializers.CharField(
            max_length=PSEUDONYM_MAX, allow_blank=True, required=False
        )
        sex = VocabField(vocab=vocab.Sex, required=False)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["survivors"],
        summary="Change the survivor's non-identifying attributes",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={
            200: SurvivorOutputSerializer,
            400: OpenApiResponse(description="Field errors"),
            409: OpenApiResponse(description="Stale version"),
            428: OpenApiResponse(description="Version missing"),
        },
    )
    def patch(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = expected_version(request, changes.pop("version", None))
        survivor = survivor_update(
            actor=request.user,
            case=case,
            expected_version=version,
            data=survivor_input(case.survivor, changes),
        )
        return with_etag(Response(SurvivorOutputSerializer(survivor).data), survivor.version)


class IdentityRevealApi(ApiView):
    """The one way to read a survivor's identity: a stated reason, an audit row, no cache."""

    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(allow_blank=True, max_length=2000)

    class OutputSerializer(serializers.Serializer):
        given_names = serializers.CharField()
        family_names = serializers.CharField()
        other_names = serializers.CharField()
        date_of_birth = serializers.DateField(allow_null=True)
        phone = serializers.CharField()
        address = serializers.CharField()
        national_id = serializers.CharField()
        narrative = serializers.CharField()

    @extend_schema(
        tags=["survivors"],
        summary="Reveal the survivor's identity, stating why (audited)",
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="No reason given; nothing is recorded"),
            403: OpenApiResponse(description="The role may not see identities"),
            404: OpenApiResponse(description="Not found"),
        },
    )
    def post(self, request: Request, case_id: int) -> Response:
        # The reveal event is the record of this read; no separate case.viewed.
        case = case_get_for_user(user=request.user, case_id=case_id, log_read=False)
        # Not the declaration (CASE_PERMS): declared, a role that opens the file but
        # may not reveal (the admin) would get 404 for a case it can see, not 403.
        # Asked here, after the 404 and before the body is checked, as before; the
        # service checks the same.
        perm_required(request.user, Perm.REVEAL_IDENTITY)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        identity = identity_reveal(
            actor=request.user, case=case, reason=serializer.validated_data["reason"]
        )
        return Response(self.OutputSerializer(identity).data, status=status.HTTP_200_OK)

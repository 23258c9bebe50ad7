"""Accused persons: list, add, update (versioned), and the audited identity reveal."""

import dataclasses

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.cases.vocab import PerpetratorRelation
from amparo.core.age import GbvimsAgeBand
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField
from amparo.justice import selectors, services, vocab
from amparo.justice.api.common import (
    READ_RESPONSES,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    AccusedOutputSerializer,
    legal_case_for_read,
    legal_case_for_write,
)
from amparo.justice.inputs import AccusedInput
from amparo.justice.models import Accused
from amparo.people.vocab import Sex


class AccusedInputSerializer(serializers.Serializer):
    pseudonym = serializers.CharField(max_length=80, allow_blank=True)
    full_name = serializers.CharField(
        required=False, allow_blank=True, max_length=300, help_text="Encrypted; write-only."
    )
    identity_notes = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, help_text="Encrypted; write-only."
    )
    sex = VocabField(vocab=Sex, required=False)
    age_band = VocabField(vocab=GbvimsAgeBand, required=False)
    relation_to_victim = VocabField(vocab=PerpetratorRelation, required=False)
    role = VocabField(vocab=vocab.AccusedRole, required=False, allow_blank=True)
    custody_status = VocabField(vocab=vocab.CustodyStatus, required=False)


class AccusedListApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["accused"],
        summary="The accused of a legal case, by pseudonym, with their charges (logs a read)",
        responses={200: AccusedOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_read(request, legal_case_id)
        accused = selectors.legal_case_accused(legal_case=legal_case)
        return Response(AccusedOutputSerializer(accused, many=True).data)


class AccusedCreateApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(AccusedInputSerializer):
        pass

    @extend_schema(
        tags=["accused"],
        summary="Add an accused person; the identity is encrypted and never returned here",
        request=InputSerializer,
        responses={201: AccusedOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        accused = services.accused_add(
            actor=request.user,
            legal_case=legal_case,
            data=AccusedInput(**serializer.validated_data),
        )
        return with_etag(
            Response(AccusedOutputSerializer(accused).data, status=status.HTTP_201_CREATED),
            accused.version,
        )


def accused_input(accused: Accused, changes: dict) -> AccusedInput:
    """The accused's current details with ``changes`` applied (PATCH semantics)."""
    current = {f.name: getattr(accused, f.name) for f in dataclasses.fields(AccusedInput)}
    return AccusedInput(**{**current, **changes})


class AccusedUpdateApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(AccusedInputSerializer):
        pseudonym = serializers.CharField(max_length=80, allow_blank=True, required=False)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["accused"],
        summary="Change an accused person's details",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: AccusedOutputSerializer, **VERSIONED_RESPONSES},
    )
    def patch(self, request: Request, legal_case_id: int, accused_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        accused = selectors.accused_get(legal_case=legal_case, accused_id=accused_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = expected_version(request, changes.pop("version", None))
        updated = services.accused_update(
            actor=request.user,
            accused=accused,
            expected_version=version,
            data=accused_input(accused, changes),
        )
        return with_etag(Response(AccusedOutputSerializer(updated).data), updated.version)


class AccusedRevealApi(ApiView):
    """The one way to read an accused's identity: a stated reason, an audit row, no cache."""

    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(allow_blank=True, max_length=2000)

    class OutputSerializer(serializers.Serializer):
        full_name = serializers.CharField()
        identity_notes = serializers.CharField()

    @extend_schema(
        tags=["accused"],
        summary="Reveal an accused person's identity, stating why (audited)",
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="No reason given; nothing is recorded"),
            403: OpenApiResponse(description="The role may not see identities"),
            **READ_RESPONSES,
        },
    )
    def post(self, request: Request, legal_case_id: int, accused_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id, perm=Perm.REVEAL_IDENTITY)
        accused = selectors.accused_get(legal_case=legal_case, accused_id=accused_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        identity = services.accused_identity_reveal(
            actor=request.user, accused=accused, reason=serializer.validated_data["reason"]
        )
        return Response(self.OutputSerializer(identity).data)

"""Incidents of a case: list, record, read, update. Type and contexts are derived."""

import dataclasses

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.cases import vocab
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Incident
from amparo.cases.selectors import (
    CASE_PERMS,
    case_get_for_user,
    incident_get_for_user,
    incidents_for_case,
)
from amparo.cases.services import incident_record, incident_update
from amparo.core.age import GbvimsAgeBand
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField

PLACE_MAX = Incident._meta.get_field("admin1").max_length
VERSIONED_RESPONSES = {
    400: OpenApiResponse(description="Field errors"),
    404: OpenApiResponse(description="Not found"),
    409: OpenApiResponse(description="Stale version"),
    428: OpenApiResponse(description="Version missing"),
}


def _vocab_list(choices: type) -> serializers.ListField:
    return serializers.ListField(child=VocabField(vocab=choices), required=False, max_length=30)


class IncidentInputSerializer(serializers.Serializer):
    occurred_on = serializers.DateField()
    date_is_estimated = serializers.BooleanField(required=False)
    country = serializers.CharField(required=False, min_length=2, max_length=2)
    admin1 = serializers.CharField(max_length=PLACE_MAX, allow_blank=True)
    admin2 = serializers.CharField(max_length=PLACE_MAX, allow_blank=True, required=False)
    q_penetration = serializers.BooleanField(required=False)
    q_sexual_contact = serializers.BooleanField(required=False)
    q_physical = serializers.BooleanField(required=False)
    q_forced_marriage = serializers.BooleanField(required=False)
    q_denial = serializers.BooleanField(required=False)
    q_psychological = serializers.BooleanField(required=False)
    money_or_goods_exchanged = serializers.BooleanField(required=False)
    abduction_status = VocabField(vocab=vocab.AbductionStatus, required=False)
    contexts = serializers.ListField(
        child=VocabField(vocab=vocab.ChosenContext),
        required=False,
        max_length=30,
        help_text="The chosen contexts only: the others are derived.",
    )
    exploitation_types = _vocab_list(vocab.Exploitation)
    means_of_control = _vocab_list(vocab.MeansOfControl)
    labour_types = _vocab_list(vocab.LabourType)
    sexual_exploitation_types = _vocab_list(vocab.SexualExploitationType)
    recruiter_relation = VocabField(vocab=vocab.RecruiterRelation, required=False, allow_blank=True)
    recruitment_methods = _vocab_list(vocab.RecruitmentMethod)
    trafficking_status = VocabField(vocab=vocab.TraffickingStatus, required=False, allow_blank=True)
    trafficking_status_decided_by = VocabField(
        vocab=vocab.DecidingOrganisation, required=False, allow_blank=True
    )
    perpetrator_count = serializers.IntegerField(required=False)
    perpetrator_sex = VocabField(vocab=vocab.PerpetratorSex, required=False)
    perpetrator_age_band = VocabField(vocab=GbvimsAgeBand, required=False)
    perpetrator_relation = VocabField(vocab=vocab.PerpetratorRelation, required=False)
    perpetrator_roles = _vocab_list(vocab.PerpetratorRole)
    reported_to_police = serializers.BooleanField(required=False)
    police_reported_on = serializers.DateField(required=False, allow_null=True)
    reported_on = serializers.DateField(
        required=False,
        allow_null=True,
        help_text="First reported to the organisation; empty: the case's opening date.",
    )
    description = serializers.CharField(required=False, allow_blank=True)


class IncidentOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Incident
        fields = [
            "id",
            *(f.name for f in dataclasses.fields(IncidentInput)),
            "gbv_type",
            "survivor_age",
            "survivor_age_exact",
            "report_delay",
            "version",
            "created_at",
            "updated_at",
        ]


def incident_input(incident: Incident | None, changes: dict) -> IncidentInput:
    """An incident's current answers with ``changes`` applied (PATCH semantics); derived
    contexts are not answers, so they are left out of the current ones."""
    current = (
        {}
        if incident is None
        else {f.name: getattr(incident, f.name) for f in dataclasses.fields(IncidentInput)}
    )
    if "contexts" in current:
        current["contexts"] = [c for c in current["contexts"] if c not in vocab.DERIVED_CONTEXTS]
    return IncidentInput(**{**current, **changes})


class IncidentListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["incidents"],
        summary="The case's incidents (logs a read of the case)",
        responses={200: IncidentOutputSerializer(many=True)},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        return Response(IncidentOutputSerializer(incidents_for_case(case=case), many=True).data)


class IncidentCreateApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["incidents"],
        summary="Record another incident on the case",
        request=IncidentInputSerializer,
        responses={201: IncidentOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = IncidentInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        incident = incident_record(
            actor=request.user, case=case, data=incident_input(None, serializer.validated_data)
        )
        return with_etag(
            Response(IncidentOutputSerializer(incident).data, status=status.HTTP_201_CREATED),
            incident.version,
        )


class IncidentDetailApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["incidents"],
        summary="One incident (logs a read of the case)",
        responses={200: IncidentOutputSerializer, 404: OpenApiResponse(description="Not found")},
    )
    def get(self, request: Request, case_id: int, incident_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        incident = incident_get_for_user(user=request.user, case=case, incident_id=incident_id)
        return with_etag(Response(IncidentOutputSerializer(incident).data), incident.version)


class IncidentUpdateApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(IncidentInputSerializer):
        occurred_on = serializers.DateField(required=False)
        admin1 = serializers.CharField(max_length=PLACE_MAX, allow_blank=True, required=False)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["incidents"],
        summary="Change an incident; its type, contexts and report delay are derived again",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: IncidentOutputSerializer, **VERSIONED_RESPONSES},
    )
    def patch(self, request: Request, case_id: int, incident_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        incident = incident_get_for_user(user=request.user, case=case, incident_id=incident_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = expected_version(request, changes.pop("version", None))
        updated = incident_update(
            actor=request.user,
            incident=incident,
            expected_version=version,
            data=incident_input(incident, changes),
        )
        return with_etag(Response(IncidentOutputSerializer(updated).data), updated.version)

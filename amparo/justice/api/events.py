"""Stage events (list, record, correct), charges, and verdict and sentence per charge."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.core.api import error_keys
from amparo.core.api_base import ApiView, VocabField
from amparo.justice import selectors, services, vocab
from amparo.justice.api.common import (
    MAX_ID,
    READ_RESPONSES,
    WRITE_RESPONSES,
    ChargeOutputSerializer,
    legal_case_for_read,
    legal_case_for_write,
)
from amparo.justice.inputs import SentenceInput


class StageEventOutputSerializer(serializers.Serializer):
    """A dated stage. A correction supersedes the old event, which stays in the list."""

    id = serializers.IntegerField()
    stage = serializers.CharField()
    occurred_on = serializers.DateField()
    note = serializers.CharField()
    recorded_at = serializers.DateTimeField()
    superseded_at = serializers.DateTimeField(allow_null=True)
    superseded_by = serializers.IntegerField(source="superseded_by_id", allow_null=True)
    correction_reason = serializers.CharField()


class StageEventListApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["stages"],
        summary="Every stage event of a legal case, superseded ones included (logs a read)",
        responses={200: StageEventOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_read(request, legal_case_id)
        events = selectors.legal_case_timeline(legal_case=legal_case)
        return Response(StageEventOutputSerializer(events, many=True).data)


class StageEventCreateApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        stage = VocabField(vocab=vocab.Stage)
        occurred_on = serializers.DateField()
        note = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    @extend_schema(
        tags=["stages"],
        summary="Record that the legal case reached a stage (verdict and sentence: per charge)",
        request=InputSerializer,
        responses={201: StageEventOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        event = services.stage_record(
            actor=request.user, legal_case=legal_case, **serializer.validated_data
        )
        return Response(StageEventOutputSerializer(event).data, status=status.HTTP_201_CREATED)


class StageEventCorrectApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        occurred_on = serializers.DateField()
        reason = serializers.CharField(allow_blank=True, max_length=300)

    @extend_schema(
        tags=["stages"],
        summary="Correct a stage's date; the old event is kept, marked superseded",
        request=InputSerializer,
        responses={201: StageEventOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int, event_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        event = selectors.stage_event_get(legal_case=legal_case, event_id=event_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        corrected = services.stage_correct(
            actor=request.user,
            event_id=event.pk,
            legal_case=legal_case,
            **serializer.validated_data,
        )
        return Response(StageEventOutputSerializer(corrected).data, status=status.HTTP_201_CREATED)


class ChargeCreateApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        offence = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    @extend_schema(
        tags=["charges"],
        summary="Charge an accused with an offence from the country's list",
        request=InputSerializer,
        responses={201: ChargeOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int, accused_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        accused = selectors.accused_get(legal_case=legal_case, accused_id=accused_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with error_keys(offence_id="offence"):
            charge = services.charge_add(
                actor=request.user,
                accused=accused,
                offence_id=serializer.validated_data["offence"],
            )
        charge = selectors.charge_get(legal_case=legal_case, charge_id=charge.pk)
        return Response(ChargeOutputSerializer(charge).data, status=status.HTTP_201_CREATED)


class VerdictRecordApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        verdict = VocabField(vocab=vocab.Verdict)
        verdict_on = serializers.DateField()

    @extend_schema(
        tags=["charges"],
        summary="Record the verdict on one charge (needs the trial)",
        request=InputSerializer,
        responses={200: ChargeOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int, charge_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        charge = selectors.charge_get(legal_case=legal_case, charge_id=charge_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        charge = services.verdict_record(
            actor=request.user, charge=charge, **serializer.validated_data
        )
        return Response(ChargeOutputSerializer(charge).data)


class SentenceRecordApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        sentenced_on = serializers.DateField()
        custody_months = serializers.IntegerField(required=False, allow_null=True)
        fine_amount = serializers.DecimalField(
            max_digits=12, decimal_places=2, required=False, allow_null=True
        )
        reparation_ordered = serializers.BooleanField(required=False, default=False)
        reparation_amount = serializers.DecimalField(
            max_digits=12, decimal_places=2, required=False, allow_null=True
        )

    @extend_schema(
        tags=["charges"],
        summary="Record the sentence on a charge that ended in conviction",
        request=InputSerializer,
        responses={200: ChargeOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int, charge_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        charge = selectors.charge_get(legal_case=legal_case, charge_id=charge_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        charge = services.sentence_record(
            actor=request.user, charge=charge, data=SentenceInput(**serializer.validated_data)
        )
        return Response(ChargeOutputSerializer(charge).data)

"""Hearings: list, schedule, record the outcome (versioned), and upcoming hearings."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.core.api import error_keys, expected_version, with_etag
from amparo.core.api_base import (
    IF_MATCH,
    PAGE_PARAMETERS,
    ApiView,
    DateTimeInputField,
    VocabField,
    paginated_response,
    paginated_schema,
)
from amparo.justice import selectors, services, vocab
from amparo.justice.api.common import (
    MAX_ID,
    READ_RESPONSES,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    legal_case_for_read,
    legal_case_for_write,
)
from amparo.justice.inputs import HearingOutcomeInput, HearingPostponementInput


class HearingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    legal_case = serializers.IntegerField(source="legal_case_id")
    scheduled_for = serializers.DateTimeField()
    kind = serializers.CharField()
    court = serializers.IntegerField(source="court_id")
    outcome = serializers.CharField()
    postponement_reason = serializers.CharField()
    survivor_testified = serializers.BooleanField()
    testimony_setting = serializers.CharField()
    accompanied_by = serializers.CharField()
    notes = serializers.CharField()
    rescheduled_from = serializers.IntegerField(source="rescheduled_from_id", allow_null=True)
    version = serializers.IntegerField()


class HearingListApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["hearings"],
        summary="The hearings of a legal case, oldest first (logs a read)",
        responses={200: HearingOutputSerializer(many=True), **READ_RESPONSES},
    )
    def get(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_read(request, legal_case_id)
        hearings = selectors.legal_case_hearings(legal_case=legal_case)
        return Response(HearingOutputSerializer(hearings, many=True).data)


class HearingScheduleApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        scheduled_for = DateTimeInputField()
        kind = VocabField(vocab=vocab.HearingType)
        court = serializers.IntegerField(
            required=False,
            allow_null=True,
            min_value=1,
            max_value=MAX_ID,
            help_text="Defaults to the legal case's court.",
        )

    @extend_schema(
        tags=["hearings"],
        summary="Schedule a hearing",
        request=InputSerializer,
        responses={201: HearingOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with error_keys(court_id="court"):
            hearing = services.hearing_schedule(
                actor=request.user,
                legal_case=legal_case,
                scheduled_for=data["scheduled_for"],
                kind=data["kind"],
                court_id=data.get("court"),
            )
        return with_etag(
            Response(HearingOutputSerializer(hearing).data, status=status.HTTP_201_CREATED),
            hearing.version,
        )


class HearingOutcomeApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        outcome = VocabField(vocab=vocab.HearingOutcome)
        postponement_reason = VocabField(
            vocab=vocab.PostponementReason, required=False, allow_blank=True
        )
        survivor_testified = serializers.BooleanField(required=False, default=False)
        testimony_setting = VocabField(
            vocab=vocab.TestimonySetting, required=False, allow_blank=True
        )
        accompanied_by = serializers.CharField(required=False, allow_blank=True, max_length=120)
        notes = serializers.CharField(required=False, allow_blank=True, max_length=2000)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["hearings"],
        summary="Record what happened: held, postponed (with a reason) or cancelled",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: HearingOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int, hearing_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        hearing = selectors.hearing_get(legal_case=legal_case, hearing_id=hearing_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = expected_version(request, data.pop("version", None))
        updated = services.hearing_record_outcome(
            actor=request.user,
            hearing=hearing,
            expected_version=version,
            data=HearingOutcomeInput(**data),
        )
        return with_etag(Response(HearingOutputSerializer(updated).data), updated.version)


class HearingPostponeApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        postponement_reason = VocabField(vocab=vocab.PostponementReason)
        scheduled_for = DateTimeInputField(help_text="When the hearing is now to be held.")
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["hearings"],
        summary="Postpone a scheduled hearing (with a reason) and schedule it on its new date",
        description=(
            "The hearing is recorded as postponed; the new hearing, of the same type at the "
            "same court, is returned with `rescheduled_from` naming it."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={201: HearingOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int, hearing_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        hearing = selectors.hearing_get(legal_case=legal_case, hearing_id=hearing_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        version = expected_version(request, data.pop("version", None))
        rescheduled = services.hearing_postpone(
            actor=request.user,
            hearing=hearing,
            expected_version=version,
            data=HearingPostponementInput(**data),
        )
        return with_etag(
            Response(HearingOutputSerializer(rescheduled).data, status=status.HTTP_201_CREATED),
            rescheduled.version,
        )


class UpcomingHearingListApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS

    class FilterSerializer(serializers.Serializer):
        days = serializers.IntegerField(required=False, default=28, min_value=1, max_value=366)
        mine = serializers.BooleanField(required=False, default=True)

    class OutputSerializer(HearingOutputSerializer):
        legal_case_title = serializers.CharField(source="legal_case.title")
        court_name = serializers.CharField(source="court.name")

    @extend_schema(
        tags=["hearings"],
        summary="Scheduled hearings of the coming days: mine, or all I may see",
        parameters=[
            OpenApiParameter("days", int, description="How many days ahead (default 28)."),
            OpenApiParameter("mine", bool, description="Only legal cases I am on (default)."),
        ],
        responses={
            200: OutputSerializer(many=True),
            403: OpenApiResponse(description="The role has no caseload"),
        },
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        hearings = selectors.upcoming_hearings(user=request.user, **filters.validated_data)
        return Response(self.OutputSerializer(hearings, many=True).data)


class AwaitingOutcomeHearingListApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS

    class FilterSerializer(serializers.Serializer):
        mine = serializers.BooleanField(required=False, default=True)

    @extend_schema(
        tags=["hearings"],
        operation_id="hearings_awaiting_outcome_list",
        summary="Hearings already held whose outcome is still to record, oldest first",
        parameters=[
            OpenApiParameter("mine", bool, description="Only legal cases I am on (default)."),
            *PAGE_PARAMETERS,
        ],
        responses={
            200: paginated_schema(
                UpcomingHearingListApi.OutputSerializer, name="PaginatedAwaitingHearingList"
            ),
            403: OpenApiResponse(description="The role has no caseload"),
        },
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.hearings_awaiting_outcome(
                user=request.user, **filters.validated_data
            ),
            serializer_class=UpcomingHearingListApi.OutputSerializer,
        )

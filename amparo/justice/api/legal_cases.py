"""Legal cases: list, open, read, close; link victims and assign lawyers."""

import datetime

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api import error_keys, expected_version, with_etag
from amparo.core.api_base import (
    IF_MATCH,
    PAGE_PARAMETERS,
    ApiView,
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
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import LegalCase


class LegalCaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    court = serializers.IntegerField(source="court_id")
    court_name = serializers.CharField(source="court.name")
    offence_category = serializers.CharField()
    status = serializers.CharField()
    current_stage = serializers.CharField(allow_null=True)
    complaint_on = serializers.DateField(allow_null=True)
    closed_on = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()


class NextHearingSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    scheduled_for = serializers.DateTimeField()
    kind = serializers.CharField()
    court = serializers.IntegerField(source="court_id")
    court_name = serializers.CharField(source="court.name")


class LegalCaseListItemSerializer(LegalCaseSummarySerializer):
    next_hearing = serializers.SerializerMethodField()

    @extend_schema_field(NextHearingSerializer(allow_null=True))
    def get_next_hearing(self, legal_case: LegalCase) -> dict | None:
        coming = legal_case.coming_hearings  # type: ignore[attr-defined]  # legal_caseload prefetches it
        return NextHearingSerializer(coming[0]).data if coming else None


class LegalCaseListApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=100,
            help_text="Part of a victim's case code or pseudonym (the title is encrypted).",
        )
        status = serializers.CharField(required=False, allow_blank=True, max_length=20)
        stage = serializers.CharField(required=False, allow_blank=True, max_length=20)
        court = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
        mine = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        tags=["legal cases"],
        operation_id="legal_cases_list",
        summary="Legal cases I may see: mine (lawyers) or the organisation's (supervisors)",
        parameters=[FilterSerializer, *PAGE_PARAMETERS],
        responses={
            200: paginated_schema(LegalCaseListItemSerializer, name="PaginatedLegalCaseList"),
            403: OpenApiResponse(description="The role has no caseload"),
        },
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        legal_cases = selectors.legal_caseload(
            user=request.user,
            query=data.get("q", ""),
            status=data.get("status", ""),
            stage=data.get("stage", ""),
            court_id=data.get("court"),
            mine=data["mine"],
        )
        return paginated_response(
            request=request,
            view=self,
            queryset=legal_cases,
            serializer_class=LegalCaseListItemSerializer,
        )


class LegalCaseCreateApi(ApiView):
    required_perms = (Perm.EDIT_CASE,)

    class InputSerializer(serializers.Serializer):
        title = serializers.CharField(max_length=120, allow_blank=True)
        court = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        offence_category = VocabField(vocab=vocab.OffenceCategory)
        reference = serializers.CharField(required=False, allow_blank=True, max_length=200)
        complaint_on = serializers.DateField(required=False, allow_null=True)
        victims = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            required=False,
            max_length=50,
            help_text="Ids of survivors' cases of your organisation that you can open.",
        )
        lawyers = serializers.ListField(
            child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
            required=False,
            max_length=20,
            help_text="User ids of lawyers or supervisors of your organisation.",
        )

    @extend_schema(
        tags=["legal cases"],
        summary="Open a legal case for one or more survivors' cases",
        request=InputSerializer,
        responses={201: LegalCaseSummarySerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with error_keys(court_id="court", victim_case_ids="victims", lawyer_ids="lawyers"):
            legal_case = services.legal_case_open(
                actor=request.user,
                data=LegalCaseInput(
                    title=data["title"],
                    court_id=data["court"],
                    offence_category=data["offence_category"],
                    reference=data.get("reference", ""),
                    complaint_on=data.get("complaint_on"),
                    victim_case_ids=data.get("victims", []),
                    lawyer_ids=data.get("lawyers", []),
                ),
            )
        return with_etag(
            Response(LegalCaseSummarySerializer(legal_case).data, status=status.HTTP_201_CREATED),
            legal_case.version,
        )


class VictimOutputSerializer(serializers.Serializer):
    """A victim of the legal case: the survivor's case code and pseudonym, never an identity.

    A victim whose case was transferred to another organisation shows only the
    code it had here (``case`` and ``pseudonym`` are null, ``transferred`` true).
    """

    case = serializers.IntegerField(source="case_id", allow_null=True)
    code = serializers.CharField()
    pseudonym = serializers.CharField(allow_null=True)
    transferred = serializers.BooleanField()


class LawyerOutputSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.full_name")
    assigned_at = serializers.DateTimeField()


class LegalCaseDetailApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class OutputSerializer(LegalCaseSummarySerializer):
        reference = serializers.CharField()
        closure_reason = serializers.CharField()
        convicted = serializers.BooleanField()
        stages = serializers.SerializerMethodField()
        victims = serializers.SerializerMethodField()
        lawyers = serializers.SerializerMethodField()

        def get_stages(self, legal_case: LegalCase) -> dict[str, datetime.date | None]:
            return {s: getattr(legal_case, LegalCase.stage_column(s)) for s in vocab.STAGE_ORDER}

        @extend_schema_field(VictimOutputSerializer(many=True))
        def get_victims(self, legal_case: LegalCase) -> list[dict]:
            return VictimOutputSerializer(self.context["victims"], many=True).data

        @extend_schema_field(LawyerOutputSerializer(many=True))
        def get_lawyers(self, legal_case: LegalCase) -> list[dict]:
            return LawyerOutputSerializer(self.context["lawyers"], many=True).data

    @extend_schema(
        tags=["legal cases"],
        summary="A legal case: the date each stage was reached, victims (case code and "
        "pseudonym), lawyers (logs a read)",
        responses={200: OutputSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_read(request, legal_case_id)
        context = {
            "victims": selectors.legal_case_victims(legal_case=legal_case),
            "lawyers": selectors.legal_case_lawyers(legal_case=legal_case),
        }
        data = self.OutputSerializer(legal_case, context=context).data
        return with_etag(Response(data), legal_case.version)


class LegalCaseCloseApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        reason = VocabField(vocab=vocab.LegalClosureReason)
        closed_on = serializers.DateField(required=False, allow_null=True)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["legal cases"],
        summary="Close the legal case with a reason; it is kept, never deleted",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: LegalCaseSummarySerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = expected_version(request, data.get("version"))
        with error_keys(closure_reason="reason"):
            closed = services.legal_case_close(
                actor=request.user,
                legal_case=legal_case,
                expected_version=version,
                reason=data["reason"],
                closed_on=data.get("closed_on"),
            )
        return with_etag(Response(LegalCaseSummarySerializer(closed).data), closed.version)


class VictimLinkApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        case = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    @extend_schema(
        tags=["legal cases"],
        summary="Link another survivor's case (victim) to the legal case",
        request=InputSerializer,
        responses={200: LegalCaseSummarySerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with error_keys(case_id="case"):
            services.legal_case_link_victim(
                actor=request.user,
                legal_case=legal_case,
                case_id=serializer.validated_data["case"],
            )
        return Response(LegalCaseSummarySerializer(legal_case).data)


class LawyerAssignApi(ApiView):
    required_perms = selectors.CASELOAD_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        user = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    @extend_schema(
        tags=["legal cases"],
        summary="Put a lawyer or supervisor of the organisation on the legal case",
        request=InputSerializer,
        responses={201: LegalCaseSummarySerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, legal_case_id: int) -> Response:
        legal_case = legal_case_for_write(request, legal_case_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with error_keys(user_id="user"):
            services.lawyer_assign(
                actor=request.user,
                legal_case=legal_case,
                user_id=serializer.validated_data["user"],
            )
        return Response(LegalCaseSummarySerializer(legal_case).data, status=status.HTTP_201_CREATED)

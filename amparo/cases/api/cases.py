"""Cases: caseload, intake, the case file, update and closure."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.cases import vocab
from amparo.cases.api.consents import (
    MAX_ID,
    ConsentInputSerializer,
    ConsentOutputSerializer,
    consent_input,
)
from amparo.cases.api.incidents import (
    IncidentInputSerializer,
    IncidentOutputSerializer,
    incident_input,
)
from amparo.cases.api.notes import NoteOutputSerializer
from amparo.cases.api.survivors import (
    SurvivorInputSerializer,
    SurvivorOutputSerializer,
    SurvivorSummarySerializer,
)
from amparo.cases.inputs import IntakeInput
from amparo.cases.models import Case
from amparo.cases.selectors import CASE_PERMS, case_file_get, case_get_for_user, caseload_list
from amparo.cases.services import case_close, case_update, intake_submit
from amparo.core.api import error_keys, expected_version, with_etag
from amparo.core.api_base import (
    IF_MATCH,
    PAGE_PARAMETERS,
    ApiView,
    VocabField,
    paginated_response,
    paginated_schema,
)
from amparo.people.inputs import IdentityInput, SurvivorInput

CODE_MAX = Case._meta.get_field("code").max_length
VERSIONED_RESPONSES = {
    400: OpenApiResponse(description="Field errors"),
    403: OpenApiResponse(description="The role may not change cases"),
    404: OpenApiResponse(description="Not found"),
    409: OpenApiResponse(description="Stale version"),
    428: OpenApiResponse(description="Version missing"),
}


class CaseSummarySerializer(serializers.Serializer):
    """A caseload entry: case code and pseudonym, never an identity field."""

    id = serializers.IntegerField()
    code = serializers.CharField()
    status = serializers.CharField()
    risk_level = serializers.CharField()
    opened_on = serializers.DateField()
    survivor = SurvivorSummarySerializer()
    version = serializers.IntegerField()


class CaseListApi(ApiView):
    required_perms = CASE_PERMS

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, max_length=100)
        status = serializers.CharField(required=False, allow_blank=True, max_length=20)
        risk_level = serializers.CharField(required=False, allow_blank=True, max_length=20)
        mine = serializers.BooleanField(required=False, default=False)
        unassigned = serializers.BooleanField(required=False, default=False)
        flagged = serializers.BooleanField(
            required=False, default=False, help_text="Only cases with a flag not yet resolved."
        )

    @extend_schema(
        tags=["cases"],
        operation_id="cases_list",
        summary="My caseload, searched by case code or pseudonym",
        description=(
            "A search by name is ``POST /api/v1/cases/search/`` with the name in the body: "
            "a URL ends up in access logs and proxies, so ``by_name`` here answers 400."
        ),
        parameters=[FilterSerializer, *PAGE_PARAMETERS],
        responses={
            200: paginated_schema(CaseSummarySerializer, name="PaginatedCaseList"),
            400: OpenApiResponse(description="Field errors, or a search by name in the URL"),
            403: OpenApiResponse(description="The role has no caseload"),
        },
    )
    def get(self, request: Request) -> Response:
        if "by_name" in request.query_params:
            # Refused, not ignored: ignoring it would search the name as a pseudonym.
            raise serializers.ValidationError(
                {
                    "by_name": [
                        _("Search by name with POST /api/v1/cases/search/, the name in the body.")
                    ]
                }
            )
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        cases = caseload_list(
            user=request.user,
            query=filters.validated_data.get("q", ""),
            status=filters.validated_data.get("status", ""),
            risk_level=filters.validated_data.get("risk_level", ""),
            mine=filters.validated_data["mine"],
            unassigned=filters.validated_data["unassigned"],
            flagged=filters.validated_data["flagged"],
        )
        return paginated_response(
            request=request, view=self, queryset=cases, serializer_class=CaseSummarySerializer
        )


class IdentityInputSerializer(serializers.Serializer):
    given_names = serializers.CharField(required=False, allow_blank=True, max_length=200)
    family_names = serializers.CharField(required=False, allow_blank=True, max_length=200)
    other_names = serializers.CharField(required=False, allow_blank=True, max_length=500)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    phone = serializers.CharField(required=False, allow_blank=True, max_length=50)
    address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    national_id = serializers.CharField(required=False, allow_blank=True, max_length=50)
    narrative = serializers.CharField(required=False, allow_blank=True)


class CaseCreateApi(ApiView):
    required_perms = (Perm.INTAKE,)

    class InputSerializer(serializers.Serializer):
        origin = VocabField(vocab=vocab.CaseOrigin)
        opened_on = serializers.DateField()
        risk_level = VocabField(vocab=vocab.RiskLevel, required=False)
        case_code = serializers.CharField(required=False, allow_blank=True, max_length=CODE_MAX)
        rescue_operation = serializers.IntegerField(
            required=False, allow_null=True, min_value=1, max_value=MAX_ID
        )
        survivor = SurvivorInputSerializer()
        identity = IdentityInputSerializer(required=False, allow_null=True)
        incident = IncidentInputSerializer()
        consents = ConsentInputSerializer(many=True, required=False, max_length=20)
        first_note = serializers.CharField(required=False, allow_blank=True)

    @extend_schema(
        tags=["cases"],
        summary="Intake: register a survivor and open their case",
        request=InputSerializer,
        responses={
            201: CaseSummarySerializer,
            400: OpenApiResponse(description="Field errors (dotted keys); nothing was written"),
            403: OpenApiResponse(description="The role may not run an intake"),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        intake = IntakeInput(
            origin=data.pop("origin"),
            opened_on=data.pop("opened_on"),
            survivor=SurvivorInput(**data.pop("survivor")),
            identity=IdentityInput(**(data.pop("identity", None) or {})),
            incident=incident_input(None, data.pop("incident")),
            consents=[consent_input(c) for c in data.pop("consents", [])],
            rescue_operation_id=data.pop("rescue_operation", None),
            **data,
        )
        case = intake_submit(actor=request.user, data=intake)
        return with_etag(
            Response(CaseSummarySerializer(case).data, status=status.HTTP_201_CREATED),
            case.version,
        )


class FlagOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    note = serializers.CharField()
    raised_at = serializers.DateTimeField()


class AssignmentOutputSerializer(serializers.Serializer):
    user = serializers.IntegerField(source="user_id")
    name = serializers.CharField(source="user.full_name")
    role = serializers.CharField()
    assigned_at = serializers.DateTimeField()


class CaseDetailApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="case.id")
        code = serializers.CharField(source="case.code")
        status = serializers.CharField(source="case.status")
        risk_level = serializers.CharField(source="case.risk_level")
        origin = serializers.CharField(source="case.origin")
        rescue_operation = serializers.IntegerField(
            source="case.rescue_operation_id", allow_null=True
        )
        opened_on = serializers.DateField(source="case.opened_on")
        closed_on = serializers.DateField(source="case.closed_on", allow_null=True)
        closure_reason = serializers.CharField(source="case.closure_reason")
        version = serializers.IntegerField(source="case.version")
        survivor = SurvivorOutputSerializer(source="case.survivor")
        incidents = IncidentOutputSerializer(many=True)
        consents = ConsentOutputSerializer(many=True)
        open_flags = FlagOutputSerializer(many=True, source="flags")
        assignments = AssignmentOutputSerializer(many=True)
        recent_notes = NoteOutputSerializer(many=True, source="notes")

    @extend_schema(
        tags=["cases"],
        summary="The case file: survivor attributes, incidents, consents, flags, team, "
        "recent notes (logs a read)",
        responses={200: OutputSerializer, 404: OpenApiResponse(description="Not found")},
    )
    def get(self, request: Request, case_id: int) -> Response:
        file = case_file_get(user=request.user, case_id=case_id)
        return with_etag(Response(self.OutputSerializer(file).data), file.case.version)


class CaseUpdateApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        risk_level = VocabField(vocab=vocab.RiskLevel, required=False)
        status = VocabField(vocab=vocab.CaseStatus, required=False)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["cases"],
        summary="Change the risk level or open status (active / follow-up)",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: CaseSummarySerializer, **VERSIONED_RESPONSES},
    )
    def patch(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = expected_version(request, data.get("version"))
        updated = case_update(
            actor=request.user,
            case=case,
            expected_version=version,
            risk_level=data.get("risk_level", case.risk_level),
            status=data.get("status", case.status),
        )
        return with_etag(Response(CaseSummarySerializer(updated).data), updated.version)


class CaseCloseApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        reason = VocabField(vocab=vocab.ClosureReason)
        closed_on = serializers.DateField(required=False, allow_null=True)
        override_reason = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=2000,
            help_text=(
                "Supervisors only: why the case closes before the closure rule is met. "
                "Not needed (nor recorded) for the reasons withdrew, deceased and duplicate."
            ),
        )
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["cases"],
        summary="Close the case with a reason; it is kept, never deleted",
        description=(
            "A case closes when the restoration closure rule is met. Before that, only a "
            "supervisor may close it, giving an override_reason (audited), unless the reason "
            "is withdrew (the survivor chose to end services), deceased or duplicate: those "
            "never need the rule and are not overrides."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: CaseSummarySerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        version = expected_version(request, data.get("version"))
        with error_keys(closure_reason="reason"):
            closed = case_close(
                actor=request.user,
                case=case,
                expected_version=version,
                reason=data["reason"],
                closed_on=data.get("closed_on"),
                override_reason=data.get("override_reason", ""),
            )
        return with_etag(Response(CaseSummarySerializer(closed).data), closed.version)

"""The caseload searched by legal name: the name travels in the request body only."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.cases.api.cases import CaseSummarySerializer
from amparo.cases.selectors import caseload_list
from amparo.core.api_base import PAGE_PARAMETERS, ApiView, paginated_response, paginated_schema


class CaseSearchApi(ApiView):
    required_perms = (Perm.SEARCH_BY_NAME,)

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(
            max_length=100,
            help_text="The survivor's name, compared through the blind index, never stored.",
        )
        status = serializers.CharField(required=False, allow_blank=True, max_length=20)
        risk_level = serializers.CharField(required=False, allow_blank=True, max_length=20)
        mine = serializers.BooleanField(required=False, default=False)

        def validate_name(self, value: str) -> str:
            if not value.strip():
                raise serializers.ValidationError(_("Give the name to search for."))
            return value

    @extend_schema(
        tags=["cases"],
        operation_id="cases_search_by_name",
        summary="My caseload searched by a survivor's name (in the body, never in the URL)",
        description=(
            "For roles that may search by name. The name is sent in the body so that no "
            "access log or proxy records it; ``page`` and ``page_size`` stay in the query. "
            "Each case found is recorded in its survivor's audit trail."
        ),
        request=InputSerializer,
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(CaseSummarySerializer, name="PaginatedCaseSearch"),
            400: OpenApiResponse(description="Field errors; nothing was searched"),
            403: OpenApiResponse(description="The role may not search by name"),
        },
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        cases = caseload_list(
            user=request.user,
            query=data["name"],
            status=data.get("status", ""),
            risk_level=data.get("risk_level", ""),
            mine=data["mine"],
            by_name=True,
        )
        return paginated_response(
            request=request, view=self, queryset=cases, serializer_class=CaseSummarySerializer
        )

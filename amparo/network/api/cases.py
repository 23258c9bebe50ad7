"""What a case file shows of the network: the referrals sent from the case and its transfers.

The same selectors as the case file's network section, for whoever may open
the case; the referrals and transfers themselves are opened at their own
endpoints, by those who work them.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.cases.selectors import CASE_PERMS, case_get_for_user
from amparo.core.api_base import PAGE_PARAMETERS, ApiView, paginated_response, paginated_schema
from amparo.network import selectors
from amparo.network.api.common import READ_RESPONSES
from amparo.network.api.referrals import ReferralSummarySerializer
from amparo.network.api.transfers import TransferSummarySerializer


class CaseReferralOutputSerializer(ReferralSummarySerializer):
    sent_by_name = serializers.CharField(source="sent_by")


class CaseReferralListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["referrals"],
        operation_id="cases_referrals_list",
        summary="Referrals sent from the case, newest first (logs a read of the case)",
        description=(
            "For whoever may open the case, as its file lists them: only those its current "
            "owner sent. Each is opened at ``/api/v1/referrals/{id}/`` by those who work "
            "referrals."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(CaseReferralOutputSerializer, name="PaginatedCaseReferralList"),
            **READ_RESPONSES,
        },
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.referrals_for_case(case=case),
            serializer_class=CaseReferralOutputSerializer,
        )


class CaseTransferListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["transfers"],
        operation_id="cases_transfers_list",
        summary="Transfers of the case, newest first (logs a read of the case)",
        description=(
            "For whoever may open the case, as its file lists them. Each is opened at "
            "``/api/v1/transfers/{id}/`` by supervisors."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(TransferSummarySerializer, name="PaginatedCaseTransferList"),
            **READ_RESPONSES,
        },
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.transfers_for_case(case=case),
            serializer_class=TransferSummarySerializer,
        )

"""Information-sharing agreements: listed for those who refer, recorded and ended by admins."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.access import perm_required
from amparo.accounts.roles import Perm
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import (
    IF_MATCH,
    PAGE_PARAMETERS,
    ApiView,
    paginated_response,
    paginated_schema,
)
from amparo.network import selectors
from amparo.network.api.common import (
    MAX_ID,
    SIGNED_OUT,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    VersionInputSerializer,
    refused,
)
from amparo.network.inputs import AgreementInput
from amparo.network.models import PartnerAgreement
from amparo.network.services.agreements import agreement_end, agreement_record


class AgreementOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    partner = serializers.IntegerField(source="partner_id")
    partner_name = serializers.CharField(source="partner.name")
    reference = serializers.CharField()
    approved_by = serializers.CharField()
    effective_from = serializers.DateField()
    effective_until = serializers.DateField(allow_null=True)
    ended_at = serializers.DateTimeField(allow_null=True)
    is_current = serializers.SerializerMethodField()
    version = serializers.IntegerField()

    def get_is_current(self, agreement: PartnerAgreement) -> bool:
        return agreement.is_current()


class AgreementListApi(ApiView):
    # Any member: a role that neither refers nor manages gets an empty list (the selector's rule).
    required_perms = ()

    @extend_schema(
        tags=["network"],
        operation_id="agreements_list",
        summary="The organisation's information-sharing agreements, current and past",
        description=(
            "Agreements the organisation recorded, newest first; ``is_current`` says which are "
            "in effect today. Referrals and transfers are possible only to a partner under a "
            "current one. Empty for a role that neither refers nor manages the organisation."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(AgreementOutputSerializer, name="PaginatedAgreementList"),
            **SIGNED_OUT,
            **refused("Not a member of an organisation"),
        },
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.agreement_list(user=request.user),
            serializer_class=AgreementOutputSerializer,
        )


class AgreementRecordApi(ApiView):
    required_perms = (Perm.MANAGE_ORG,)

    class InputSerializer(serializers.Serializer):
        partner = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        approved_by = serializers.CharField(max_length=120, allow_blank=True)
        effective_from = serializers.DateField()
        effective_until = serializers.DateField(required=False, allow_null=True)
        reference = serializers.CharField(required=False, allow_blank=True, max_length=80)

    @extend_schema(
        tags=["network"],
        summary="Record a signed agreement to share information with a partner (admins)",
        description=(
            "Organisation admins only. Record an agreement once it is signed: from "
            "``effective_from`` (until ``effective_until``, if given) the organisation may refer "
            "survivors to the partner, and transfer cases to it, within what each survivor's "
            "consent covers. ``partner`` is an id from ``GET /api/v1/agreements/partners/``."
        ),
        request=InputSerializer,
        responses={201: AgreementOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        agreement = agreement_record(
            actor=request.user,
            data=AgreementInput(
                partner_id=data["partner"],
                approved_by=data["approved_by"],
                effective_from=data["effective_from"],
                effective_until=data.get("effective_until"),
                reference=data.get("reference", ""),
            ),
        )
        return with_etag(
            Response(AgreementOutputSerializer(agreement).data, status=status.HTTP_201_CREATED),
            agreement.version,
        )


class AgreementEndApi(ApiView):
    # Any member reaches the lookup, so an agreement the user may not see is a 404 first;
    # only then is a referrer who may see it refused (403) for not managing the organisation.
    required_perms = ()
    InputSerializer = VersionInputSerializer

    @extend_schema(
        tags=["network"],
        summary="End an agreement now; referrals under it lose their access at the next read",
        description=(
            "Organisation admins only. The partner at once loses access to every file referred "
            "under the agreement, and no new referral or transfer to it is possible. An "
            "agreement that has already ended is a field error on ``agreement``."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: AgreementOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, agreement_id: int) -> Response:
        agreement = selectors.agreement_get_for_user(user=request.user, agreement_id=agreement_id)
        # After the lookup (404 before 403) and before the body is read (403 before 400).
        perm_required(request.user, Perm.MANAGE_ORG)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = expected_version(request, serializer.validated_data.get("version"))
        ended = agreement_end(actor=request.user, agreement=agreement, expected_version=version)
        return with_etag(Response(AgreementOutputSerializer(ended).data), ended.version)

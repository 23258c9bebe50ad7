"""Transfers: a supervisor proposes to move a case; the partner's supervisors answer.

Every view declares ``Perm.CASES_ALL``: only supervisors see transfers. The list and
the request refuse any other role (403); a transfer's own views tell it 404, as the
pages do, since it may open none.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import (
    IF_MATCH,
    PAGE_PARAMETERS,
    ApiView,
    VocabField,
    paginated_response,
    paginated_schema,
)
from amparo.network import access, selectors, vocab
from amparo.network.api.common import (
    MAX_ID,
    READ_RESPONSES,
    SIGNED_OUT,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    VersionInputSerializer,
    case_from_body,
    refused,
)
from amparo.network.inputs import TransferInput
from amparo.network.models import Transfer
from amparo.network.services import transfers as services
from amparo.network.services.referrals import MAX_MESSAGE_LENGTH
from amparo.people.vocab import Section


class TransferSummarySerializer(serializers.Serializer):
    """A transfer as a case file lists it, for anyone who may open the case."""

    id = serializers.IntegerField()
    reference = serializers.CharField()
    status = serializers.ChoiceField(choices=vocab.TransferStatus.choices)
    from_org = serializers.IntegerField(source="from_org_id")
    from_org_name = serializers.CharField(source="from_org.name")
    to_org = serializers.IntegerField(source="to_org_id")
    to_org_name = serializers.CharField(source="to_org.name")
    requested_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)


class TransferOutputSerializer(TransferSummarySerializer):
    """A transfer as either side's supervisors see it: case codes, never the survivor."""

    case = serializers.IntegerField(source="case_id")
    message = serializers.CharField()
    keep_sections = serializers.ListField(child=serializers.ChoiceField(choices=Section.choices))
    previous_code = serializers.CharField()
    new_code = serializers.CharField()
    requested_by_name = serializers.CharField(source="requested_by.full_name")
    response_note = serializers.CharField()
    version = serializers.IntegerField()


def transfer_response(transfer: Transfer, **kwargs: object) -> Response:
    return with_etag(Response(TransferOutputSerializer(transfer).data, **kwargs), transfer.version)


class TransferListApi(ApiView):
    required_perms = (Perm.CASES_ALL,)

    @extend_schema(
        tags=["transfers"],
        operation_id="transfers_list",
        summary="Transfers proposed by or to the organisation (supervisors)",
        description=(
            "Newest first, from both sides: those your organisation proposed and those "
            "proposed to it. For roles that see the whole caseload."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(TransferOutputSerializer, name="PaginatedTransferList"),
            **SIGNED_OUT,
            **refused("Only supervisors see transfers"),
        },
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=selectors.visible_transfers(user=request.user),
            serializer_class=TransferOutputSerializer,
        )


class TransferRequestApi(ApiView):
    required_perms = (Perm.CASES_ALL,)

    class InputSerializer(serializers.Serializer):
        case = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        to_org = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        message = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=MAX_MESSAGE_LENGTH
        )
        keep_sections = serializers.ListField(
            child=VocabField(vocab=Section),
            required=False,
            max_length=20,
            help_text="Sections the survivor agreed your organisation keeps reading afterwards.",
        )

    @extend_schema(
        tags=["transfers"],
        summary="Propose to transfer a case to a partner (supervisors)",
        description=(
            "Supervisors only, for an open case that is the survivor's only one. The partner "
            "must be under a current agreement and the survivor's current consent to share with "
            "it must cover the whole file (``GET /api/v1/cases/{case_id}/referral-partners/`` "
            "says what it covers). ``keep_sections``: what the survivor agreed your "
            "organisation keeps reading once the partner owns the case. The partner's "
            "supervisors are notified."
        ),
        request=InputSerializer,
        responses={201: TransferOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = case_from_body(request.user, data["case"])
        transfer = services.transfer_request(
            actor=request.user,
            case=case,
            data=TransferInput(
                to_org_id=data["to_org"],
                message=data["message"],
                keep_sections=data.get("keep_sections", []),
            ),
        )
        return transfer_response(transfer, status=status.HTTP_201_CREATED)


class TransferDetailApi(ApiView):
    required_perms = (Perm.CASES_ALL,)
    refused_as_not_found = True

    @extend_schema(
        tags=["transfers"],
        summary="A transfer, from either side",
        description="For the supervisors of the proposing or the receiving organisation.",
        responses={200: TransferOutputSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, transfer_id: int) -> Response:
        return transfer_response(
            selectors.transfer_get_for_user(user=request.user, transfer_id=transfer_id)
        )


def _transfer_and_version(
    request: Request, transfer_id: int, serializer_class: type, *, receiving: bool
) -> tuple:
    """The transfer if the user may open it (else 404) and decides for the side named
    (else 403, before the body is read), with the body and the version it names."""
    transfer = selectors.transfer_get_for_user(
        user=request.user, transfer_id=transfer_id, log_read=False
    )
    access.transfer_decider_required(request.user, transfer, receiving=receiving)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    return transfer, data, expected_version(request, data.get("version"))


class TransferAcceptApi(ApiView):
    required_perms = (Perm.CASES_ALL,)
    refused_as_not_found = True
    InputSerializer = VersionInputSerializer

    @extend_schema(
        tags=["transfers"],
        summary="Accept a transfer (receiving supervisors): the case is yours, with a new code",
        description=(
            "The receiving organisation's supervisors only. The case, the survivor's record "
            "and its whole file move to your organisation under a new code; the proposing "
            "organisation's open referrals end, and it keeps reading only ``keep_sections``. "
            "Refused per field when the agreement or the consent no longer holds."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: TransferOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, transfer_id: int) -> Response:
        transfer, _data, version = _transfer_and_version(
            request, transfer_id, self.InputSerializer, receiving=True
        )
        return transfer_response(
            services.transfer_accept(
                actor=request.user, transfer=transfer, expected_version=version
            )
        )


class TransferDeclineApi(ApiView):
    required_perms = (Perm.CASES_ALL,)
    refused_as_not_found = True

    class InputSerializer(VersionInputSerializer):
        note = serializers.CharField(
            allow_blank=True, max_length=MAX_MESSAGE_LENGTH, help_text="Why it is declined."
        )

    @extend_schema(
        tags=["transfers"],
        summary="Decline a transfer (receiving supervisors), saying why",
        description=(
            "The receiving organisation's supervisors only; the note is required. The case "
            "stays where it is and the proposing supervisor is notified."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: TransferOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, transfer_id: int) -> Response:
        transfer, data, version = _transfer_and_version(
            request, transfer_id, self.InputSerializer, receiving=True
        )
        return transfer_response(
            services.transfer_decline(
                actor=request.user, transfer=transfer, expected_version=version, note=data["note"]
            )
        )


class TransferCancelApi(ApiView):
    required_perms = (Perm.CASES_ALL,)
    refused_as_not_found = True
    InputSerializer = VersionInputSerializer

    @extend_schema(
        tags=["transfers"],
        summary="Cancel a pending transfer (proposing supervisors)",
        description="The proposing organisation's supervisors only; the case stays with it.",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: TransferOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, transfer_id: int) -> Response:
        transfer, _data, version = _transfer_and_version(
            request, transfer_id, self.InputSerializer, receiving=False
        )
        return transfer_response(
            services.transfer_cancel(
                actor=request.user, transfer=transfer, expected_version=version
            )
        )

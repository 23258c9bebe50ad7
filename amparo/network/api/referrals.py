"""Referrals: the inbox and the sent list, sending from a case, and answering one.

What each side reads is decided here from ``amparo.network.access``: the
sender sees its own case; the receiver of a pending referral sees only what
is needed to decide (services, urgency, sections offered, who sends it, the
survivor's sex and age band), and the pseudonym and message once it accepts.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.access import perm_required
from amparo.accounts.roles import Perm
from amparo.aftercare.api.delivery import ServiceOutputSerializer
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.vocab import ServiceStatus, ServiceType
from amparo.core.api import Pagination, expected_version, with_etag
from amparo.core.api_base import (
    IF_MATCH,
    PAGE_PARAMETERS,
    ApiView,
    VocabField,
    paginated_schema,
)
from amparo.network import access, selectors, vocab
from amparo.network.api.common import (
    MAX_ID,
    READ_RESPONSES,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    VersionInputSerializer,
    age_band,
    case_from_body,
)
from amparo.network.inputs import ReferralInput
from amparo.network.models import Referral
from amparo.network.services import referrals as services
from amparo.network.services.referrals import MAX_MESSAGE_LENGTH

SENT, RECEIVED = "sent", "received"


class ReferralSurvivorSerializer(serializers.Serializer):
    pseudonym = serializers.CharField(
        allow_null=True, help_text="Null for the receiver until it accepts."
    )
    sex = serializers.CharField()
    age_band = serializers.CharField()


class ReferralOutputSerializer(serializers.Serializer):
    """A referral as one side sees it; ``side`` says which.

    ``case``, ``case_code`` are the sender's only; ``survivor.pseudonym`` and
    ``message`` reach the receiver only while the referral is accepted.
    """

    id = serializers.IntegerField()
    reference = serializers.CharField()
    side = serializers.SerializerMethodField()
    status = serializers.CharField()
    urgency = serializers.CharField()
    services = serializers.ListField(child=serializers.CharField())
    sections = serializers.ListField(child=serializers.CharField())
    from_org = serializers.IntegerField(source="from_org_id")
    from_org_name = serializers.CharField(source="from_org.name")
    to_org = serializers.IntegerField(source="to_org_id")
    to_org_name = serializers.CharField(source="to_org.name")
    case = serializers.SerializerMethodField()
    case_code = serializers.SerializerMethodField()
    survivor = serializers.SerializerMethodField()
    message = serializers.SerializerMethodField()
    sent_at = serializers.DateTimeField()
    responded_at = serializers.DateTimeField(allow_null=True)
    decline_reason = serializers.CharField()
    response_note = serializers.CharField()
    assigned_to = serializers.IntegerField(source="assigned_to_id", allow_null=True)
    assigned_to_name = serializers.CharField(
        source="assigned_to.full_name", allow_null=True, default=None
    )
    ended_at = serializers.DateTimeField(allow_null=True)
    end_reason = serializers.CharField()
    end_note = serializers.CharField()
    version = serializers.IntegerField()

    def _is_sender(self, referral: Referral) -> bool:
        # Lists name their side; a single referral is asked of the access rules once.
        sides = self.context.setdefault("sides", {})
        if referral.pk not in sides:
            side = self.context.get("side")
            if side is None:
                side = SENT if access.is_sender(self.context["user"], referral) else RECEIVED
            sides[referral.pk] = side
        return sides[referral.pk] == SENT

    def _shows_survivor(self, referral: Referral) -> bool:
        return self._is_sender(referral) or referral.status == vocab.ReferralStatus.ACCEPTED

    def get_side(self, referral: Referral) -> str:
        return SENT if self._is_sender(referral) else RECEIVED

    def get_case(self, referral: Referral) -> int | None:
        return referral.case_id if self._is_sender(referral) else None

    def get_case_code(self, referral: Referral) -> str | None:
        return referral.case.code if self._is_sender(referral) else None

    @extend_schema_field(ReferralSurvivorSerializer)
    def get_survivor(self, referral: Referral) -> dict:
        survivor = referral.case.survivor
        return {
            "pseudonym": survivor.pseudonym if self._shows_survivor(referral) else None,
            "sex": survivor.sex,
            "age_band": age_band(survivor),
        }

    def get_message(self, referral: Referral) -> str | None:
        return referral.message if self._shows_survivor(referral) else None


class ReferralDetailOutputSerializer(ReferralOutputSerializer):
    partner_services = serializers.SerializerMethodField(
        help_text="The sender's view of services the partner recorded; null for the receiver, "
        "who reads them in the shared file."
    )

    @extend_schema_field(ServiceOutputSerializer(many=True, allow_null=True))
    def get_partner_services(self, referral: Referral) -> list[dict] | None:
        if not self._is_sender(referral):
            return None
        found = selectors.partner_services_for_referral(referral=referral)
        return ServiceOutputSerializer(found, many=True).data


def referral_response(request: Request, referral: Referral, **kwargs: object) -> Response:
    data = ReferralDetailOutputSerializer(referral, context={"user": request.user}).data
    return with_etag(Response(data, **kwargs), referral.version)


class ReferralListApi(ApiView):
    class FilterSerializer(serializers.Serializer):
        box = serializers.ChoiceField(choices=[RECEIVED, SENT], required=False, default=RECEIVED)
        status = VocabField(vocab=vocab.ReferralStatus, required=False, allow_blank=True)
        urgency = VocabField(vocab=vocab.Urgency, required=False, allow_blank=True)

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_list",
        summary="The organisation's received referrals (the inbox) or those it sent",
        description="A pending received referral carries no pseudonym, case or message.",
        parameters=[FilterSerializer, *PAGE_PARAMETERS],
        responses={
            200: paginated_schema(ReferralOutputSerializer, name="PaginatedReferralList"),
            403: OpenApiResponse(description="The role does not work referrals"),
        },
    )
    def get(self, request: Request) -> Response:
        perm_required(request.user, Perm.REFERRALS)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        data = filters.validated_data
        referrals = selectors.referral_list(
            user=request.user,
            box=data["box"],
            status=data.get("status", ""),
            urgency=data.get("urgency", ""),
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(referrals, request, view=self)
        rows = ReferralOutputSerializer(page, many=True, context={"side": data["box"]}).data
        return paginator.get_paginated_response(rows)


class ReferralSendApi(ApiView):
    class InputSerializer(serializers.Serializer):
        case = serializers.IntegerField(
            min_value=1, max_value=MAX_ID, help_text="Id of a case of yours that you may edit."
        )
        to_org = serializers.IntegerField(min_value=1, max_value=MAX_ID)
        services = serializers.ListField(
            child=VocabField(vocab=ServiceType), max_length=20, help_text="At least one."
        )
        sections = serializers.ListField(
            child=VocabField(vocab=vocab.Section),
            required=False,
            max_length=20,
            help_text="Parts of the file offered; each must be covered by the survivor's "
            "current consent to share with the partner.",
        )
        urgency = VocabField(vocab=vocab.Urgency, required=False, default=vocab.Urgency.ROUTINE)
        message = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=MAX_MESSAGE_LENGTH
        )

    @extend_schema(
        tags=["referrals"],
        summary="Refer the survivor of a case to a partner under a current agreement",
        request=InputSerializer,
        responses={201: ReferralDetailOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request) -> Response:
        perm_required(request.user, Perm.REFERRALS)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        case = case_from_body(request.user, data["case"])
        referral = services.referral_send(
            actor=request.user,
            case=case,
            data=ReferralInput(
                to_org_id=data["to_org"],
                services=data["services"],
                sections=data.get("sections", []),
                urgency=data["urgency"],
                message=data["message"],
            ),
        )
        return referral_response(request, referral, status=status.HTTP_201_CREATED)


class ReferralDetailApi(ApiView):
    @extend_schema(
        tags=["referrals"],
        summary="A referral as your side sees it",
        responses={200: ReferralDetailOutputSerializer, **READ_RESPONSES},
    )
    def get(self, request: Request, referral_id: int) -> Response:
        referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
        return referral_response(request, referral)


def _referral_and_version(request: Request, referral_id: int, serializer_class: type) -> tuple:
    referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    return referral, data, expected_version(request, data.get("version"))


class ReferralAcceptApi(ApiView):
    class InputSerializer(VersionInputSerializer):
        assigned_to = serializers.IntegerField(
            required=False,
            allow_null=True,
            min_value=1,
            max_value=MAX_ID,
            help_text="User id of a colleague who works referrals; yourself when omitted.",
        )

    @extend_schema(
        tags=["referrals"],
        summary="Accept a pending referral (receiver); its shared file opens now",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, data, version = _referral_and_version(request, referral_id, self.InputSerializer)
        accepted = services.referral_accept(
            actor=request.user,
            referral=referral,
            expected_version=version,
            assigned_to_id=data.get("assigned_to"),
        )
        return referral_response(request, accepted)


class ReferralDeclineApi(ApiView):
    class InputSerializer(VersionInputSerializer):
        reason = VocabField(vocab=vocab.DeclineReason)
        note = serializers.CharField(
            required=False,
            allow_blank=True,
            default="",
            max_length=MAX_MESSAGE_LENGTH,
            help_text="Required when the reason is 'other'.",
        )

    @extend_schema(
        tags=["referrals"],
        summary="Decline a pending referral (receiver), with a reason",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, data, version = _referral_and_version(request, referral_id, self.InputSerializer)
        declined = services.referral_decline(
            actor=request.user,
            referral=referral,
            expected_version=version,
            reason=data["reason"],
            note=data["note"],
        )
        return referral_response(request, declined)


class ReferralRevokeApi(ApiView):
    class InputSerializer(VersionInputSerializer):
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=MAX_MESSAGE_LENGTH
        )

    @extend_schema(
        tags=["referrals"],
        summary="Revoke a pending or accepted referral (sender); the partner's access ends now",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, data, version = _referral_and_version(request, referral_id, self.InputSerializer)
        revoked = services.referral_revoke(
            actor=request.user, referral=referral, expected_version=version, note=data["note"]
        )
        return referral_response(request, revoked)


class ReferralCompleteApi(ApiView):
    InputSerializer = VersionInputSerializer

    @extend_schema(
        tags=["referrals"],
        summary="Mark an accepted referral completed (receiver); its access to the file ends",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, _data, version = _referral_and_version(request, referral_id, self.InputSerializer)
        completed = services.referral_complete(
            actor=request.user, referral=referral, expected_version=version
        )
        return referral_response(request, completed)


class PartnerServiceRecordApi(ApiView):
    class InputSerializer(serializers.Serializer):
        service_type = VocabField(vocab=ServiceType)
        status = VocabField(vocab=ServiceStatus)
        started_on = serializers.DateField()
        ended_on = serializers.DateField(required=False, allow_null=True)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        tags=["referrals"],
        summary="Record a service your organisation delivered on a referral it accepted",
        description="Refused with a field error on 'referral' once the referral's access "
        "has ended (revoked, completed, consent withdrawn, agreement ended).",
        request=InputSerializer,
        responses={201: ServiceOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = selectors.referral_get_for_user(user=request.user, referral_id=referral_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = services.partner_service_record(
            actor=request.user, referral=referral, data=ServiceInput(**serializer.validated_data)
        )
        return Response(ServiceOutputSerializer(service).data, status=status.HTTP_201_CREATED)

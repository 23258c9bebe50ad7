"""Answering a referral, from the side that may: the receiver accepts, declines, completes
and records the services it delivers; the sender revokes.

Each declares ``Perm.REFERRALS`` as a referral's own view: a role that does not work
referrals opens no referral, so it is told 404, as the pages tell it.

The side is checked before the body is read, through the same helper the service
refuses with (``amparo.network.access``), so the other side learns nothing of what the
body should hold; the service then checks it again with the rest of its rules.
"""

from collections.abc import Callable

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm
from amparo.aftercare.api.delivery import ServiceOutputSerializer
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.vocab import ServiceStatus, ServiceType
from amparo.core.api import expected_version
from amparo.core.api_base import IF_MATCH, ApiView, VocabField
from amparo.network import access, selectors, vocab
from amparo.network.api.common import (
    MAX_ID,
    VERSIONED_RESPONSES,
    WRITE_RESPONSES,
    VersionInputSerializer,
)
from amparo.network.api.referrals import ReferralDetailOutputSerializer, referral_response
from amparo.network.models import Referral
from amparo.network.services import referrals as services
from amparo.network.services.referrals import MAX_MESSAGE_LENGTH

Side = Callable[[User, Referral], Membership]


def _referral_for(request: Request, referral_id: int, side: Side) -> Referral:
    """The referral, if the user may open it (else 404) and stands on ``side`` (else 403),
    checked before the body is read: the other side is not told what the body should be."""
    referral = selectors.referral_get_for_user(
        user=request.user, referral_id=referral_id, log_read=False
    )
    side(request.user, referral)
    return referral


def _referral_and_version(
    request: Request,
    referral_id: int,
    serializer_class: type,
    side: Side,
) -> tuple:
    referral = _referral_for(request, referral_id, side)
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    return referral, data, expected_version(request, data.get("version"))


class ReferralAcceptApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

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
        description=(
            "The receiving side only. Assign it to yourself or to a colleague who works "
            "referrals (``GET /api/v1/referrals/colleagues/``). Refused per field when it is no "
            "longer pending, the agreement has ended or the consent no longer covers it."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, data, version = _referral_and_version(
            request, referral_id, self.InputSerializer, access.receiver_required
        )
        accepted = services.referral_accept(
            actor=request.user,
            referral=referral,
            expected_version=version,
            assigned_to_id=data.get("assigned_to"),
        )
        return referral_response(request, accepted)


class ReferralDeclineApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

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
        description=(
            "The receiving side only. The reason is required, and a note with it when the "
            "reason is 'other'. The sender is notified and sees the reason."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, data, version = _referral_and_version(
            request, referral_id, self.InputSerializer, access.receiver_required
        )
        declined = services.referral_decline(
            actor=request.user,
            referral=referral,
            expected_version=version,
            reason=data["reason"],
            note=data["note"],
        )
        return referral_response(request, declined)


class ReferralRevokeApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    class InputSerializer(VersionInputSerializer):
        note = serializers.CharField(
            required=False, allow_blank=True, default="", max_length=MAX_MESSAGE_LENGTH
        )

    @extend_schema(
        tags=["referrals"],
        summary="Revoke a pending or accepted referral (sender); the partner's access ends now",
        description=(
            "The sending side only, for those who may edit the case. Services the partner "
            "already recorded stay on the case; the partner is notified."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, data, version = _referral_and_version(
            request, referral_id, self.InputSerializer, access.sender_required
        )
        revoked = services.referral_revoke(
            actor=request.user, referral=referral, expected_version=version, note=data["note"]
        )
        return referral_response(request, revoked)


class ReferralCompleteApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True
    InputSerializer = VersionInputSerializer

    @extend_schema(
        tags=["referrals"],
        summary="Mark an accepted referral completed (receiver); its access to the file ends",
        description=(
            "The receiving side only, once the services asked for are delivered. The sender is "
            "notified; the partner no longer reads the shared file."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ReferralDetailOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral, _data, version = _referral_and_version(
            request, referral_id, self.InputSerializer, access.receiver_required
        )
        completed = services.referral_complete(
            actor=request.user, referral=referral, expected_version=version
        )
        return referral_response(request, completed)


class PartnerServiceRecordApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        service_type = VocabField(vocab=ServiceType)
        status = VocabField(vocab=ServiceStatus)
        started_on = serializers.DateField()
        ended_on = serializers.DateField(required=False, allow_null=True)
        notes = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        tags=["referrals"],
        summary="Record a service your organisation delivered on a referral it accepted",
        description=(
            "The receiving side only; the sender reads these in the referral's "
            "``partner_services``. Refused with a field error on 'referral' once the "
            "referral's access has ended (revoked, completed, consent withdrawn, agreement "
            "ended), and nothing is recorded."
        ),
        request=InputSerializer,
        responses={201: ServiceOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = _referral_for(request, referral_id, access.receiver_required)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        service = services.partner_service_record(
            actor=request.user, referral=referral, data=ServiceInput(**serializer.validated_data)
        )
        return Response(ServiceOutputSerializer(service).data, status=status.HTTP_201_CREATED)

"""The receiver places a referred survivor in its own shelter, and ends the placement.

The sender and the receiver read these placements in the referral's detail
(``placements``); the case file lists them too, as the case's own.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare.api.facilities import PlacementOutputSerializer
from amparo.aftercare.vocab import PlacementEndReason, PlacementReason
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField
from amparo.network import access, selectors
from amparo.network.api.common import VERSIONED_RESPONSES, WRITE_RESPONSES
from amparo.network.models import Referral
from amparo.network.services import referrals as services


def _received(request: Request, referral_id: int) -> Referral:
    # Found (else 404) and the receiver's (else 403) before the body is read.
    referral = selectors.referral_get_for_user(
        user=request.user, referral_id=referral_id, log_read=False
    )
    access.receiver_required(request.user, referral)
    return referral


class PartnerPlacementStartApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        facility = serializers.IntegerField(min_value=1)
        started_on = serializers.DateField()
        reason = VocabField(vocab=PlacementReason)

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_placements_create",
        summary="Place the referred survivor in one of your organisation's facilities",
        description=(
            "The receiving side of a live referral that asked for shelter or crisis care. "
            "The case stays with the referring organisation, which sees the placement; the "
            "facility's capacity and one place at a time hold as for any placement."
        ),
        request=InputSerializer,
        responses={201: PlacementOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, referral_id: int) -> Response:
        referral = _received(request, referral_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        placement = services.partner_placement_start(
            actor=request.user,
            referral=referral,
            facility_id=data["facility"],
            started_on=data["started_on"],
            reason=data["reason"],
        )
        return Response(PlacementOutputSerializer(placement).data, status=status.HTTP_201_CREATED)


class PartnerPlacementEndApi(ApiView):
    required_perms = (Perm.REFERRALS,)
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        ended_on = serializers.DateField()
        end_reason = VocabField(vocab=PlacementEndReason)
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=["referrals"],
        operation_id="referrals_placements_end",
        summary="End a placement your organisation made under a referral",
        description=(
            "The receiving side, while the referral gives it access, from the version last read "
            "(If-Match or ``version``). A placement of another case, or in another "
            "organisation's facility, is not found."
        ),
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: PlacementOutputSerializer, **VERSIONED_RESPONSES},
    )
    def post(self, request: Request, referral_id: int, placement_id: int) -> Response:
        referral = _received(request, referral_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        ended = services.partner_placement_end(
            actor=request.user,
            referral=referral,
            placement_id=placement_id,
            expected_version=expected_version(request, data.get("version")),
            ended_on=data["ended_on"],
            end_reason=data["end_reason"],
        )
        return with_etag(Response(PlacementOutputSerializer(ended).data), ended.version)

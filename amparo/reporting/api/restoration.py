"""Restoration indicators as JSON: small cells always suppressed, each call audited as an export."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView
from amparo.reporting.api.common import CellField
from amparo.reporting.exports import indicators_export
from amparo.reporting.restoration import RestorationIndicators, restoration_indicators


class RestorationIndicatorsApi(ApiView):
    required_perms = (Perm.AGGREGATES,)

    class DomainSerializer(serializers.Serializer):
        domain = serializers.CharField()
        label = serializers.CharField()
        cases = CellField()
        first_mean = serializers.FloatField(allow_null=True)
        latest_mean = serializers.FloatField(allow_null=True)
        change = serializers.FloatField(allow_null=True)

    class OutputSerializer(serializers.Serializer):
        suppressed = serializers.BooleanField()
        assessed = CellField()
        restored = CellField()
        restoration_rate = serializers.FloatField(allow_null=True)
        median_days_to_restoration = serializers.IntegerField(allow_null=True)
        time_to_restoration = serializers.SerializerMethodField()
        domain_changes = serializers.SerializerMethodField()
        followed_up = CellField()
        revictimisation_flags = CellField()
        cases_with_risk = CellField()
        risk_rate = serializers.FloatField(allow_null=True)
        occupancy = serializers.SerializerMethodField()

        def get_time_to_restoration(self, ind: RestorationIndicators) -> list[dict]:
            return [
                {"day": s.time, "at_risk": s.at_risk, "restored_share": round(1 - s.survival, 4)}
                for s in ind.time_to_restoration.steps
            ]

        def get_domain_changes(self, ind: RestorationIndicators) -> list[dict]:
            return RestorationIndicatorsApi.DomainSerializer(ind.domain_changes, many=True).data

        def get_occupancy(self, ind: RestorationIndicators) -> list[dict]:
            return [
                {
                    "facility": o.facility.name,
                    "capacity": o.facility.capacity,
                    "occupied": n.shown,
                }
                for o, n in ind.occupancy
            ]

    @extend_schema(
        tags=["indicators"],
        summary="Restoration indicators for my organisation; small cells always suppressed",
        description=(
            "Counts below the minimum cell size (default 11) are null, and so are rates "
            "and means computed from them; the time-to-restoration curve over fewer cases "
            "is empty. Each call is recorded in the audit trail as an export."
        ),
        responses={200: OutputSerializer, 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        indicators = restoration_indicators(user=request.user, suppress=True)
        indicators_export(actor=request.user, report="restoration", channel="api", filters="")
        return Response(self.OutputSerializer(indicators).data)

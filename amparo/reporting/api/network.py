"""Network indicators as JSON.

Like the page and the CSV, the API always suppresses small cells: a count
below ``AMPARO_REPORT_MIN_CELL`` is ``null``, and so is any rate or median
computed from one. Each call is audited as an export.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView
from amparo.network.api.common import LIST_RESPONSES, refused
from amparo.reporting.api.common import CellField, MinCellField, PeriodFilterSerializer
from amparo.reporting.exports import indicators_export
from amparo.reporting.network import network_indicators
from amparo.reporting.periods import Period


class NetworkIndicatorsApi(ApiView):
    required_perms = (Perm.AGGREGATES,)

    class FilterSerializer(PeriodFilterSerializer):
        start = serializers.DateField(
            required=False,
            help_text="Referrals sent, and services started, on or after this date "
            "(default: a year before the end).",
        )
        end = serializers.DateField(
            required=False, help_text="… on or before this date (default: today)."
        )

    class OutputSerializer(serializers.Serializer):
        class PeriodSerializer(serializers.Serializer):
            start = serializers.DateField()
            end = serializers.DateField()

        class FlowSerializer(serializers.Serializer):
            class StatusSerializer(serializers.Serializer):
                status = serializers.CharField()
                label = serializers.CharField()
                count = CellField()

            total = CellField()
            by_status = StatusSerializer(many=True)
            answered = CellField(help_text="Accepted or declined.")
            accepted = CellField(help_text="Accepted, including those later revoked or completed.")
            acceptance_rate = serializers.FloatField(allow_null=True)
            median_response_days = serializers.FloatField(
                allow_null=True, help_text="Median days from sending to the answer."
            )

        class ServiceTypeSerializer(serializers.Serializer):
            service_type = serializers.CharField()
            label = serializers.CharField()
            by_partners = CellField(help_text="On our cases, delivered by a partner.")
            by_us = CellField(help_text="On our cases, delivered by us.")
            for_partners = CellField(help_text="On partners' referred cases, delivered by us.")

        class PartnerSerializer(serializers.Serializer):
            organisation_id = serializers.IntegerField()
            name = serializers.CharField()
            sent_to = CellField()
            received_from = CellField()

        period = PeriodSerializer()
        suppressed = serializers.BooleanField()
        min_cell = MinCellField()
        generated_at = serializers.DateTimeField()
        sent = FlowSerializer()
        received = FlowSerializer()
        services_by_partners = CellField()
        services_by_us = CellField()
        partner_share = serializers.FloatField(
            allow_null=True, help_text="Share of the services on our cases delivered by partners."
        )
        services_for_partners = CellField()
        service_types = ServiceTypeSerializer(many=True)
        partners = PartnerSerializer(many=True)

    @extend_schema(
        tags=["indicators"],
        summary="Partner-network indicators for my organisation, small cells always suppressed",
        description=(
            "Referrals sent and received (by status, acceptance rate, median days to a "
            "response, by partner) and services on the organisation's cases delivered by "
            "partners or by itself. Counts below the minimum cell size (``min_cell``, "
            "default 11) are null, and so are rates and medians computed from them. "
            "Suppression is always on. Each call is recorded in the audit trail as an export."
        ),
        parameters=[FilterSerializer],
        responses={
            200: OutputSerializer,
            **LIST_RESPONSES,
            **refused("The role may not see aggregates"),
        },
    )
    def get(self, request: Request) -> Response:
        serializer = self.FilterSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        period = Period.between(data.get("start"), data.get("end"))
        result = network_indicators(user=request.user, period=period, suppress=True)
        indicators_export(
            actor=request.user,
            report="network",
            channel="api",
            filters=f"{period.start}..{period.end}",
        )
        return Response(self.OutputSerializer(result).data)

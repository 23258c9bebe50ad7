"""Justice indicators as JSON.

The API can carry figures out of the organisation (to a funder's report, a
spreadsheet, another system), so it always suppresses small cells: a count
below ``AMPARO_REPORT_MIN_CELL`` is ``null``, and so is any rate computed from
one. Each call is audited as an export. The dashboard page, seen only inside
the organisation, shows exact counts.
"""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView, VocabField
from amparo.justice import vocab
from amparo.justice.api.common import MAX_ID
from amparo.reporting.api.common import (
    CellField,
    LabelledCellSerializer,
    MinCellField,
    PeriodFilterSerializer,
)
from amparo.reporting.exports import indicators_export
from amparo.reporting.justice import IndicatorFilters, justice_indicators


class IndicatorsApi(ApiView):
    required_perms = (Perm.AGGREGATES,)

    class FilterSerializer(PeriodFilterSerializer):
        start = serializers.DateField(
            required=False, help_text="Complaints filed on or after this date."
        )
        end = serializers.DateField(
            required=False, help_text="Complaints filed on or before this date."
        )
        admin1 = serializers.CharField(
            required=False, allow_blank=True, max_length=80, help_text="Department of the court."
        )
        court = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
        offence_category = VocabField(vocab=vocab.OffenceCategory, required=False, allow_blank=True)

    class OutputSerializer(serializers.Serializer):
        class FunnelSerializer(serializers.Serializer):
            stage = serializers.CharField()
            label = serializers.CharField()
            count = CellField()
            share = serializers.FloatField(allow_null=True)

        class TimingSerializer(serializers.Serializer):
            class StepSerializer(serializers.Serializer):
                time = serializers.IntegerField(help_text="Days since the complaint.")
                survival = serializers.FloatField(help_text="Share not yet at the stage.")

            stage = serializers.CharField()
            label = serializers.CharField()
            median_days = serializers.IntegerField(allow_null=True)
            observations = serializers.IntegerField(source="curve.observations")
            curve = StepSerializer(many=True, source="curve.steps")

        suppressed = serializers.BooleanField()
        min_cell = MinCellField()
        generated_at = serializers.DateTimeField()
        cases = CellField()
        funnel = FunnelSerializer(many=True)
        timings = TimingSerializer(many=True)
        with_verdict = CellField()
        convicted = CellField()
        conviction_rate = serializers.FloatField(allow_null=True)
        filed_in_period = CellField()
        disposed_in_period = CellField()
        clearance_rate = serializers.FloatField(allow_null=True)
        pending_age = LabelledCellSerializer(many=True)
        hearings_decided = CellField()
        hearings_postponed = CellField()
        postponement_rate = serializers.FloatField(allow_null=True)
        postponement_reasons = LabelledCellSerializer(many=True)
        testimonies = CellField()
        testimonies_victim_friendly = CellField()
        victim_friendly_share = serializers.FloatField(allow_null=True)

    @extend_schema(
        tags=["indicators"],
        summary="Justice-system indicators for my organisation, small cells always suppressed",
        description=(
            "Counts below the minimum cell size (``min_cell``, default 11) are null, and so "
            "are rates computed from them; Kaplan–Meier curves over fewer cases are empty. "
            "Suppression is always on here because figures fetched through the API can "
            "leave the organisation. Each call is recorded in the audit trail as an export."
        ),
        parameters=[FilterSerializer],
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="Bad filters"),
            403: OpenApiResponse(description="The role may not see aggregates"),
        },
    )
    def get(self, request: Request) -> Response:
        serializer = self.FilterSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        filters = IndicatorFilters(
            start=data.get("start"),
            end=data.get("end"),
            admin1=data.get("admin1", ""),
            court_id=data.get("court"),
            offence_category=data.get("offence_category", ""),
        )
        result = justice_indicators(user=request.user, filters=filters, suppress=True)
        indicators_export(actor=request.user, report="justice", channel="api", filters=str(filters))
        return Response(self.OutputSerializer(result).data)

"""Restoration indicators as JSON: the dashboard's report, always suppressed, each call audited."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.cases.vocab import GbvType
from amparo.core.api_base import ApiView
from amparo.justice.api.common import MAX_ID
from amparo.reporting.api.common import PeriodFilterSerializer, report_responses
from amparo.reporting.exports import report_api_export
from amparo.reporting.restoration import VIEW_LABELS, report_period, restoration_report
from amparo.reporting.restoration_queries import COHORT, RestorationFilters


class RestorationIndicatorsApi(ApiView):
    required_perms = (Perm.AGGREGATES,)

    class FilterSerializer(PeriodFilterSerializer):
        start = serializers.DateField(
            required=False, help_text="First day of the period; a year before its end if left out."
        )
        end = serializers.DateField(
            required=False, help_text="Last day of the period; today if left out."
        )
        view = serializers.ChoiceField(
            choices=list(VIEW_LABELS),
            required=False,
            help_text=(
                "cohort: the cases opened in the period, by where they stand now; "
                "period: restorations, closures and follow-ups dated in the period."
            ),
        )
        admin1 = serializers.CharField(
            required=False,
            allow_blank=True,
            max_length=80,
            help_text="Department of the case's first incident.",
        )
        offence = serializers.ChoiceField(
            choices=GbvType.choices,
            required=False,
            allow_blank=True,
            help_text="GBVIMS type of the case's first incident.",
        )
        partner = serializers.IntegerField(
            required=False,
            min_value=1,
            max_value=MAX_ID,
            help_text="Only cases with a service delivered by this organisation.",
        )

    @extend_schema(
        tags=["indicators"],
        summary="Restoration indicators for my organisation, small cells always suppressed",
        description=(
            "The restoration dashboard's report: its tables (outcomes this period, the previous "
            "one and a year before, with the change; time to restoration with the closure "
            "without restoration as a competing outcome; monthly trends; breakdowns by "
            "department, type of incident and partner organisation; domain scores; risk "
            "during follow-up; occupancy) and the compact time-to-restoration curve "
            "(parallel arrays). Suppression is always on: a hidden count, and anything "
            "that would let one be derived, is null, and the curve stops where fewer than "
            "``min_cell`` cases remain. Each call is recorded in the audit trail as an export."
        ),
        parameters=[FilterSerializer],
        responses=report_responses("The restoration dashboard's report, suppressed"),
    )
    def get(self, request: Request) -> Response:
        serializer = self.FilterSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        today = timezone.localdate()
        filters = RestorationFilters(
            period=report_period(start=data.get("start"), end=data.get("end"), today=today),
            view=data.get("view") or COHORT,
            admin1=data.get("admin1", ""),
            offence=data.get("offence", ""),
            partner_id=data.get("partner"),
        )
        report = restoration_report(user=request.user, filters=filters, suppress=True, today=today)
        return Response(report_api_export(actor=request.user, report=report))

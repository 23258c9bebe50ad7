"""Justice indicators as JSON: the dashboard's report, always suppressed.

The API can carry figures out of the organisation (to a funder's report, a
spreadsheet, another system), so it always suppresses: a hidden count is
``null``, and so is any figure resting on one. Each call is audited as an
export. The dashboard page, seen only inside the organisation, shows exact
counts; otherwise the page, the CSV/XLSX and this API show the same tables.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView, VocabField
from amparo.justice import vocab
from amparo.justice.api.common import MAX_ID
from amparo.reporting.api.common import PeriodFilterSerializer, report_responses
from amparo.reporting.exports import report_api_export
from amparo.reporting.justice import COHORT, VIEWS, JusticeFilters, justice_report


class IndicatorsApi(ApiView):
    required_perms = (Perm.AGGREGATES,)

    class FilterSerializer(PeriodFilterSerializer):
        start = serializers.DateField(
            required=False, help_text="First day of the period (default: 12 months before the end)."
        )
        end = serializers.DateField(
            required=False, help_text="Last day of the period (default: today)."
        )
        view = serializers.ChoiceField(
            choices=VIEWS,
            required=False,
            default=COHORT,
            help_text=(
                "cohort: the legal cases whose complaint was filed in the period (what happened "
                "to them); period: the events dated in the period (verdicts this year)."
            ),
        )
        admin1 = serializers.CharField(
            required=False, allow_blank=True, max_length=80, help_text="Department of the court."
        )
        court = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
        offence_category = VocabField(vocab=vocab.OffenceCategory, required=False, allow_blank=True)

    @extend_schema(
        tags=["indicators"],
        summary="Justice-system indicators for my organisation, always suppressed",
        description=(
            "Always suppressed: figures fetched through the API can leave the organisation. "
            "The justice dashboard's report: headline figures against the previous period and "
            "the same period a year before, the attrition funnel, conviction rates per legal "
            "case, per accused and per charge and convictions per complaint (each with its "
            "definition), time from the complaint to each stage (cumulative incidence, cases "
            "closed without reaching a stage counted as competing outcomes), the age of the "
            "pending cases in calendar months, hearings, a monthly trend and breakdowns by "
            "department, court and offence. Each table lists its columns and rows; a hidden "
            "count is null (below the minimum cell size ``min_cell``, or hidden so that none can "
            "be recovered by arithmetic), and so is every figure resting on one. ``curves`` "
            "holds each stage's curve as parallel arrays (``t``, ``reached``, ``lower``, "
            "``upper``...), not one object per step. ``view`` and ``filters`` say, in words, "
            "what was selected. Each call is recorded in the audit trail as an export."
        ),
        parameters=[FilterSerializer],
        responses=report_responses("The justice dashboard's report, suppressed"),
    )
    def get(self, request: Request) -> Response:
        serializer = self.FilterSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        filters = JusticeFilters(
            start=data.get("start"),
            end=data.get("end"),
            view=data.get("view") or COHORT,
            admin1=data.get("admin1", ""),
            court_id=data.get("court"),
            offence_category=data.get("offence_category", ""),
        )
        report = justice_report(user=request.user, filters=filters, suppress=True)
        return Response(report_api_export(actor=request.user, report=report))

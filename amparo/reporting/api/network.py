"""Network indicators as JSON: the same ``network_report`` as the page, the CSV and the XLSX.

Like them, the API always suppresses: a hidden count is ``null``, and so is
any rate, median or change computed from one. Each call is audited as an export.
"""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView
from amparo.reporting.api.common import PeriodFilterSerializer, report_responses
from amparo.reporting.exports import report_api_export
from amparo.reporting.network import network_report
from amparo.reporting.periods import Period

DESCRIPTION = """\
The organisation's work with its partners, as tables (the same as the dashboard and its CSV/XLSX):

- `referrals`: referrals sent and received in the period, by status, with their total;
- `responses`: per direction, referrals answered (accepted or declined), accepted, declined,
  not answered, the acceptance rate (accepted / answered) and the median days to a response;
- `services`: services started in the period, by service type: on our cases by partners, by us,
  both, the partner share, and those we delivered on partners' cases; with totals;
- `partners`: per partner organisation, referrals sent to it, received from it, both, and the
  services it delivered on our cases; hidden rows last;
- `comparison`: the headline counts this period, the previous period of the same length and the
  same period a year before, with the change on each;
- `trend`: the same counts month by month (`YYYY-MM`).

Referrals are counted by the day they were sent (a cohort: whatever became of them since).
Suppression is always on: counts below the minimum cell size (`min_cell`, default 11) are null,
and so are enough other counts that none can be worked out by adding or subtracting the shown
ones; rates, medians and changes built on a hidden count are null too. Each call is recorded in
the audit trail as an export.
"""


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

    @extend_schema(
        tags=["indicators"],
        summary="Partner-network indicators for my organisation, always suppressed",
        description=DESCRIPTION,
        parameters=[FilterSerializer],
        responses=report_responses("The network dashboard's report, suppressed"),
    )
    def get(self, request: Request) -> Response:
        serializer = self.FilterSerializer(data=request.query_params)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        period = Period.between(data.get("start"), data.get("end"))
        report = network_report(user=request.user, period=period, suppress=True)
        return Response(report_api_export(actor=request.user, report=report))

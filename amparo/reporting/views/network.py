"""The network dashboard and its CSV export: aggregates only, never a record.

Both show partner organisations' work with ours, so small cells are always
suppressed, on the page as in the export; the export is audited.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.reporting import charts
from amparo.reporting.exports import indicators_csv
from amparo.reporting.forms import PeriodForm
from amparo.reporting.network import NetworkIndicators, network_indicators
from amparo.reporting.suppression import percent


def days(value: float | None) -> str:
    """A median in days as pages and CSV print it: ``—`` when hidden."""
    return "—" if value is None else f"{value:g}"


@never_cache
@perm_required_view(Perm.AGGREGATES)
def network_dashboard(request: HttpRequest) -> HttpResponse:
    """The network indicators over the chosen period, suppressed as in the export."""
    form = PeriodForm(request.GET or None)
    ind = network_indicators(user=request.user, period=form.period(), suppress=True)
    services_chart = [
        (_("Delivered by partners"), ind.services_by_partners),
        (_("Delivered by us"), ind.services_by_us),
    ]
    return render(
        request,
        "network/dashboard.html",
        {
            "form": form,
            "ind": ind,
            "query": request.GET.urlencode(),
            "sent_chart": charts.bar_chart([(s.label, s.count) for s in ind.sent.by_status]),
            "received_chart": charts.bar_chart(
                [(s.label, s.count) for s in ind.received.by_status]
            ),
            "services_chart": charts.bar_chart(services_chart),
            "status_rows": [
                (sent.label, sent.count, received.count)
                for sent, received in zip(ind.sent.by_status, ind.received.by_status, strict=True)
            ],
            "rates": {
                "partner_share": percent(ind.partner_share),
                "sent_acceptance": percent(ind.sent.acceptance_rate),
                "received_acceptance": percent(ind.received.acceptance_rate),
                "sent_median": days(ind.sent.median_response_days),
                "received_median": days(ind.received.median_response_days),
            },
        },
    )


def indicator_rows(ind: NetworkIndicators) -> list[tuple[str, str, str]]:
    """(section, item, value) rows; counts print as ``<11`` when suppressed."""
    rows: list[tuple[str, str, str]] = []
    for side, flow in (("sent", ind.sent), ("received", ind.received)):
        rows.append((f"referrals_{side}", "total", str(flow.total)))
        rows += [(f"referrals_{side}", s.status, str(s.count)) for s in flow.by_status]
        rows += [
            (f"referrals_{side}", "answered", str(flow.answered)),
            (f"referrals_{side}", "accepted", str(flow.accepted)),
            (f"referrals_{side}", "acceptance rate", percent(flow.acceptance_rate)),
            (f"referrals_{side}", "median days to response", days(flow.median_response_days)),
        ]
    rows += [
        ("services_on_our_cases", "by partners", str(ind.services_by_partners)),
        ("services_on_our_cases", "by us", str(ind.services_by_us)),
        ("services_on_our_cases", "partner share", percent(ind.partner_share)),
        ("services_for_partners", "total", str(ind.services_for_partners)),
    ]
    for row in ind.service_types:
        rows += [
            ("services_by_partners", row.service_type, str(row.by_partners)),
            ("services_by_us", row.service_type, str(row.by_us)),
            ("services_for_partners", row.service_type, str(row.for_partners)),
        ]
    for partner in ind.partners:
        rows += [
            ("referrals_sent_to", partner.name, str(partner.sent_to)),
            ("referrals_received_from", partner.name, str(partner.received_from)),
        ]
    return rows


@never_cache
@perm_required_view(Perm.AGGREGATES)
def network_csv(request: HttpRequest) -> HttpResponse:
    """The indicators as CSV: suppressed, and the export is audited."""
    period = PeriodForm(request.GET or None).period()
    ind = network_indicators(user=request.user, period=period, suppress=True)
    stamp = timezone.localdate().isoformat()
    return indicators_csv(
        actor=request.user,
        report="network",
        filters=f"{period.start}..{period.end}",
        filename=f"network-indicators-{stamp}.csv",
        header=["section", "item", "value"],
        rows=[
            ["filters", "period", f"{period.start}..{period.end}"],
            *indicator_rows(ind),
            ["note", "suppression", _("Counts below the minimum cell size are hidden.")],
        ],
    )

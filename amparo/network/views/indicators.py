"""The network dashboard and its CSV export: aggregates only, never a record.

Both show partner organisations' work with ours, so small cells are always
suppressed, on the page as in the export; the export is audited.
"""

import csv

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.audit import events
from amparo.audit.events import Code
from amparo.core.forms import date_field
from amparo.justice import charts
from amparo.network.indicators import NetworkIndicators, Period, network_indicators


class PeriodForm(forms.Form):
    """The period travels in the URL: it holds no personal data."""

    start = date_field(gettext_lazy("From"), required=False)
    end = date_field(gettext_lazy("To"), required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        default = Period.between()
        kwargs.setdefault("initial", {"start": default.start, "end": default.end})
        super().__init__(*args, **kwargs)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            self.add_error("end", gettext_lazy("The end of the period is before its start."))
        # A date the period cannot hold becomes the field's error (Django files it there).
        Period.between(data.get("start"), data.get("end"))
        return data

    def period(self) -> Period:
        """The chosen period; the last twelve months for whatever is left out or invalid."""
        data = self.cleaned_data if self.is_valid() else {}
        return Period.between(data.get("start"), data.get("end"))


def percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate:.0%}"


def days(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


@never_cache
@perm_required_view(Perm.AGGREGATES)
def network_dashboard(request: HttpRequest) -> HttpResponse:
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
    events.record(
        code=Code.INDICATORS_EXPORTED,
        actor=request.user,
        obj=request.user.active_membership.organisation,
        reason=f"network csv: {period.start}..{period.end}",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="network-indicators-{stamp}.csv"'
    writer = csv.writer(response)
    writer.writerow(["section", "item", "value"])
    writer.writerow(["filters", "period", f"{period.start}..{period.end}"])
    writer.writerows(indicator_rows(ind))
    writer.writerow(["note", "suppression", _("Counts below the minimum cell size are hidden.")])
    return response

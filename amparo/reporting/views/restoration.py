"""The restoration dashboard and its exports: one report, exact inside the organisation, suppressed outside."""

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.selectors import active_instrument
from amparo.reporting import charts, restoration_queries
from amparo.reporting.forms_restoration import RestorationFilterForm
from amparo.reporting.restoration import VIEW_LABELS, restoration_report
from amparo.reporting.tables import Report
from amparo.reporting.views.common import export_links, export_response

BREAKDOWNS = ("by_department", "by_offence", "by_partner")
OUTCOME_BARS = ("restored", "closed", "open")


def _charts(report: Report, *, organisation_id: int) -> dict:
    """The dashboard's charts, each drawn from the table shown beside it."""
    instrument = active_instrument(organisation_id=organisation_id)
    domains = report.table("domains")
    return {
        "incidence_chart": charts.incidence_chart(report.curves["time_to_restoration"]),
        "trend_chart": charts.trend_chart(
            report.table("trends"), ["intakes", "restorations", "closures"]
        ),
        "comparison_chart": charts.grouped_bar_chart(report.table("comparison"), OUTCOME_BARS),
        "breakdown_charts": {
            key: charts.grouped_bar_chart(report.table(key), OUTCOME_BARS)
            for key in BREAKDOWNS
            if report.table(key).rows
        },
        "domain_chart": charts.dumbbell_chart(
            [(r.label, r["first"], r["latest"]) for r in domains.rows],
            low=instrument.scale_min,
            high=instrument.scale_max,
        ),
        "occupancy_chart": charts.bar_chart(report.table("occupancy"), "occupied"),
    }


def _form(request: HttpRequest) -> RestorationFilterForm:
    return RestorationFilterForm(
        request.GET or None,
        departments=restoration_queries.departments(user=request.user),
        partners=restoration_queries.partners(user=request.user),
    )


@never_cache
@perm_required_view(Perm.AGGREGATES)
def restoration_dashboard(request: HttpRequest) -> HttpResponse:
    """Inside the organisation, exact counts (``suppress=False``); the exports are suppressed."""
    form = _form(request)
    today = timezone.localdate()
    filters = form.filters(today=today)
    report = restoration_report(user=request.user, filters=filters, suppress=False, today=today)
    return render(
        request,
        "aftercare/dashboard.html",
        {
            "form": form,
            "report": report,
            "tables": {t.key: t for t in report.tables},
            "curve": report.curves["time_to_restoration"],
            "filters": filters,
            "view_label": VIEW_LABELS[filters.view],
            "exports": export_links(request, "restoration_dashboard"),
            "breakdowns": BREAKDOWNS,
            **_charts(report, organisation_id=request.user.active_membership.organisation_id),
        },
    )


@never_cache
@perm_required_view(Perm.AGGREGATES)
def restoration_dashboard_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The report as CSV or XLSX (``fmt``): always suppressed, the export audited."""
    today = timezone.localdate()
    filters = _form(request).filters(today=today)
    report = restoration_report(user=request.user, filters=filters, suppress=True, today=today)
    return export_response(request, report, fmt=fmt, filename="restoration-indicators")

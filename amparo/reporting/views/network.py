"""The network dashboard and its CSV and XLSX exports: aggregates only, never a record.

All three show the one ``network_report``. It describes partner
organisations' work with ours, so it is always suppressed, on the page as in
the exports; the exports are audited (``report_export``).
"""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.reporting import charts
from amparo.reporting.chart_parts import value_label
from amparo.reporting.forms import PeriodForm
from amparo.reporting.network import ALL, network_report
from amparo.reporting.suppression import Cell, Figure
from amparo.reporting.tables import Column, Report, Table
from amparo.reporting.views.common import export_links, export_response


def shown(value: object, column: Column) -> str:
    """One cell as the page prints it, as the charts write it (``[c]`` hidden, ``—`` undefined).

    A change on an earlier period carries its sign.
    """
    if column.kind == "number" and isinstance(value, Figure) and value.shown is not None:
        return f"{value.value:+g}" if value.value else "0"
    return value_label(value, column)  # type: ignore[arg-type]  # a table's value


@dataclass(frozen=True)
class ShownRow:
    key: str
    label: str
    cells: list[tuple[str, str]]  # (column label, value as shown)
    total: bool


@dataclass(frozen=True)
class ShownTable:
    key: str
    title: str
    description: str
    columns: list[str]
    rows: list[ShownRow]


def shown_table(table: Table) -> ShownTable:
    """``table``'s published columns as strings, ready for the page."""
    columns = table.published_columns
    return ShownTable(
        key=table.key,
        title=str(table.title),
        description=str(table.description),
        columns=[str(c.label) for c in columns],
        rows=[
            ShownRow(
                key=r.key,
                label=str(r.label),
                cells=[(str(c.label), shown(r.values[c.key], c)) for c in columns],
                total=r is table.total,
            )
            for r in table.all_rows
        ],
    )


def _is_empty(report: Report) -> bool:
    referrals = report.table("referrals").row(ALL)
    services = report.table("services").row(ALL)
    counts = [*referrals.values.values(), *services.values.values()]
    return not any(c.value for c in counts if isinstance(c, Cell))


def _headline(report: Report) -> dict[str, str]:
    services = report.table("services")
    responses = report.table("responses")
    comparison = report.table("comparison")
    by_column = {c.key: c for c in (*services.columns, *responses.columns, *comparison.columns)}

    def cell(table: Table, row: str, column: str) -> str:
        return shown(table.cell(row, column), by_column[column])

    headline = {
        "partner_share": cell(services, ALL, "partner_share"),
        "by_partners": cell(services, ALL, "by_partners"),
        "by_us": cell(services, ALL, "by_us"),
        "for_partners": cell(services, ALL, "for_partners"),
        "sent_acceptance": cell(responses, "sent", "acceptance"),
        "received_acceptance": cell(responses, "received", "acceptance"),
    }
    for row in ("sent", "received", "by_partners"):
        for column in ("current", "change_previous", "change_year"):
            headline[f"{row}_{column}"] = cell(comparison, row, column)
    return headline


def _charts(report: Report) -> dict:
    """Every chart of the page, each drawn from the table shown beside it."""
    referrals, trend = report.table("referrals"), report.table("trend")
    return {
        "sent": charts.bar_chart(referrals, "sent"),
        "received": charts.bar_chart(referrals, "received"),
        "services": charts.grouped_bar_chart(report.table("services"), ["by_partners", "by_us"]),
        "comparison": charts.grouped_bar_chart(
            report.table("comparison"), ["current", "previous", "year_before"]
        ),
        "trend_referrals": charts.trend_chart(trend, ["sent", "received", "accepted"]),
        "trend_services": charts.trend_chart(trend, ["services_by_partners"]),
        "partners": charts.grouped_bar_chart(
            report.table("partners"), ["sent_to", "received_from"]
        ),
    }


@never_cache
@perm_required_view(Perm.AGGREGATES)
def network_dashboard(request: HttpRequest) -> HttpResponse:
    """The network report over the chosen period, suppressed as in the exports."""
    form = PeriodForm(request.GET or None)
    period = form.period()
    report = network_report(user=request.user, period=period, suppress=True)
    return render(
        request,
        "network/dashboard.html",
        {
            "form": form,
            "report": report,
            "period": period,
            "previous": str(period.previous()),
            "year_before": str(period.year_before()),
            "empty": _is_empty(report),
            "headline": _headline(report),
            "charts": _charts(report),
            "tables": {t.key: shown_table(t) for t in report.tables},
            "exports": export_links(request, "network"),
        },
    )


@never_cache
@perm_required_view(Perm.AGGREGATES)
def network_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The report as CSV or XLSX (``fmt``): suppressed, and the export is audited."""
    period = PeriodForm(request.GET or None).period()
    report = network_report(user=request.user, period=period, suppress=True)
    return export_response(
        request, report, fmt=fmt, filename=f"network-indicators-{period.start}-{period.end}"
    )

"""The justice dashboard and its CSV/XLSX exports: one ``Report``, aggregates only, never a record."""

from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import formats
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.justice import selectors, vocab
from amparo.reporting import charts
from amparo.reporting.forms import JusticeFilterForm
from amparo.reporting.justice import VIEWS, justice_report
from amparo.reporting.suppression import HIDDEN, NOT_DEFINED, Cell, Figure
from amparo.reporting.tables import Column, Report, Table
from amparo.reporting.views.common import export_links, export_response

BREAKDOWNS = ("by_department", "by_court", "by_offence")


def _form(request: HttpRequest) -> JusticeFilterForm:
    return JusticeFilterForm(
        request.GET or None,
        courts=list(selectors.courts()),
        departments=selectors.court_departments(),
    )


def shown(value: object, column: Column) -> str:
    """A cell as the page prints it: ``[c]`` when hidden, ``—`` when not defined, shares in %."""
    if isinstance(value, Cell):
        return str(value)
    if isinstance(value, Figure):
        if value.hidden:
            return HIDDEN
        if value.value is None:
            return NOT_DEFINED
        if column.kind == "share":
            return f"{formats.number_format(100 * value.value, 1)}%"
        if column.kind == "days":
            return str(round(value.value))
        if float(value.value).is_integer():
            return str(formats.number_format(int(value.value)))
        return str(formats.number_format(value.value, 1))
    return str(value)


def table_display(table: Table) -> dict:
    """A table's published columns and rows as strings, for the page's "As a table"."""
    columns = table.published_columns
    return {
        "key": table.key,
        "title": table.title,
        "description": table.description,
        "headers": [(c.label, c.kind != "text") for c in columns],
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "total": row is table.total,
                "cells": [(shown(row.values[c.key], c), c.kind != "text") for c in columns],
            }
            for row in table.all_rows
        ],
    }


def report_charts(report: Report) -> dict[str, object]:
    """The page's charts, each drawn from a table (or a curve) the page also shows as a table."""
    table = report.table
    figures = ["filed", "verdict", "convicted"]
    return {
        "funnel": charts.bar_chart(table("funnel"), "cases"),
        "pending": charts.bar_chart(table("pending"), "cases"),
        "postponements": charts.bar_chart(table("postponements"), "hearings"),
        "trend": charts.trend_chart(table("trend"), figures),
        "verdict": charts.incidence_chart(report.curves[vocab.Stage.VERDICT]),
        "sentence": charts.incidence_chart(report.curves[vocab.Stage.SENTENCE]),
        **{key: charts.grouped_bar_chart(table(key), figures) for key in BREAKDOWNS},
    }


@never_cache
@perm_required_view(Perm.AGGREGATES)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Inside the organisation: exact counts (``suppress=False``); the exports are suppressed."""
    form = _form(request)
    report = justice_report(user=request.user, filters=form.filters(), suppress=False)
    return render(
        request,
        "justice/dashboard.html",
        {
            "form": form,
            "report": report,
            "view_label": dict(VIEWS)[report.view],
            "t": {table.key: table_display(table) for table in report.tables},
            "tables": {table.key: table for table in report.tables},
            "charts": report_charts(report),
            "exports": export_links(request, "justice_dashboard"),
        },
    )


@never_cache
@perm_required_view(Perm.AGGREGATES)
def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
    """The page's report as CSV or XLSX: always suppressed (it can leave the organisation), audited."""
    report = justice_report(user=request.user, filters=_form(request).filters(), suppress=True)
    return export_response(request, report, fmt=fmt, filename="justice-indicators")

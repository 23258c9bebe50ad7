"""What every dashboard's export view shares: one URL shape, one response, links to both formats.

A dashboard has one export view, taking the format as ``fmt``, and one route
per format from ``export_paths``, named ``{name}_{fmt}`` at ``{stem}.{fmt}``::

    urlpatterns = [
        *export_paths("legal/dashboard", justice.dashboard_export, name="justice_dashboard"),
    ]  # justice_dashboard_csv at legal/dashboard.csv, justice_dashboard_xlsx at ….xlsx

Its view builds the page's ``Report`` with suppression on and hands it over::

    @never_cache
    @perm_required_view(Perm.AGGREGATES)
    def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
        report = justice_report(user=request.user, filters=..., suppress=True)
        return export_response(request, report, fmt=fmt, filename="justice-indicators")

The page links to both with ``export_links(request, "justice_dashboard")``
(in its context as ``exports``, drawn by ``reporting/_export_links.html``),
which keeps the page's filters. An API view answers
``Response(report_api_export(actor=request.user, report=report))`` and
documents ``responses=report_responses(...)`` (``amparo.reporting.api.common``).
"""

from collections.abc import Callable

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext_lazy as _

from amparo.core.exceptions import NotFound
from amparo.reporting.exports import FORMATS, report_export
from amparo.reporting.tables import Report

FORMAT_LABELS = {"csv": _("Download CSV"), "xlsx": _("Download XLSX")}


def export_paths(
    stem: str, view: Callable[..., HttpResponseBase], *, name: str
) -> list[URLPattern]:
    """A route per export format: ``{stem}.{fmt}`` named ``{name}_{fmt}``, calling ``view(fmt=…)``."""
    return [path(f"{stem}.{fmt}", view, {"fmt": fmt}, name=f"{name}_{fmt}") for fmt in FORMATS]


def export_response(
    request: HttpRequest, report: Report, *, fmt: str, filename: str
) -> HttpResponseBase:
    """``report`` downloaded as ``fmt`` by the signed-in user, through the one export service.

    An unknown format is not found (404); the service refuses the rest.
    """
    if fmt not in FORMATS:
        raise NotFound()
    return report_export(actor=request.user, report=report, fmt=fmt, filename=filename)


def export_links(request: HttpRequest, name: str) -> list[tuple[str, str]]:
    """(label, URL) of the export of each format (routes ``{name}_{fmt}``), keeping the page's query."""
    query = request.GET.urlencode()
    links = []
    for fmt in FORMATS:
        url = reverse(f"{name}_{fmt}")
        links.append((FORMAT_LABELS[fmt], f"{url}?{query}" if query else url))
    return links

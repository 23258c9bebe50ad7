"""What every dashboard's export view shares: one URL shape, one response, links to both formats.

An export route takes its format as the URL kwarg ``fmt``, through the
``export_format`` converter (``csv`` or ``xlsx``; anything else is no route)::

    path("legal/dashboard.<export_format:fmt>", justice.dashboard_export,
         name="justice_dashboard_export")

and its view builds the page's ``Report`` with suppression on and hands it over::

    @never_cache
    @perm_required_view(Perm.AGGREGATES)
    def dashboard_export(request: HttpRequest, fmt: str) -> HttpResponseBase:
        report = justice_report(user=request.user, filters=..., suppress=True)
        return export_response(request, report, fmt=fmt, filename="justice-indicators")

The page links to both with ``export_links(request, "justice_dashboard_export")``,
which keeps the page's filters. An API view answers
``Response(report_api_export(actor=request.user, report=report))`` and
documents ``responses={200: ReportSerializer}`` (``amparo.reporting.api.common``).
"""

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import register_converter, reverse

from amparo.core.exceptions import NotFound
from amparo.reporting.exports import FORMATS, report_export
from amparo.reporting.tables import Report

FORMAT_LABELS = {"csv": "CSV", "xlsx": "XLSX (Excel)"}


class ExportFormatConverter:
    """``<export_format:fmt>``: one of the export formats."""

    regex = "|".join(FORMATS)

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ExportFormatConverter, "export_format")


def export_response(
    request: HttpRequest, report: Report, *, fmt: str, filename: str
) -> HttpResponseBase:
    """``report`` downloaded as ``fmt`` by the signed-in user, through the one export service.

    An unknown format is not found (404); the service refuses the rest.
    """
    if fmt not in FORMATS:
        raise NotFound()
    return report_export(actor=request.user, report=report, fmt=fmt, filename=filename)


def export_links(request: HttpRequest, route: str) -> list[tuple[str, str]]:
    """(label, URL) of the export of each format at ``route``, keeping the page's query string."""
    query = request.GET.urlencode()
    links = []
    for fmt in FORMATS:
        url = reverse(route, kwargs={"fmt": fmt})
        links.append((FORMAT_LABELS[fmt], f"{url}?{query}" if query else url))
    return links

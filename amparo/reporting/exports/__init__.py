"""The one export service: a report leaves an organisation as CSV, XLSX or through the API.

Every export path (each dashboard's CSV and XLSX, each indicators API) goes
through here, so each writes exactly one ``indicators.exported`` event
(``indicators_export``) and every file has the same shape, from the same
``Report`` as the page. What is exported must already be suppressed
(``protect_tables(..., suppress=True)``): an export can leave the
organisation, so a report built with exact counts is refused.

The layouts: ``wide_csv`` (CSV), ``workbook`` (XLSX); what a cell says in
either: ``sheet``. Pages' export views call ``report_export`` through
``amparo.reporting.views.common.export_response``; APIs call
``report_api_export``.
"""

import re
import unicodedata
from typing import Literal

from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.utils import timezone, translation

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.reporting import events
from amparo.reporting.api.common import report_data
from amparo.reporting.exports.sheet import filters_words, report_cover
from amparo.reporting.exports.wide_csv import csv_lines
from amparo.reporting.exports.workbook import CONTENT_TYPE as XLSX_CONTENT_TYPE
from amparo.reporting.exports.workbook import report_workbook
from amparo.reporting.tables import Report

__all__ = [
    "FORMATS",
    "UnsuppressedReport",
    "export_filename",
    "indicators_export",
    "report_api_export",
    "report_export",
]

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")


class UnsuppressedReport(ValueError):
    """A report with exact counts was about to leave the organisation: a bug, never a user's doing."""


@transaction.atomic
def indicators_export(*, actor: User, report: str, channel: str, filters: str) -> None:
    """Record that ``report`` left ``actor``'s organisation by ``channel``, with ``filters``.

    Refuses (``Denied``) a user who may not see aggregates; writes one audit event.
    """
    membership = perm_required(actor, Perm.AGGREGATES)
    events.indicators_exported(
        actor=actor,
        organisation=membership.organisation,
        report=report,
        channel=channel,
        filters=filters,
    )


def export_filename(name: str, *, extension: str) -> str:
    """``{name}-{YYYY-MM-DD}.{extension}`` (today, locally), in ASCII: accents dropped, spaces dashed."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", ascii_name).strip("-.") or "report"
    return f"{slug}-{timezone.localdate().isoformat()}.{extension}"


def report_export(*, actor: User, report: Report, fmt: str, filename: str) -> HttpResponseBase:
    """``report`` as a download (``fmt`` "csv" or "xlsx") named ``filename``-date, audited once.

    Raises ``UnsuppressedReport`` for a report with exact counts, ``ValueError``
    for an unknown format, and ``Denied`` (before anything is written) for a
    user who may not see aggregates. The CSV is streamed; the XLSX is built in
    memory, one row at a time.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Unknown export format {fmt!r}: one of {', '.join(FORMATS)}.")
    _refuse_unsuppressed(report)
    indicators_export(
        actor=actor, report=report.key, channel=fmt, filters=filters_words(report.filters)
    )
    generated_at = timezone.now()
    cover = report_cover(report, generated_at=generated_at)
    response: HttpResponseBase
    if fmt == "csv":
        response = StreamingHttpResponse(
            csv_lines(report, cover, language=translation.get_language()),
            content_type="text/csv; charset=utf-8",
        )
    else:
        response = HttpResponse(
            report_workbook(report, cover, generated_at=generated_at),
            content_type=XLSX_CONTENT_TYPE,
        )
    name = export_filename(filename, extension=fmt)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def report_api_export(*, actor: User, report: Report) -> dict:
    """``report`` as the API gives it (``report_data``), the call audited as an export.

    Refuses as ``report_export`` does: an unsuppressed report, a user who may
    not see aggregates.
    """
    _refuse_unsuppressed(report)
    indicators_export(
        actor=actor, report=report.key, channel="api", filters=filters_words(report.filters)
    )
    return report_data(report)


def _refuse_unsuppressed(report: Report) -> None:
    if not report.suppressed or not all(t.suppressed for t in report.tables):
        raise UnsuppressedReport(
            f"Report {report.key!r} holds exact counts: build it with suppression on "
            "(protect_tables(..., suppress=True)) before it is exported."
        )

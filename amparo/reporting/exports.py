"""The one way indicators leave an organisation: as CSV or through the API, audited once.

Every export path (each dashboard's CSV, each indicators API) goes through
here, so each writes exactly one ``indicators.exported`` event and every CSV
has the same shape. What is exported must already be suppressed
(``amparo.reporting.suppression``): an export can leave the organisation.
"""

import csv
from collections.abc import Iterable, Sequence

from django.db import transaction
from django.http import HttpResponse

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.reporting import events
from amparo.reporting.tables import Report

Row = Sequence[object]


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


def indicators_csv(
    *,
    actor: User,
    report: str,
    filters: str,
    filename: str,
    header: Row,
    rows: Iterable[Row],
) -> HttpResponse:
    """The table as a CSV download named ``filename``, its export audited (``indicators_export``).

    The rows are written as given (a ``Cell`` prints ``<11`` when hidden).
    """
    indicators_export(actor=actor, report=report, channel="csv", filters=filters)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return response


def report_export(*, actor: User, report: Report, fmt: str, filename: str) -> HttpResponse:
    """``report`` as a download (``fmt`` "csv" or "xlsx"), its export audited once.

    The report must have been built with suppression on: an export can leave
    the organisation. ``filename`` has no extension; the format adds it.
    """
    # TODO(issue 13, exports helper): wide shape in the user's language, XLSX, streaming.
    if not report.suppressed:
        raise ValueError("An export is always suppressed.")
    filters = "; ".join(f"{k}={v}" for k, v in report.filters)
    header = [
        "table",
        "row",
        *sorted({c.label for t in report.tables for c in t.published_columns}),
    ]
    rows = []
    for table in report.tables:
        for row in table.all_rows:
            rows.append(
                [table.title, row.label, *(str(row.values[c.key]) for c in table.published_columns)]
            )
    return indicators_csv(
        actor=actor,
        report=report.key,
        filters=filters,
        filename=f"{filename}.csv",
        header=header,
        rows=rows,
    )

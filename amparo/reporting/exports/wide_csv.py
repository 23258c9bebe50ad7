"""A report as CSV in its wide shape: the cover, then each table as the page shows it.

::

    Justice indicators
    Filters,Court: Juzgado 1; Period: 2026-01-01 – 2026-06-30
    View,Period: what happened during the period
    Generated at,2026-07-01 09:30 UTC
    [c],"Hidden to protect confidentiality: …"

    Legal cases by stage
    Stage,Cases,Share (%)
    Complaint,40,100.0
    Verdict,[c],[c]

Counts are integers; a share is a percentage with one decimal and a dot, its
column headed "(%)" (``40.0``: a number a spreadsheet reads, where ``40.0%``
or ``0.4`` are read differently from one program to the next); medians and
means keep one decimal; a hidden cell is ``[c]``; a figure that is not
defined is empty. UTF-8 with a byte-order mark, so that Excel reads accents.
Text that a spreadsheet would run as a formula gets a leading ``'``.
"""

import csv
from collections.abc import Iterator

from django.utils import translation

from amparo.reporting.exports.sheet import Cover, Exported, export_value, header
from amparo.reporting.tables import Report, Table

BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel and LibreOffice (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Line:
    """A file-like object whose ``write`` hands back the line ``csv.writer`` wrote."""

    def write(self, value: str) -> str:
        return value


def guarded(text: str) -> str:
    """``text``, with a leading ``'`` when a spreadsheet would take it for a formula."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_cell(value: Exported, *, share: bool = False) -> str | int | float:
    """One exported value as the CSV writes it (a share as a percentage with one decimal)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return guarded(value)
    if share:
        return f"{value * 100:.1f}"
    return value


def csv_lines(report: Report, cover: Cover, *, language: str | None) -> Iterator[str]:
    """The CSV text of ``report``, line by line, with labels in ``language``.

    A streamed response is read after the view returns, so the language is
    set again here rather than left to whatever is active by then.
    """
    writer = csv.writer(_Line())
    with translation.override(language):
        yield BOM + writer.writerow([guarded(cover.title)])
        for label, text in cover.lines:
            yield writer.writerow([guarded(label), guarded(text)])
        for table in report.tables:
            yield writer.writerow([])
            for row in _table_rows(table):
                yield writer.writerow(row)


def _table_rows(table: Table) -> Iterator[list[str | int | float]]:
    yield [guarded(str(table.title))]
    if table.description:
        yield [guarded(str(table.description))]
    yield [guarded(label) for label in header(table, percent_suffix=True)]
    columns = table.published_columns
    for row in table.all_rows:
        yield (
            [
                guarded(str(row.label)),
                *(
                    csv_cell(export_value(c, row.values[c.key]), share=c.kind == "share")
                    for c in columns
                ),
            ]
        )

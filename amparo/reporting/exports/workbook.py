"""A report as an XLSX workbook: a cover sheet, then one worksheet per table.

Counts are numbers; shares are numbers (ratios) shown with a percent format,
so a spreadsheet computes with them; a hidden cell is the text ``[c]``; a
figure that is not defined is left empty. Text is always written as text,
never as a formula. ``constant_memory`` keeps one row in memory at a time,
however long the monthly trends of a report run.
"""

import datetime
import io
import re

from django.utils.translation import pgettext
from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from amparo.reporting.exports.sheet import Cover, export_value, header
from amparo.reporting.tables import Report, Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SHEET_NAME_MAX = 31
# Excel refuses these in a sheet name, and "History", which it keeps for itself.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")
_RESERVED = {"history"}
_WIDTH_MIN, _WIDTH_MAX = 10, 60


def sheet_names(titles: list[str]) -> list[str]:
    """A valid, distinct sheet name for each title: ≤ 31 characters, no character Excel refuses.

    Excel compares sheet names without regard to case; a repeated name gets
    `` (2)``, `` (3)``… within the limit.
    """
    names: list[str] = []
    taken: set[str] = set()
    for title in titles:
        base = _NOT_IN_SHEET_NAME.sub(" ", title).strip().strip("'").strip() or pgettext(
            "export", "Table"
        )
        if base.lower() in _RESERVED:
            base = f"{base} 1"
        name, n = base[:SHEET_NAME_MAX], 1
        while name.lower() in taken:
            n += 1
            suffix = f" ({n})"
            name = base[: SHEET_NAME_MAX - len(suffix)].rstrip() + suffix
        taken.add(name.lower())
        names.append(name)
    return names


def report_workbook(report: Report, cover: Cover, *, generated_at: datetime.datetime) -> bytes:
    """The XLSX file of ``report``, its cover first and one worksheet per table."""
    output = io.BytesIO()
    workbook = Workbook(
        output,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    # The file's metadata says when the report was made, not when it was zipped.
    workbook.set_properties(
        {
            "title": cover.title,
            "created": generated_at.astimezone(datetime.UTC).replace(tzinfo=None),
        }
    )
    formats = _Formats(workbook)
    names = sheet_names([pgettext("export", "About"), *(str(t.title) for t in report.tables)])
    _write_cover(workbook.add_worksheet(names[0]), cover, formats)
    for name, table in zip(names[1:], report.tables, strict=True):
        _write_table(workbook.add_worksheet(name), table, formats)
    workbook.close()
    return output.getvalue()


class _Formats:
    def __init__(self, workbook: Workbook) -> None:
        self.title: Format = workbook.add_format({"bold": True, "font_size": 14})
        self.bold: Format = workbook.add_format({"bold": True})
        self.header: Format = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True})
        self.percent: Format = workbook.add_format({"num_format": "0.0%"})
        self.count: Format = workbook.add_format({"num_format": "0"})
        self.hidden: Format = workbook.add_format({"align": "right"})
        self.wrap: Format = workbook.add_format({"text_wrap": True, "valign": "top"})


def _write_cover(sheet: Worksheet, cover: Cover, formats: _Formats) -> None:
    sheet.set_column(0, 0, 18)
    sheet.set_column(1, 1, 90)
    sheet.write_string(0, 0, cover.title, formats.title)
    for row, (label, text) in enumerate(cover.lines, start=2):
        sheet.write_string(row, 0, label, formats.bold)
        sheet.write_string(row, 1, text, formats.wrap)


def _write_table(sheet: Worksheet, table: Table, formats: _Formats) -> None:
    columns = table.published_columns
    labels = header(table, percent_suffix=False)
    _set_widths(sheet, table, labels)
    sheet.write_string(0, 0, str(table.title), formats.title)
    row = 1
    if table.description:
        sheet.write_string(row, 0, str(table.description))
        row += 1
    for col, label in enumerate(labels):
        sheet.write_string(row, col, label, formats.header)
    sheet.freeze_panes(row + 1, 1)
    for data in table.all_rows:
        row += 1
        total = data is table.total
        sheet.write_string(row, 0, str(data.label), formats.bold if total else None)
        for col, column in enumerate(columns, start=1):
            value = export_value(column, data.values[column.key])
            if value is None:
                continue
            if isinstance(value, str):
                style = formats.hidden if column.kind != "text" else None
                sheet.write_string(row, col, value, style)
            elif column.kind == "share":
                sheet.write_number(row, col, value, formats.percent)
            elif column.kind == "count":
                sheet.write_number(row, col, value, formats.count)
            else:
                # A median or a mean: whole days stay whole ("General").
                sheet.write_number(row, col, value)


def _set_widths(sheet: Worksheet, table: Table, labels: list[str]) -> None:
    # Set before any row is written: constant_memory writes each row out at once.
    first = max([len(labels[0]), *(len(str(r.label)) for r in table.all_rows)])
    sheet.set_column(0, 0, _width(first))
    for col, label in enumerate(labels[1:], start=1):
        sheet.set_column(col, col, _width(len(label)))


def _width(characters: int) -> int:
    return max(_WIDTH_MIN, min(_WIDTH_MAX, characters + 2))

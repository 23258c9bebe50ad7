"""Reading the spreadsheets other systems export (CSV or XLSX) as rows of text.

Shared by the formats: a file is read once into ``{column: text}`` rows, with
dates and numbers written as text the way a person would type them, so each
format maps one kind of value whatever program saved the file.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterator
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 20 * 1024 * 1024
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_DMY = re.compile(r"^(\d{1,2})[-/ .]([A-Za-z]{3,9}|\d{1,2})[-/ .](\d{4})$")


def read_table(
    upload: IO[bytes], *, filename: str, sheet: str = "", required: tuple[str, ...] = ()
) -> Iterator[dict[str, str]]:
    """The file's data rows by header, blank rows left out.

    ``.csv`` (UTF-8, comma or semicolon) or ``.xlsx`` (the sheet named
    ``sheet`` if it has one, else the first). Refuses the whole file with
    ``ValidationError`` when it is of another kind, unreadable, too large, has
    no header row, repeats a header, or lacks a ``required`` column.
    """
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(upload)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(upload, sheet=sheet)
    else:
        raise ValidationError(_("Upload a .csv or .xlsx file."))
    header = next(rows, None)
    if not header or not any(header):
        raise ValidationError(_("The file has no header row."))
    header = [cell.strip() for cell in header]
    named = [column for column in header if column]
    if len(named) != len(set(named)):
        raise ValidationError(_("The header row repeats a column name."))
    missing = [column for column in required if column not in named]
    if missing:
        raise ValidationError(
            _("The file lacks the column(s) %(columns)s.") % {"columns": ", ".join(missing)}
        )
    return _records(header, rows)


def _records(header: list[str], rows: Iterator[list[str]]) -> Iterator[dict[str, str]]:
    for cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        padded = cells + [""] * (len(header) - len(cells))
        yield {column: padded[i].strip() for i, column in enumerate(header) if column}


def _csv_rows(upload: IO[bytes]) -> Iterator[list[str]]:
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(_("Save the CSV file as UTF-8.")) from error
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    return iter(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))


def _xlsx_rows(upload: IO[bytes], *, sheet: str) -> Iterator[list[str]]:
    from openpyxl import load_workbook

    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 20 MB."))
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises several kinds for a file it cannot read
        raise ValidationError(_("The file is not a readable .xlsx workbook.")) from error
    worksheet = workbook[sheet] if sheet in workbook.sheetnames else workbook.worksheets[0]
    rows = [[cell_text(value) for value in row] for row in worksheet.iter_rows(values_only=True)]
    workbook.close()
    return iter(rows)


def cell_text(value: object) -> str:
    """A spreadsheet cell as text: dates as ISO dates, whole numbers without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def parse_date(text: str) -> datetime.date:
    """A date written ISO (``2024-03-05``), ``05-Mar-2024`` or ``05/03/2024`` (day first).

    Raises ``ValueError`` for anything else.
    """
    text = text.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return datetime.date.fromisoformat(text[:10])
    match = _DMY.match(text)
    if not match:
        raise ValueError(text)
    day, month, year = match.groups()
    if month.isdigit():
        number = int(month)
    else:
        abbreviations = [m.lower() for m in MONTHS]
        if month[:3].lower() not in abbreviations:
            raise ValueError(text)
        number = abbreviations.index(month[:3].lower()) + 1
    return datetime.date(int(year), number, int(day))


def format_day_month_year(day: datetime.date | None) -> str:
    """``05-Mar-2024``: the date as the Incident Recorder writes it, in any language."""
    if day is None:
        return ""
    return f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year}"

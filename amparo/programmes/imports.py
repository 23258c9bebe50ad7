"""Reading a file of measurements: CSV (UTF-8, comma or semicolon) or XLSX (its first sheet).

The first row names the columns (``COLUMNS``, per kind); every later row is
one measurement. Reading refuses the file as a whole (``ValidationError`` on
``file``) when it is too large, not CSV or XLSX, or its columns are unknown or
missing; otherwise it returns the rows as text, exactly as written, for
``services.imports`` to check one by one. ``row_values`` turns a row's text
into the values the services take, with a problem per field it cannot read.
"""

import csv
import datetime
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.core.spreadsheets import cell_text, refuse_file

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000


@dataclass(frozen=True)
class Column:
    name: str
    help: Any  # a lazy translation
    required: bool = True
    example: str = ""


_AREA = gettext_lazy("The department, as the programme names it (e.g. Guatemala).")
_START = gettext_lazy("Fieldwork start, YYYY-MM-DD.")
_END = gettext_lazy("Fieldwork end, YYYY-MM-DD.")
_PERCENT = gettext_lazy("A percentage, 0–100, dot or comma for decimals.")

COLUMNS: dict[str, tuple[Column, ...]] = {
    "studies": (
        Column("area", _AREA, example="Guatemala"),
        Column(
            "title",
            gettext_lazy("What was measured, as published."),
            example="Minors in commercial sexual exploitation",
        ),
        Column("wave", gettext_lazy("baseline, midline or endline."), example="baseline"),
        Column(
            "baseline_start",
            gettext_lazy(
                "For a midline or endline: the fieldwork start of its baseline in the same "
                "department (recorded already, or a row of this file). Empty for a baseline."
            ),
            required=False,
        ),
        Column("period_start", _START, example="2024-02-01"),
        Column("period_end", _END, example="2024-05-31"),
        Column("sample_size", gettext_lazy("Number of people or venues sampled."), example="1200"),
        Column("estimate", _PERCENT, example="6.2"),
        Column("ci_lower", _PERCENT, example="4.9"),
        Column("ci_upper", _PERCENT, example="7.5"),
        Column(
            "confidence_level",
            gettext_lazy("Of the interval, in %; 95 when empty."),
            required=False,
            example="95",
        ),
        Column(
            "method",
            gettext_lazy("household, victim, rds, recapture, incidence or other."),
            example="household",
        ),
        Column(
            "source",
            gettext_lazy("The study report: title, publisher, year."),
            example="Baseline study, 2024",
        ),
    ),
    "surveys": (
        Column(
            "area",
            gettext_lazy("The department; empty for the whole programme."),
            required=False,
            example="Guatemala",
        ),
        Column(
            "item",
            gettext_lazy("would_report_police, confidence_justice or sdg_16_3_1."),
            example="would_report_police",
        ),
        Column("period_start", _START, example="2024-03-01"),
        Column("period_end", _END, example="2024-04-30"),
        Column("respondents", gettext_lazy("Number who answered."), example="800"),
        Column("estimate", _PERCENT, example="41.5"),
        Column("ci_lower", _PERCENT, example="38.1"),
        Column("ci_upper", _PERCENT, example="44.9"),
        Column(
            "source",
            gettext_lazy("The survey report: title, publisher, year."),
            example="Confidence survey, 2024",
        ),
    ),
    "trainings": (
        Column("held_on", gettext_lazy("Date, YYYY-MM-DD."), example="2024-06-12"),
        Column(
            "institution",
            gettext_lazy(
                "police, prosecution, judiciary, forensics, victim_services, partner or other."
            ),
            example="police",
        ),
        Column(
            "role",
            gettext_lazy("The job role of those trained, never a name."),
            example="Investigating officers",
        ),
        Column(
            "topic",
            gettext_lazy(
                "trauma, testimony, investigation, prosecution, case_management or other."
            ),
            example="trauma",
        ),
        Column("trained", gettext_lazy("Number of people trained."), example="35"),
        Column(
            "area",
            gettext_lazy("The department; may be empty."),
            required=False,
            example="Guatemala",
        ),
        Column("court", gettext_lazy("A court's exact name; may be empty."), required=False),
    ),
}

DATES = {"period_start", "period_end", "held_on", "baseline_start"}
DECIMALS = {"estimate", "ci_lower", "ci_upper", "confidence_level"}
COUNTS = {"sample_size", "respondents", "trained"}


def _csv_table(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse_file(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8”.")) from None
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [
            [c.strip() for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error:
        raise refuse_file(_("The CSV file cannot be read.")) from None


def _xlsx_table(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # only an XLSX upload needs it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise refuse_file(_("The XLSX file cannot be read.")) from None
    try:
        sheet = workbook.worksheets[0]
        table = []
        for row in sheet.iter_rows(values_only=True):
            table.append([cell_text(v) for v in row])
            if len(table) > MAX_ROWS + 1:
                break
        return table
    finally:
        workbook.close()


def read_file(*, kind: str, file_name: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """The rows of the file, each its number (the header is row 1) and ``{column: text}``
    with every column of ``kind``; blank rows are left out.

    Refuses (``ValidationError`` on ``file``, or ``kind``) a kind that is not
    known, a file over 2 MB or 5,000 rows, empty, not CSV or XLSX, or whose
    header row has unknown or missing columns.
    """
    if kind not in COLUMNS:
        raise ValidationError({"kind": [_("Choose what the file holds.")]})
    if len(data) > MAX_BYTES:
        raise refuse_file(_("The file is larger than 2 MB: split it into several files."))
    name = (file_name or "").lower()
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise refuse_file(_("The XLSX file cannot be read."))
        table = _xlsx_table(data)
    elif name.endswith(".csv"):
        if data.startswith(b"PK") or b"\x00" in data[:4096]:
            raise refuse_file(_("This is not a CSV file."))
        table = _csv_table(data)
    else:
        raise refuse_file(_("Upload a CSV (.csv) or Excel (.xlsx) file."))
    numbered = [(n, row) for n, row in enumerate(table, start=1) if any(cell for cell in row)]
    if not numbered:
        raise refuse_file(_("The file is empty."))
    header = [cell.strip().lower() for cell in numbered[0][1]]
    while header and not header[-1]:
        header.pop()
    known = {column.name for column in COLUMNS[kind]}
    unknown = [h or "?" for h in header if h not in known]
    missing = [c.name for c in COLUMNS[kind] if c.required and c.name not in header]
    repeated = sorted({h for h in header if h and header.count(h) > 1})
    problems = []
    if unknown:
        problems.append(_("Unknown columns: %(names)s.") % {"names": ", ".join(unknown)})
    if missing:
        problems.append(_("Missing columns: %(names)s.") % {"names": ", ".join(missing)})
    if repeated:
        problems.append(_("Columns named twice: %(names)s.") % {"names": ", ".join(repeated)})
    if problems:
        raise ValidationError({"file": problems})
    body = numbered[1:]
    if not body:
        raise refuse_file(_("The file has a header row but no measurements."))
    if len(body) > MAX_ROWS:
        raise refuse_file(
            _("The file has more than %(n)s rows: split it into several files.") % {"n": MAX_ROWS}
        )
    rows = []
    for number, cells in body:
        row = {column.name: "" for column in COLUMNS[kind]}
        for index, name in enumerate(header):
            row[name] = cells[index].strip() if index < len(cells) else ""
        rows.append((number, row))
    return rows


def row_values(row: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """The row's typed values (dates, decimals, counts; text as is), and a problem per
    column that cannot be read. An empty cell is None (text: "")."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for name, text in row.items():
        if name in DATES:
            values[name] = None
            if text:
                try:
                    values[name] = datetime.date.fromisoformat(text[:10])
                except ValueError:
                    problems[name] = _("Not a date: write it as YYYY-MM-DD.")
        elif name in DECIMALS:
            values[name] = None
            if text:
                try:
                    values[name] = Decimal(text.replace(",", ".").removesuffix("%").strip())
                except InvalidOperation:
                    problems[name] = _("Not a number.")
        elif name in COUNTS:
            values[name] = None
            if text:
                try:
                    values[name] = int(text.replace(" ", ""))
                except ValueError:
                    problems[name] = _("Not a whole number.")
        else:
            values[name] = text
    return values, problems


def template_csv(kind: str) -> str:
    """The header row and one example row of ``kind``, as CSV.

    The headers stay the stable column codes in every language: the import reads them
    back by name (``COLUMNS``), and a file filled in Spanish must load in English too.
    The measurements page explains each code in the reader's language.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in COLUMNS[kind]])
    writer.writerow([c.example for c in COLUMNS[kind]])
    return buffer.getvalue()

"""Reading a spreadsheet another system wrote: CSV (UTF-8, comma or semicolon) or XLSX.

Shared by every format that reads a table (``read_table``), so each file is
refused the same way: too large, not CSV or XLSX, unreadable, without a
header row. Lines before the header whose first cell starts with ``#`` are
a cover (Amparo's own exports state their guarantee there) and are skipped;
so are blank rows. Values are text exactly as written, dates as ISO text.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _

from amparo.core.spreadsheets import cell_text, refuse_file

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 50_000


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise refuse_file(_("The CSV file is not UTF-8 text: save it as “CSV UTF-8”.")) from None
    lines = [line for line in text.split("\n", 50)[:50] if not line.startswith("#")]
    sample = lines[0] if lines else ""
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    try:
        for row in csv.reader(io.StringIO(text), delimiter=delimiter):
            yield [c.strip() for c in row]
    except csv.Error:
        raise refuse_file(_("The CSV file cannot be read.")) from None


def _xlsx_rows(data: bytes) -> Iterator[list[str]]:
    from openpyxl import load_workbook  # only an XLSX upload needs it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise refuse_file(_("The XLSX file cannot be read.")) from None
    try:
        for row in workbook.worksheets[0].iter_rows(values_only=True):
            yield [cell_text(v) for v in row]
    finally:
        workbook.close()


def read_table(upload: IO[bytes], *, filename: str) -> Iterator[dict[str, str]]:
    """The file's data rows as ``{column: text}`` (the header's names as written, trimmed).

    Refuses (``ValidationError`` on ``file``) a file over 20 MB or 50,000
    rows, one that is neither CSV nor XLSX, unreadable, empty, or whose
    header names a column twice. Columns a row lacks are "".
    """
    data = upload.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise refuse_file(_("The file is larger than 20 MB: split it into several files."))
    name = (filename or "").lower()
    if name.endswith(".xlsx"):
        if not data.startswith(b"PK"):
            raise refuse_file(_("The XLSX file cannot be read."))
        table = _xlsx_rows(data)
    elif name.endswith(".csv"):
        if data.startswith(b"PK") or b"\x00" in data[:4096]:
            raise refuse_file(_("This is not a CSV file."))
        table = _csv_rows(data)
    else:
        raise refuse_file(_("Upload a CSV (.csv) or Excel (.xlsx) file."))
    header: list[str] | None = None
    count = 0
    for cells in table:
        if not any(cells):
            continue
        if header is None:
            if cells[0].startswith("#"):
                continue
            header = [c.strip() for c in cells]
            while header and not header[-1]:
                header.pop()
            repeated = sorted({h for h in header if h and header.count(h) > 1})
            if repeated:
                raise refuse_file(
                    _("Columns named twice: %(names)s.") % {"names": ", ".join(repeated)}
                )
            continue
        count += 1
        if count > MAX_ROWS:
            raise refuse_file(
                _("The file has more than %(n)s rows: split it into several files.")
                % {"n": MAX_ROWS}
            )
        yield {h: (cells[i].strip() if i < len(cells) else "") for i, h in enumerate(header) if h}
    if header is None:
        raise refuse_file(_("The file is empty."))

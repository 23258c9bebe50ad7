"""Records leaving the organisation in a standard's shape: de-identified, audited, stated.

``standard_export`` is the one way out for case-level files. It checks the
format's permission, reads the de-identified records (``export_records``),
lets the format make its rows, makes them k-anonymous through
``amparo.reporting.kanon`` when the format says so, writes one
``records.exported`` event per case read, and returns the file to stream,
whose cover states its guarantee and what was generalised or left out.

Files are streamed to the person who asked and never stored: nothing
de-identified (and so still sensitive) sits at rest, and there is no copy
to expire or to hand to someone else. k-anonymity needs every record before
the first row is written, so the rows are built in memory (an
organisation's caseload: thousands, not millions); the CSV is then
streamed line by line, which browsers show as download progress.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.cases.models import Case
from amparo.exchange import events
from amparo.exchange.formats import export_format
from amparo.exchange.formats.base import ExportFilters, ExportFormat
from amparo.exchange.selectors import export_records
from amparo.reporting.exports import export_filename
from amparo.reporting.kanon import k_anonymise, release_k

FileType = Literal["csv", "xlsx"]
FILE_TYPES: tuple[FileType, ...] = ("csv", "xlsx")
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to spreadsheets (OWASP CSV injection).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class ExportFile:
    """A file ready to stream: its name, type, cover lines and rows (header first)."""

    filename: str
    content_type: str
    cover: list[str]
    columns: list[str]
    rows: list[list[str]]
    read: int  # records read
    suppressed: int = 0
    generalised: list[str] = field(default_factory=list)
    file_type: FileType = "csv"

    def chunks(self) -> Iterator[bytes]:
        """The file's bytes, a line (CSV) or the whole workbook (XLSX) at a time."""
        if self.file_type == "xlsx":
            yield _workbook(self)
            return
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        # The cover as plain "# " lines: a reader of the file skips them, a person reads them.
        cover = "".join(f"# {' '.join(line.split())}\r\n" for line in self.cover)
        yield ("\ufeff" + cover).encode()
        writer.writerow(self.columns)
        chunk = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        yield chunk.encode()
        for row in self.rows:
            writer.writerow([_safe(cell) for cell in row])
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()


def _safe(cell: str) -> str:
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def _workbook(export: ExportFile) -> bytes:
    from xlsxwriter import Workbook

    output = io.BytesIO()
    workbook = Workbook(output, {"constant_memory": True, "strings_to_formulas": False})
    records = workbook.add_worksheet("records")
    records.write_row(0, 0, export.columns)
    for index, row in enumerate(export.rows, start=1):
        records.write_row(index, 0, [_safe(cell) for cell in row])
    about = workbook.add_worksheet("about")
    for index, line in enumerate(export.cover):
        about.write_string(index, 0, line)
    workbook.close()
    return output.getvalue()


def _cover(fmt: ExportFormat, filters: ExportFilters, export: ExportFile, k: int | None) -> None:
    lines = [str(fmt.label), str(fmt.guarantee)]
    if k is not None and fmt.k_anonymity is not None:
        lines.append(
            _("k = %(k)s: every combination of %(columns)s is shared by at least %(k)s records.")
            % {"k": k, "columns": ", ".join(fmt.k_anonymity.quasi_identifiers)}
        )
        lines.append(
            _("Generalised: %(steps)s.") % {"steps": "; ".join(export.generalised)}
            if export.generalised
            else _("Generalised: nothing.")
        )
        lines.append(
            _("Left out (suppressed): %(n)s of %(total)s records.")
            % {"n": export.suppressed, "total": export.read}
        )
    lines.append(_("Filters: %(filters)s") % {"filters": filters.words() or "-"})
    lines.append(
        _("Generated at %(when)s UTC") % {"when": timezone.now().strftime("%Y-%m-%d %H:%M")}
    )
    export.cover = lines


@transaction.atomic
def standard_export(
    *, actor: User, format_key: str, filters: ExportFilters, file_type: FileType = "csv"
) -> ExportFile:
    """The actor's organisation's records in ``format_key``, ready to stream, audited.

    Refuses (``ValidationError``) an unknown format or file type, and
    (``Denied``, before anything is read) a user whose role lacks the
    format's permission. When the format names quasi-identifiers, no
    combination of them in the file is shared by fewer than k records
    (``AMPARO_RELEASE_K``, 11): generalised first, then suppressed. Writes
    one ``records.exported`` event per case read, in this transaction.
    """
    fmt = export_format(format_key)
    if file_type not in FILE_TYPES:
        raise ValidationError({"file_type": [_("Choose CSV or XLSX.")]})
    membership = perm_required(actor, fmt.perm)
    records = export_records(organisation=membership.organisation, filters=filters)
    columns = fmt.columns()
    rows = list(fmt.rows(records))
    export = ExportFile(
        filename=export_filename(fmt.key, extension=file_type),
        content_type="text/csv; charset=utf-8" if file_type == "csv" else XLSX_CONTENT_TYPE,
        cover=[],
        columns=columns,
        rows=rows,
        read=len(rows),
        file_type=file_type,
    )
    k = None
    if fmt.k_anonymity is not None:
        k = release_k()
        result = k_anonymise(
            [dict(zip(columns, row, strict=True)) for row in rows], spec=fmt.k_anonymity, k=k
        )
        export.rows = [[row[c] for c in columns] for row in result.rows]
        export.suppressed = result.suppressed
        export.generalised = [str(step.label) for step in result.applied]
    _cover(fmt, filters, export, k)
    events.records_exported(
        actor=actor,
        organisation=membership.organisation,
        format_key=fmt.key,
        filters=filters.words(),
        cases=[Case(pk=r.case_id, survivor_id=r.survivor_id) for r in records],
    )
    return export

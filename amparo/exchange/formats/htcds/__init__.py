"""HTCDS/CTDC: the case-level, k-anonymised export ready for CTDC, and the HTCDS spreadsheet import.

Field names and codes: HTCDS v2 (UNMigration/HTCDS, ``Toolkit/Survey/htcds_xlsform.xml``)
where HTCDS has the field, CTDC's global dataset codebook otherwise (its age
bands, year of registration, country of exploitation and 0/1 columns).
"""

import datetime
from collections.abc import Iterable, Iterator
from typing import IO

from django.utils.translation import gettext_lazy as _

from amparo.accounts.roles import Perm
from amparo.exchange.formats import register_export, register_import
from amparo.exchange.formats.base import ExportRecord, MappedRow
from amparo.exchange.formats.htcds import columns
from amparo.exchange.formats.htcds.export import K_ANONYMITY, export_rows
from amparo.exchange.formats.htcds.reading import map_row
from amparo.exchange.formats.tabular import read_table
from amparo.reporting.kanon import KAnonymity


class HtcdsExport:
    key = "htcds"
    label = _("HTCDS / CTDC case-level dataset")
    perm = Perm.EXPORT_DEIDENTIFIED
    guarantee = _(
        "De-identified and k-anonymised, as CTDC's global dataset is: one row per survivor, "
        "with no name, contact, exact date, place below the department or free text; row ids "
        "belong to this file only; every combination of year of registration, gender, age band, "
        "citizenship, country and department of exploitation is shared by at least k rows, "
        "by generalising those fields first and leaving out the rows still rarer."
    )
    k_anonymity: KAnonymity | None = K_ANONYMITY

    def columns(self) -> list[str]:
        return list(columns.EXPORTED)

    def rows(self, records: Iterable[ExportRecord]) -> Iterator[list[str]]:
        return export_rows(records)


class HtcdsImport:
    key = "htcds"
    label = _("HTCDS spreadsheet (CSV or XLSX)")
    source_system = "htcds"

    def read(self, upload: IO[bytes], *, filename: str) -> Iterator[dict[str, str]]:
        return read_table(upload, filename=filename)

    def map_row(self, row: dict[str, str], *, number: int, today: datetime.date) -> MappedRow:
        return map_row(row, number=number, today=today)


register_export(HtcdsExport())
register_import(HtcdsImport())

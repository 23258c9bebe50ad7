"""Amparo's de-identified incidents as rows of the Incident Recorder's incident sheet."""

import datetime
from collections.abc import Iterable, Iterator
from typing import Any

from django.utils.translation import gettext_lazy as _

from amparo.accounts.roles import Perm
from amparo.cases import vocab
from amparo.cases.standards import gbvims
from amparo.exchange.formats.base import ExportRecord
from amparo.exchange.formats.dates import format_day_month_year
from amparo.exchange.formats.gbvims_ir import columns as c
from amparo.reporting.kanon import KAnonymity

GUARANTEE = _(
    "One row per case, from its first incident, in the GBVIMS Incident Recorder's columns "
    "and codes. Survivors appear by case code only: no name, date of birth, contact, address, "
    "ID or narrative, and no staff or agency codes. The columns Amparo does not keep, and the "
    "survivor's displacement and disability, are left empty."
)


def _day(value: Any) -> datetime.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime.date):
        return value
    return datetime.date.fromisoformat(str(value)[:10])


def _yes_no(value: Any) -> str:
    return gbvims.YES if value else gbvims.NO


class GbvimsIrExport:
    """The Incident Recorder's "Incident Data" sheet (``ExportFormat``)."""

    key = "gbvims-ir"
    label = _("GBVIMS Incident Recorder")
    perm = Perm.EXPORT_RECORDS
    guarantee = GUARANTEE
    # Record-level by design: the Incident Recorder is the case-level sheet GBVIMS
    # partners keep; generalising its columns would break the standard. Who may
    # take it is the permission's to say.
    k_anonymity: KAnonymity | None = None

    def columns(self) -> list[str]:
        return list(c.COLUMNS)

    def rows(self, records: Iterable[ExportRecord]) -> Iterator[list[str]]:
        seen: dict[str, int] = {}
        for record in records:
            seen[record.case_code] = seen.get(record.case_code, 0) + 1
            cells = self.cells(record, number=seen[record.case_code])
            yield [cells.get(column, "") for column in c.COLUMNS]

    def cells(self, record: ExportRecord, *, number: int) -> dict[str, str]:
        """One record's cells by column; ``number`` counts the case's incidents
        in the export, so each incident id is the case code and that number."""
        incident = record.incident
        reported = _day(incident.get("reported_on")) or record.case_opened_on
        contexts = incident.get("contexts") or []
        count = incident.get("perpetrator_count")
        return {
            c.INCIDENT_ID: f"{record.case_code}-{number}",
            c.SURVIVOR_CODE: record.case_code,
            c.DATE_OF_INTERVIEW: format_day_month_year(reported),
            c.DATE_OF_INCIDENT: format_day_month_year(_day(incident.get("occurred_on"))),
            c.SEX: gbvims.SEX.get(record.survivor_sex, ""),
            c.COUNTRY_OF_ORIGIN: gbvims.COUNTRY.get(record.survivor_nationality, ""),
            c.COUNTY: incident.get("admin1", ""),
            c.DISTRICT: incident.get("admin2", ""),
            c.GBV_TYPE: gbvims.GBV_TYPE.get(incident.get("gbv_type", ""), ""),
            c.HARMFUL_TRADITIONAL_PRACTICE: _yes_no(vocab.CaseContext.HARMFUL_PRACTICE in contexts),
            c.GOODS_MONEY_EXCHANGED: _yes_no(incident.get("money_or_goods_exchanged")),
            c.ABDUCTION_TYPE: gbvims.ABDUCTION_STATUS_LABEL.get(
                incident.get("abduction_status") or vocab.AbductionStatus.NONE, ""
            ),
            c.PERPETRATOR_COUNT: "" if count is None else str(count),
            c.PERPETRATOR_SEX: gbvims.PERPETRATOR_SEX.get(incident.get("perpetrator_sex", ""), ""),
            c.PERPETRATOR_AGE_GROUP: gbvims.AGE_GROUP.get(
                incident.get("perpetrator_age_band") or "unknown", ""
            ),
            c.PERPETRATOR_RELATIONSHIP: gbvims.PERPETRATOR_RELATION.get(
                incident.get("perpetrator_relation", ""), ""
            ),
        }

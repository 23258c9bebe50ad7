"""Amparo's de-identified records as HTCDS/CTDC rows, and how they may be coarsened.

Pure: a record in, a row of text out. The generalisation steps, in the
order ``amparo.reporting.kanon`` tries them: the department left out (the
country stays), ages in wider bands, years of registration in five-year
spans, ages as minor/adult, then citizenship and country left out.
"""

import random
import secrets
from collections.abc import Iterable, Iterator

from django.utils.translation import gettext_lazy as _

from amparo.cases.standards import ctdc, htcds
from amparo.core.age import ctdc_band
from amparo.exchange.formats.base import ExportRecord
from amparo.exchange.formats.htcds import columns as c
from amparo.reporting.kanon import Generalisation, KAnonymity

_WIDE_BANDS = ((0, 17), (18, 29), (30, 47))


def band_bounds(code: str) -> tuple[int, int | None] | None:
    """The ages a band code names, (low, high) or (low, None) for "48+"; None if not a band."""
    text = code.strip()
    try:
        if text.endswith("+"):
            return int(text[:-1]), None
        low, sep, high = text.partition("--")
        if not sep:
            low, sep, high = text.partition("-")
        return (int(low), int(high)) if sep else None
    except ValueError:
        return None


def _wider_age(code: str) -> str:
    bounds = band_bounds(code)
    if bounds is None or bounds[1] is None:
        return code
    for low, high in _WIDE_BANDS:
        if low <= bounds[0] and bounds[1] <= high:
            return f"{low}--{high}"
    return code


def _majority(code: str) -> str:
    bounds = band_bounds(code)
    if bounds is None:
        return code
    return "0--17" if bounds[1] is not None and bounds[1] <= 17 else "18+"


def _year_span(year: str) -> str:
    if not year.isdigit():
        return year
    start = int(year) - int(year) % 5
    return f"{start}--{start + 4}"


def _blank(_value: str) -> str:
    return ""


K_ANONYMITY = KAnonymity(
    quasi_identifiers=c.QUASI_IDENTIFIERS,
    steps=(
        Generalisation(c.LOCATION, _("the department left out (the country stays)"), _blank),
        Generalisation(c.AGE, _("ages in wider bands (0–17, 18–29, 30–47, 48+)"), _wider_age),
        Generalisation(c.YEAR, _("years of registration in five-year spans"), _year_span),
        Generalisation(c.AGE, _("ages as minor (0–17) or adult (18+)"), _majority),
        Generalisation(c.CITIZENSHIP, _("citizenship left out"), _blank),
        Generalisation(c.COUNTRY, _("country of exploitation left out"), _blank),
    ),
)


def _codes(values: Iterable[str], table: dict[str, str]) -> str:
    return " ".join(sorted(table[v] for v in values if v in table))


def _flags(values: Iterable[str], table: dict[str, str]) -> list[str]:
    chosen = set(values)
    return ["1" if ours in chosen else "0" for ours in table]


def record_row(record: ExportRecord) -> list[str]:
    """One record as the file's row, in ``columns.EXPORTED`` order."""
    incident = record.incident
    age = ctdc_band(record.age_at_incident)
    relation = incident.get("recruiter_relation") or ""
    return [
        secrets.token_hex(6),
        str(record.case_opened_on.year),
        htcds.GENDER.get(record.survivor_sex, "NonSpecifiedUnknown"),
        ctdc.AGE_BROAD.get(age, ""),
        record.survivor_nationality,
        incident.get("country") or "",
        incident.get("admin1") or "",
        _codes(incident.get("exploitation_types", []), htcds.EXPLOITATION),
        htcds.TRAFFICKING_STATUS.get(incident.get("trafficking_status") or "", ""),
        htcds.DECIDING_ORGANISATION.get(incident.get("trafficking_status_decided_by") or "", ""),
        _codes(incident.get("recruitment_methods", []), htcds.RECRUITMENT_METHOD),
        *_flags(incident.get("means_of_control", []), ctdc.MEANS_OF_CONTROL),
        *_flags(incident.get("labour_types", []), ctdc.LABOUR_TYPE),
        *_flags(incident.get("sexual_exploitation_types", []), ctdc.SEXUAL_EXPLOITATION_TYPE),
        *_flags([relation] if relation else [], ctdc.RECRUITER_RELATION),
        _codes(incident.get("perpetrator_roles", []), htcds.PERPETRATOR_ROLE),
        htcds.CASE_STATUS.get(record.case_status, ""),
    ]


def export_rows(records: Iterable[ExportRecord]) -> Iterator[list[str]]:
    """Every record's row, in a random order (no row's place says when its case was opened)."""
    rows = [record_row(record) for record in records]
    random.SystemRandom().shuffle(rows)
    yield from rows

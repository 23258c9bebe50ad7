"""An HTCDS/CTDC spreadsheet's row in Amparo's terms, with a report per field.

Pure: text in, an ``IntakeInput`` and ``FieldReport``s out. Codes are read
back through the same tables the export writes with, so a file Amparo
exported imports to the same standard fields. What HTCDS does not carry is
defaulted and said so: dates are the first of January of the year of
registration (estimated) unless the file has them, the birth year is the
middle of the age band unless the file has a birth date.
"""

import datetime
from collections.abc import Iterable

from django.utils.translation import gettext as _

from amparo.cases import vocab
from amparo.cases.inputs import IncidentInput, IntakeInput
from amparo.cases.standards import ctdc, htcds
from amparo.exchange.formats.base import FieldReport, MappedRow, Outcome
from amparo.exchange.formats.htcds import columns as c
from amparo.exchange.formats.htcds.export import band_bounds
from amparo.people import vocab as people_vocab
from amparo.people.inputs import IdentityInput, SurvivorInput

# HTCDS v1 wrote gender as the field reference lists it; read those codes too.
_GENDER_READ = {
    **{code: ours for ours, code in htcds.GENDER.items()},
    "TransgenderFeminine": people_vocab.Sex.OTHER,
    "TransgenderMasculine": people_vocab.Sex.OTHER,
    "Female": people_vocab.Sex.FEMALE,
    "Male": people_vocab.Sex.MALE,
    "Transgender/NonConforming": people_vocab.Sex.OTHER,
    "Unknown": people_vocab.Sex.UNKNOWN,
}
_TRUE = {"1", "true", "yes", "y", "si", "sí"}
_FALSE = {"", "0", "false", "no", "n", "-99"}


class _Row:
    """One row being mapped: its cells and the reports gathered so far."""

    def __init__(self, cells: dict[str, str]) -> None:
        self.cells = cells
        self.fields: list[FieldReport] = []

    def text(self, *names: str) -> tuple[str, str]:
        for name in names:
            if self.cells.get(name, "").strip():
                return name, self.cells[name].strip()
        return names[0], ""

    def report(
        self, source: str, target: str, outcome: Outcome, value: str = "", reason: str = ""
    ) -> None:
        self.fields.append(FieldReport(source, target, outcome, value, reason))

    def code(self, name: str, target: str, table: dict[str, str]) -> str:
        """A single code read back to Amparo's value; "" when blank; REFUSED when unknown."""
        text = self.cells.get(name, "").strip()
        if not text:
            return ""
        reverse = {theirs: ours for ours, theirs in table.items()}
        if text not in reverse:
            self.report(name, target, Outcome.REFUSED, text, _("Not a code of the standard."))
            return ""
        self.report(name, target, Outcome.MAPPED, str(reverse[text]))
        return str(reverse[text])

    def codes(self, name: str, target: str, table: dict[str, str]) -> list[str]:
        """Space-separated codes (an XLSForm multiple choice) read back to Amparo's values."""
        reverse = {theirs: ours for ours, theirs in table.items()}
        values: list[str] = []
        unknown: list[str] = []
        for code in self.cells.get(name, "").split():
            (values if code in reverse else unknown).append(code)
        if unknown:
            self.report(
                name, target, Outcome.REFUSED, " ".join(unknown), _("Not a code of the standard.")
            )
        elif values:
            self.report(name, target, Outcome.MAPPED, " ".join(sorted(reverse[v] for v in values)))
        return sorted({str(reverse[v]) for v in values})

    def flags(self, table: dict[str, str], target: str) -> list[str]:
        """CTDC's 0/1 columns read back to the values whose column says 1."""
        chosen = []
        for ours, column in table.items():
            text = self.cells.get(column, "").strip().lower()
            if text in _TRUE:
                chosen.append(str(ours))
                self.report(column, target, Outcome.MAPPED, str(ours))
            elif text not in _FALSE:
                self.report(column, target, Outcome.REFUSED, text, _("Write 1 or 0."))
        return chosen

    def date(self, name: str, target: str, *, personal: bool = False) -> datetime.date | None:
        text = self.cells.get(name, "").strip()
        if not text:
            return None
        try:
            value = datetime.date.fromisoformat(text[:10])
        except ValueError:
            self.report(
                name,
                target,
                Outcome.REFUSED,
                "" if personal else text,
                _("Write it as YYYY-MM-DD."),
            )
            return None
        self.report(name, target, Outcome.CREATED, "" if personal else value.isoformat())
        return value


def _year(row: _Row, today: datetime.date) -> int | None:
    text = row.cells.get(c.YEAR, "").strip()
    bounds = band_bounds(text) if "-" in text else None
    if bounds is not None:
        row.report(
            c.YEAR,
            "opened_on",
            Outcome.MAPPED,
            str(bounds[0]),
            _("A span of years: its first year."),
        )
        return bounds[0]
    if text.isdigit() and 1900 <= int(text) <= today.year:
        return int(text)
    if text:
        row.report(c.YEAR, "opened_on", Outcome.REFUSED, text, _("Not a year of registration."))
    return None


def _identity(row: _Row) -> tuple[IdentityInput, datetime.date | None]:
    given = [row.text(*c.FIRST_NAME), row.text(*c.MIDDLE_NAME)]
    family = row.text(*c.SECOND_NAME)
    phone = row.text(*c.PHONE)
    street = row.text(*c.STREET)
    born = row.date(c.BIRTHDATE[0], "identity.date_of_birth", personal=True)
    for (source, text), target in (
        (given[0], "identity.given_names"),
        (given[1], "identity.given_names"),
        (family, "identity.family_names"),
        (phone, "identity.phone"),
        (street, "identity.address"),
    ):
        if text:
            row.report(source, target, Outcome.CREATED, "", _("Kept encrypted."))
    identity = IdentityInput(
        given_names=" ".join(t for _s, t in given if t),
        family_names=family[1],
        phone=phone[1],
        address=street[1],
        date_of_birth=born,
    )
    return identity, born


def _birth_year(row: _Row, occurred_year: int, born: datetime.date | None) -> int | None:
    if born is not None:
        return born.year
    text = row.cells.get(c.AGE, "").strip()
    bounds = band_bounds(text) if text else None
    if bounds is None:
        if text:
            row.report(c.AGE, "survivor.birth_year", Outcome.REFUSED, text, _("Not an age band."))
        return None
    low, high = bounds
    age = low if high is None else (low + high) // 2
    row.report(
        c.AGE,
        "survivor.birth_year",
        Outcome.MAPPED,
        text,
        _("Birth year estimated from the age band (its middle)."),
    )
    return occurred_year - age


def _single(values: Iterable[str]) -> str:
    chosen = list(values)
    return chosen[0] if chosen else ""


def map_row(cells: dict[str, str], *, number: int, today: datetime.date) -> MappedRow:
    """One HTCDS/CTDC row as an intake; never raises, reports every field it read."""
    row = _Row(cells)
    external_id = cells.get(c.RECORD_ID, "").strip()
    year = _year(row, today)
    referral = row.date(c.REFERRAL_DATE, "opened_on")
    event = row.date(c.EVENT_DATE, "incident.occurred_on")
    if referral is None and year is None:
        row.report(c.YEAR, "opened_on", Outcome.REFUSED, "", _("Give the year of registration."))
    opened_on = referral or (datetime.date(year, 1, 1) if year else today)
    if referral is None and year is not None:
        row.report(c.YEAR, "opened_on", Outcome.DEFAULTED, str(year), _("1 January of that year."))
    occurred_on = event or opened_on
    if event is None:
        row.report(
            c.EVENT_DATE,
            "incident.occurred_on",
            Outcome.DEFAULTED,
            "",
            _("The case's opening day, estimated."),
        )
    identity, born = _identity(row)
    sex_source, sex_text = row.text(c.GENDER)
    sex = _GENDER_READ.get(sex_text, "")
    if sex_text and not sex:
        row.report(
            sex_source, "survivor.sex", Outcome.REFUSED, sex_text, _("Not a code of the standard.")
        )
    elif sex:
        row.report(sex_source, "survivor.sex", Outcome.MAPPED, str(sex))
    else:
        sex = people_vocab.Sex.UNKNOWN
        row.report(c.GENDER, "survivor.sex", Outcome.DEFAULTED, str(sex))
    citizenship_source, citizenship = row.text(c.CITIZENSHIP, c.NATIONALITY_V1)
    if citizenship and citizenship not in people_vocab.Nationality.values:
        row.report(
            citizenship_source,
            "survivor.nationality",
            Outcome.REFUSED,
            citizenship,
            _("Not a nationality Amparo knows."),
        )
    elif citizenship:
        row.report(citizenship_source, "survivor.nationality", Outcome.CREATED, citizenship)
    country = cells.get(c.COUNTRY, "").strip().upper()
    if not country:
        country = "GT"
        row.report(c.COUNTRY, "incident.country", Outcome.DEFAULTED, country)
    else:
        row.report(c.COUNTRY, "incident.country", Outcome.CREATED, country)
    admin1 = cells.get(c.LOCATION, "").strip()
    if admin1:
        row.report(c.LOCATION, "incident.admin1", Outcome.CREATED, admin1)
    else:
        admin1 = country
        row.report(
            c.LOCATION,
            "incident.admin1",
            Outcome.DEFAULTED,
            country,
            _("No department: the country is recorded as the place."),
        )
    status = row.code(c.CASE_STATUS, "status", htcds.CASE_STATUS)
    if status and status != vocab.CaseStatus.ACTIVE:
        row.report(
            c.CASE_STATUS,
            "status",
            Outcome.DEFAULTED,
            str(vocab.CaseStatus.ACTIVE),
            _("Imported cases open as active: close them in Amparo."),
        )
    relation = row.flags(ctdc.RECRUITER_RELATION, "incident.recruiter_relation")
    if len(relation) > 1:
        row.report(
            "recruiterRelation",
            "incident.recruiter_relation",
            Outcome.REFUSED,
            "",
            _("Only one recruiter relation can be marked."),
        )
    incident = IncidentInput(
        occurred_on=occurred_on,
        date_is_estimated=event is None,
        admin1=admin1,
        country=country,
        exploitation_types=row.codes(
            c.EXPLOITATION, "incident.exploitation_types", htcds.EXPLOITATION
        ),
        means_of_control=row.flags(ctdc.MEANS_OF_CONTROL, "incident.means_of_control"),
        labour_types=row.flags(ctdc.LABOUR_TYPE, "incident.labour_types"),
        sexual_exploitation_types=row.flags(
            ctdc.SEXUAL_EXPLOITATION_TYPE, "incident.sexual_exploitation_types"
        ),
        recruiter_relation=_single(relation),
        recruitment_methods=row.codes(
            c.RECRUITMENT, "incident.recruitment_methods", htcds.RECRUITMENT_METHOD
        ),
        trafficking_status=row.code(
            c.TRAFFICKING_STATUS, "incident.trafficking_status", htcds.TRAFFICKING_STATUS
        ),
        trafficking_status_decided_by=row.code(
            c.DECIDED_BY, "incident.trafficking_status_decided_by", htcds.DECIDING_ORGANISATION
        ),
        perpetrator_roles=row.codes(
            c.PERPETRATOR_ROLES, "incident.perpetrator_roles", htcds.PERPETRATOR_ROLE
        ),
        contexts=[vocab.CaseContext.TRAFFICKING],
    )
    survivor = SurvivorInput(
        pseudonym=f"HTCDS {external_id}"[:80] if external_id else f"HTCDS row {number}",
        sex=str(sex),
        birth_year=_birth_year(row, occurred_on.year, born),
        nationality=citizenship if citizenship in people_vocab.Nationality.values else "",
    )
    has_referral = bool(referral or cells.get(c.REFERRING_ORGANISATION, "").strip())
    intake = IntakeInput(
        origin=vocab.CaseOrigin.REFERRAL if has_referral else vocab.CaseOrigin.REPORT,
        opened_on=opened_on,
        survivor=survivor,
        identity=identity,
        incident=incident,
    )
    mapped = MappedRow(number=number, external_id=external_id, intake=intake, fields=row.fields)
    if mapped.refused:
        mapped.intake = None
    return mapped

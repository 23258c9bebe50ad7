"""Cases from Primero: the CSV its case list exports ("Export" > "CSV").

Primero (v2) writes that file with a header row of ``id`` and then its field
names (``case_id``, ``case_id_display``, ``name_first``, ``sex``, …) and each
record's stored values: option ids (``female``, ``idp``), ISO dates, a list as
``["a", "b"]``. Subforms (incidents, services) are not in it, so each case
brings no incident details: the incident Amparo's intake needs is defaulted
and said so. An ``.xlsx`` saved from that CSV (same header row) reads too;
Primero's own Excel export (labels, one sheet per form) does not.

Field names are Primero's form seeds' (``db/forms/case/``, the GBV
``gbv_survivor_information`` form and the CP case forms). Names, date of
birth, phone, address and ids go only into the encrypted identity.
"""

import datetime
import json
from collections.abc import Iterator, Mapping
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.cases import vocab
from amparo.cases.inputs import IncidentInput, IntakeInput
from amparo.exchange.formats import register_import
from amparo.exchange.formats.base import MappedRow
from amparo.exchange.formats.dates import parse_date
from amparo.exchange.formats.rows import FieldLog
from amparo.exchange.formats.tabular import read_table
from amparo.people.inputs import ConsentInput, IdentityInput, SurvivorInput
from amparo.people.vocab import ConsentGiver, ConsentScope, Disability, Displacement, Sex

SOURCE_SYSTEM = "primero"

# Primero's option ids (its lookups) -> Amparo's codes.
SEXES = {"female": Sex.FEMALE, "male": Sex.MALE, "other": Sex.OTHER, "unknown": Sex.UNKNOWN}
DISPLACEMENTS = {
    "resident": Displacement.RESIDENT,
    "idp": Displacement.IDP,
    "refugee": Displacement.REFUGEE,
    "stateless_person": Displacement.STATELESS,
    "returnee": Displacement.RETURNEE,
    "foreign_national": Displacement.MIGRANT,
    "migrant": Displacement.MIGRANT,
    "asylum_seeker": Displacement.ASYLUM_SEEKER,
}
DISABILITIES = {
    "no": Disability.NONE,
    "mental_disability": Disability.PSYCHOSOCIAL,
    "physical_disability": Disability.PHYSICAL,
    "both": Disability.MULTIPLE,
}
RISK_LEVELS = {
    "high": vocab.RiskLevel.HIGH,
    "medium": vocab.RiskLevel.MEDIUM,
    "low": vocab.RiskLevel.LOW,
}
# ``lookup-country`` ids: its display text in lower case, words joined by "_".
COUNTRIES = {
    "guatemala": "GT",
    "el_salvador": "SV",
    "honduras": "HN",
    "nicaragua": "NI",
    "mexico": "MX",
    "belize": "BZ",
    "costa_rica": "CR",
    "colombia": "CO",
    "venezuela": "VE",
    "dominican_republic": "DO",
    "usa": "US",
}
TRUE, FALSE = {"true", "yes", "1"}, {"false", "no", "0"}
CASE_STATUSES = {"open", "closed", "transferred", "duplicate"}

ID_COLUMNS = ("case_id", "id")
NATIONALITY_COLUMNS = ("nationality", "gbv_nationality", "country_of_origin")
NATIONAL_ID_COLUMNS = ("national_id_no", "unhcr_id_no", "other_id_no")
# The incident Amparo needs and a case export lacks: its place, said plainly.
NO_PLACE = "—"


def values(text: str) -> list[str]:
    """A cell's values: Primero writes a list as ``["a", "b"]``; a person may write ``a, b``."""
    text = text.strip()
    if text.startswith("["):
        try:
            loaded = json.loads(text)
        except ValueError:
            loaded = [part.strip(" \"'") for part in text.strip("[]").split(",")]
        return [str(v).strip() for v in loaded if str(v).strip()]
    return [part.strip() for part in text.split(",") if part.strip()]


class PrimeroCaseImport:
    """A Primero case export (``ImportFormat``): one case per row, keyed by Primero's case id."""

    key = "primero"
    label = gettext_lazy("Primero case export (CSV)")
    source_system = SOURCE_SYSTEM

    def read(self, upload: IO[bytes], *, filename: str) -> Iterator[dict[str, str]]:
        return read_table(upload, filename=filename)

    def map_row(self, row: dict[str, str], *, number: int, today: datetime.date) -> MappedRow:
        return _Mapper(row, today=today).mapped(number)


class _Mapper:
    def __init__(self, row: dict[str, str], *, today: datetime.date) -> None:
        self.row = {key.strip().lower(): value.strip() for key, value in row.items()}
        self.today = today
        self.log = FieldLog()

    def first(self, columns: tuple[str, ...]) -> tuple[str, str]:
        for column in columns:
            if self.row.get(column):
                return column, self.row[column]
        return columns[0], ""

    def mapped(self, number: int) -> MappedRow:
        log = self.log
        id_column, external_id = self.first(ID_COLUMNS)
        if external_id:
            log.created(id_column, "external_id", external_id)
        else:
            log.refused(id_column, "external_id", _("Each row needs Primero's case id."))
        identity = self.identity()
        opened_on = self.opened_on()
        survivor = self.survivor(identity, opened_on)
        self.status()
        risk = self.choice("risk_level", "risk_level", RISK_LEVELS, default="medium")
        incident = self.incident(opened_on)
        consents = self.consents(opened_on)
        intake = None
        if not log.refused_any:
            intake = IntakeInput(
                origin=vocab.CaseOrigin.REPORT,
                opened_on=opened_on,
                survivor=survivor,
                identity=identity,
                incident=incident,
                consents=consents,
                risk_level=risk,
            )
            log.defaulted(
                "", "origin", vocab.CaseOrigin.REPORT, _("Primero does not say: came forward.")
            )
        return MappedRow(
            number=number, external_id=external_id, intake=intake, fields=list(log.reports)
        )

    def date(self, column: str, target: str) -> datetime.date | None:
        text = self.row.get(column, "")
        if not text:
            return None
        try:
            day = parse_date(text)
        except ValueError:
            self.log.refused(column, target, _("Not a date (Primero writes 2024-03-05)."))
            return None
        if day > self.today:
            self.log.refused(column, target, _("The date is in the future."))
            return None
        return day

    def choice(self, column: str, target: str, table: Mapping[str, str], *, default: str) -> str:
        text = self.row.get(column, "")
        if not text:
            self.log.defaulted(column, target, default, _("Not given: Amparo's default."))
            return default
        code = table.get(text.lower())
        if code is None:
            self.log.refused(
                column,
                target,
                _("“%(value)s” is not one of Primero's codes Amparo maps.") % {"value": text},
            )
            return default
        self.log.mapped(column, target, code)
        return code

    def identity(self) -> IdentityInput:
        row, log = self.row, self.log
        encrypted = _("Encrypted.")
        given = " ".join(p for p in (row.get("name_first", ""), row.get("name_middle", "")) if p)
        family = row.get("name_last", "")
        other = ", ".join(p for p in (row.get("name_nickname", ""), row.get("name_other", "")) if p)
        if not (given or family) and row.get("name"):
            given = row["name"]
            log.identity("name", "identity.given_names", encrypted)
        for column, target in (
            ("name_first", "identity.given_names"),
            ("name_middle", "identity.given_names"),
            ("name_last", "identity.family_names"),
            ("name_nickname", "identity.other_names"),
            ("name_other", "identity.other_names"),
            ("telephone_current", "identity.phone"),
            ("address_current", "identity.address"),
        ):
            if row.get(column):
                log.identity(column, target, encrypted)
        id_column, national_id = self.first(NATIONAL_ID_COLUMNS)
        if national_id:
            log.identity(id_column, "identity.national_id", encrypted)
        born = self.date("date_of_birth", "identity.date_of_birth")
        if born is not None:
            log.identity(
                "date_of_birth",
                "identity.date_of_birth",
                _("Encrypted; its year is kept in clear."),
            )
        return IdentityInput(
            given_names=given[:200],
            family_names=family[:200],
            other_names=other[:200],
            date_of_birth=born,
            phone=row.get("telephone_current", "")[:40],
            address=row.get("address_current", ""),
            national_id=national_id[:60],
        )

    def opened_on(self) -> datetime.date:
        day = self.date("registration_date", "opened_on")
        if day is None:
            if not self.row.get("registration_date"):
                self.log.defaulted(
                    "registration_date", "opened_on", "", _("Not given: the day of import.")
                )
            return self.today
        self.log.created("registration_date", "opened_on")
        return day

    def survivor(self, identity: IdentityInput, opened_on: datetime.date) -> SurvivorInput:
        row, log = self.row, self.log
        code_column, code = self.first(("survivor_code_no", "case_id_display", "short_id"))
        if code:
            log.created(code_column, "survivor.pseudonym", code)
        else:
            code = _("Primero case %(number)s") % {"number": self.row.get("case_id", "")[:8]}
            log.defaulted(
                code_column, "survivor.pseudonym", "", _("No case code: named by the case id.")
            )
        birth_year = identity.date_of_birth.year if identity.date_of_birth else None
        age = row.get("age", "")
        if birth_year is None and age:
            if age.isdigit() and int(age) <= 120:
                birth_year = opened_on.year - int(age)
                log.mapped(
                    "age",
                    "survivor.birth_year",
                    str(birth_year),
                    _("The age at registration, as a birth year."),
                )
            else:
                log.refused("age", "survivor.birth_year", _("Give the age as a whole number."))
        sex = self.choice("sex", "survivor.sex", SEXES, default=Sex.UNKNOWN)
        return SurvivorInput(
            pseudonym=code[:80],
            sex=sex,
            birth_year=birth_year,
            nationality=self.nationality(),
            displacement=self.choice(
                self.first(("gbv_displacement_status", "displacement_status"))[0],
                "survivor.displacement",
                DISPLACEMENTS,
                default=Displacement.UNKNOWN,
            ),
            disability=self.choice(
                self.first(("gbv_disability_type", "disability_type"))[0],
                "survivor.disability",
                DISABILITIES,
                default=Disability.UNKNOWN,
            ),
        )

    def nationality(self) -> str:
        column, text = self.first(NATIONALITY_COLUMNS)
        target = "survivor.nationality"
        if not text:
            self.log.defaulted(column, target, "", _("Not given: left blank."))
            return ""
        found = values(text)
        code = COUNTRIES.get(found[0].lower(), "ZZ") if found else "ZZ"
        reason = "" if code != "ZZ" else _("A country Amparo does not list: other.")
        if len(found) > 1:
            reason = _("The first of several nationalities.")
        self.log.mapped(column, target, code, reason)
        return code

    def status(self) -> None:
        text = self.row.get("status", "").lower()
        if not text:
            return
        if text not in CASE_STATUSES:
            self.log.refused(
                "status",
                "status",
                _("“%(value)s” is not one of Primero's case statuses.") % {"value": text},
            )
        elif text == "open":
            self.log.mapped("status", "status", vocab.CaseStatus.ACTIVE)
        else:
            self.log.defaulted(
                "status",
                "status",
                vocab.CaseStatus.ACTIVE,
                _("Imported cases open as active; close it in Amparo."),
            )

    def incident(self, opened_on: datetime.date) -> IncidentInput:
        log = self.log
        log.defaulted(
            "",
            "incident.occurred_on",
            "",
            _("Primero's case export has no incident: the registration date, estimated."),
        )
        place = self.row.get("location_current", "")
        if place:
            log.created("location_current", "incident.admin1", place)
        else:
            log.defaulted(
                "", "incident.admin1", NO_PLACE, _("Not in the export: complete it in Amparo.")
            )
        log.defaulted(
            "",
            "incident.gbv_type",
            vocab.GbvType.NON_GBV,
            _("Not in the export: classify it in Amparo."),
        )
        return IncidentInput(
            occurred_on=opened_on,
            admin1=(place or NO_PLACE)[:80],
            date_is_estimated=True,
            reported_on=opened_on,
        )

    def consents(self, opened_on: datetime.date) -> list[ConsentInput]:
        consents = []
        for column, scope in (
            ("consent_for_services", ConsentScope.SERVICES),
            ("consent_reporting", ConsentScope.REPORTING),
        ):
            text = self.row.get(column, "").lower()
            if not text:
                continue
            if text in TRUE:
                consents.append(
                    ConsentInput(scope=scope, given_by=ConsentGiver.SURVIVOR, given_on=opened_on)
                )
                self.log.mapped(
                    column, "consents", scope, _("Given by the survivor at registration.")
                )
            elif text in FALSE:
                self.log.mapped(column, "consents", "")
            else:
                self.log.refused(column, "consents", _("Give true or false."))
        return consents


IMPORT = register_import(PrimeroCaseImport())

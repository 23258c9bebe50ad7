"""An Incident Recorder spreadsheet's incident rows made into Amparo intakes."""

import datetime
from collections.abc import Iterator, Mapping
from typing import IO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.cases import vocab
from amparo.cases.inputs import IncidentInput, IntakeInput
from amparo.cases.standards import gbvims
from amparo.core.spreadsheets import refuse_file
from amparo.exchange.formats.base import MappedRow
from amparo.exchange.formats.dates import parse_date
from amparo.exchange.formats.gbvims_ir import columns as c
from amparo.exchange.formats.rows import FieldLog
from amparo.exchange.formats.tabular import read_table
from amparo.people.inputs import ConsentInput, IdentityInput, SurvivorInput
from amparo.people.vocab import ConsentGiver, ConsentScope, Disability, Displacement, Sex

SOURCE_SYSTEM = "gbvims-ir"


def _inverse(table: dict[str, str]) -> dict[str, str]:
    return {label.casefold(): code for code, label in table.items()}


GBV_TYPES = _inverse(gbvims.GBV_TYPE)
# Primero has written this label with and without the serial comma.
GBV_TYPES["denial of resources, opportunities, or services"] = vocab.GbvType.DENIAL
SEXES = _inverse(gbvims.SEX)
PERPETRATOR_SEXES = _inverse(gbvims.PERPETRATOR_SEX)
AGE_GROUPS = _inverse(gbvims.AGE_GROUP)
RELATIONS = {label.casefold(): code for label, code in gbvims.PERPETRATOR_RELATION_IMPORT.items()}
ABDUCTIONS = _inverse(gbvims.ABDUCTION_STATUS_LABEL)
DISPLACEMENTS = _inverse(gbvims.DISPLACEMENT)
DISABILITIES = {label.casefold(): code for label, code in gbvims.DISABILITY_IMPORT.items()}
COUNTRIES = _inverse(gbvims.COUNTRY)
REFERRED_FROM = {code.casefold() for code in c.REFERRED_FROM_CODES}
YES_NO = {gbvims.YES.casefold(): True, gbvims.NO.casefold(): False}


def _with_columns(
    rows: Iterator[dict[str, str]], required: tuple[str, ...]
) -> Iterator[dict[str, str]]:
    """The rows, the whole file refused when its header lacks a ``required`` column."""
    for number, row in enumerate(rows):
        missing = [column for column in required if column not in row]
        if number == 0 and missing:
            raise refuse_file(
                _("The file lacks the column(s) %(columns)s: is it the Incident Recorder's sheet?")
                % {"columns": ", ".join(missing)}
            )
        yield row


class GbvimsIrImport:
    """Rows of the Incident Recorder's "Incident Data" sheet (``ImportFormat``).

    Each row is one incident and opens one case: its ``INCIDENT ID`` is the
    external id, its ``SURVIVOR CODE`` the survivor's pseudonym. Rows of one
    survivor are not merged; the blind index flags them when they share an
    identity.
    """

    key = "gbvims-ir"
    label = gettext_lazy("GBVIMS Incident Recorder")
    source_system = SOURCE_SYSTEM

    def read(self, upload: IO[bytes], *, filename: str) -> Iterator[dict[str, str]]:
        return _with_columns(
            read_table(upload, filename=filename), (c.INCIDENT_ID, c.DATE_OF_INCIDENT)
        )

    def map_row(self, row: dict[str, str], *, number: int, today: datetime.date) -> MappedRow:
        return _RowMapper(row, today=today).mapped(number)


class _RowMapper:
    def __init__(self, row: dict[str, str], *, today: datetime.date) -> None:
        self.row = row
        self.today = today
        self.log = FieldLog()

    def get(self, column: str) -> str:
        return self.row.get(column, "").strip()

    def mapped(self, number: int) -> MappedRow:
        log = self.log
        external_id = self.get(c.INCIDENT_ID)
        if not external_id:
            log.refused(c.INCIDENT_ID, "external_id", _("Each row needs its incident id."))
        else:
            log.created(c.INCIDENT_ID, "external_id", external_id)
        identity = IdentityInput()
        survivor = self.survivor(identity)
        incident, opened_on = self.incident()
        origin = self.origin()
        consents = self.consents(opened_on)
        for column in c.NOT_KEPT:
            if self.get(column):
                log.defaulted(column, "", "", _("Amparo does not keep this column; left out."))
        intake = None
        if not log.refused_any and incident is not None and opened_on is not None:
            intake = IntakeInput(
                origin=origin,
                opened_on=opened_on,
                survivor=survivor,
                identity=identity,
                incident=incident,
                consents=consents,
            )
        return MappedRow(
            number=number, external_id=external_id, intake=intake, fields=list(log.reports)
        )

    def date(self, column: str, target: str) -> tuple[bool, datetime.date | None]:
        """(read, the date): read is False when the cell held something unreadable."""
        text = self.get(column)
        if not text:
            return True, None
        try:
            day = parse_date(text)
        except ValueError:
            self.log.refused(column, target, _("Not a date (write it as 05-Mar-2024)."))
            return False, None
        if day > self.today:
            self.log.refused(column, target, _("The date is in the future."))
            return False, None
        return True, day

    def choice(
        self, column: str, target: str, table: Mapping[str, str], *, default: str, absent: str
    ) -> str:
        text = self.get(column)
        if not text:
            self.log.defaulted(column, target, default, absent)
            return default
        code = table.get(text.casefold())
        if code is None:
            self.log.refused(
                column,
                target,
                _("“%(value)s” is not one of the standard's codes.") % {"value": text},
            )
            return default
        self.log.mapped(column, target, code)
        return code

    def survivor(self, identity: IdentityInput) -> SurvivorInput:
        log = self.log
        code = self.get(c.SURVIVOR_CODE)
        pseudonym = code or _("Incident %(id)s") % {"id": self.get(c.INCIDENT_ID)}
        if code:
            log.created(c.SURVIVOR_CODE, "survivor.pseudonym", code)
        else:
            log.defaulted(
                c.SURVIVOR_CODE,
                "survivor.pseudonym",
                "",
                _("No survivor code: named by the incident id."),
            )
        ok, born = self.date(c.DATE_OF_BIRTH, "identity.date_of_birth")
        if ok and born is not None:
            identity.date_of_birth = born
            log.identity(
                c.DATE_OF_BIRTH,
                "identity.date_of_birth",
                _("Encrypted; its year is kept in clear."),
            )
        sex = self.choice(
            c.SEX, "survivor.sex", SEXES, default=Sex.UNKNOWN, absent=_("Not given: unknown.")
        )
        nationality = self.nationality()
        displacement = self.choice(
            c.DISPLACEMENT_STATUS,
            "survivor.displacement",
            DISPLACEMENTS,
            default=Displacement.UNKNOWN,
            absent=_("Not given: unknown."),
        )
        disability = self.choice(
            c.DISABILITY,
            "survivor.disability",
            DISABILITIES,
            default=Disability.UNKNOWN,
            absent=_("Not given: unknown."),
        )
        return SurvivorInput(
            pseudonym=pseudonym[:80],
            sex=sex,
            birth_year=None if born is None else born.year,
            nationality=nationality,
            disability=disability,
            displacement=displacement,
        )

    def nationality(self) -> str:
        text = self.get(c.COUNTRY_OF_ORIGIN)
        target = "survivor.nationality"
        if not text:
            self.log.defaulted(c.COUNTRY_OF_ORIGIN, target, "", _("Not given: left blank."))
            return ""
        code = COUNTRIES.get(text.casefold())
        if code is None:
            self.log.mapped(
                c.COUNTRY_OF_ORIGIN, target, "ZZ", _("A country Amparo does not list: other.")
            )
            return "ZZ"
        self.log.mapped(c.COUNTRY_OF_ORIGIN, target, code)
        return code

    def incident(self) -> tuple[IncidentInput | None, datetime.date | None]:
        log = self.log
        ok_seen, interviewed = self.date(c.DATE_OF_INTERVIEW, "opened_on")
        ok_happened, happened = self.date(c.DATE_OF_INCIDENT, "incident.occurred_on")
        if not (ok_seen and ok_happened):
            return None, None
        if happened is None and interviewed is None:
            log.refused(c.DATE_OF_INCIDENT, "incident.occurred_on", _("Give the incident's date."))
            return None, None
        estimated = happened is None
        if happened is None:
            happened = interviewed
            log.defaulted(
                c.DATE_OF_INCIDENT,
                "incident.occurred_on",
                "",
                _("Not given: the date of interview, marked as estimated."),
            )
        else:
            log.created(c.DATE_OF_INCIDENT, "incident.occurred_on")
        assert happened is not None
        if interviewed is None:
            interviewed = self.today
            log.defaulted(c.DATE_OF_INTERVIEW, "opened_on", "", _("Not given: the day of import."))
        elif interviewed < happened:
            log.refused(
                c.DATE_OF_INTERVIEW, "opened_on", _("The interview is before the incident.")
            )
        else:
            log.created(c.DATE_OF_INTERVIEW, "opened_on")
        admin1, admin2 = self.get(c.COUNTY), self.get(c.DISTRICT)
        if admin1:
            log.created(c.COUNTY, "incident.admin1", admin1)
        else:
            log.refused(c.COUNTY, "incident.admin1", _("Say where it happened (county)."))
        if admin2:
            log.created(c.DISTRICT, "incident.admin2", admin2)
        incident = IncidentInput(
            occurred_on=happened,
            admin1=admin1[:80],
            admin2=admin2[:80],
            date_is_estimated=estimated,
            reported_on=interviewed,
        )
        self.incident_facts(incident)
        return incident, interviewed

    def incident_facts(self, incident: IncidentInput) -> None:
        gbv_type = self.choice(
            c.GBV_TYPE,
            "incident.gbv_type",
            GBV_TYPES,
            default=vocab.GbvType.NON_GBV,
            absent=_("Not given: no type's question answered yes (Non-GBV)."),
        )
        question = gbvims.GBV_TYPE_QUESTION.get(gbv_type)
        if question:
            setattr(incident, question, True)
        practice = self.get(c.HARMFUL_TRADITIONAL_PRACTICE)
        if practice and practice.casefold() != gbvims.NO.casefold():
            incident.contexts.append(vocab.CaseContext.HARMFUL_PRACTICE)
            self.log.mapped(
                c.HARMFUL_TRADITIONAL_PRACTICE,
                "incident.contexts",
                vocab.CaseContext.HARMFUL_PRACTICE,
            )
        elif practice:
            self.log.mapped(c.HARMFUL_TRADITIONAL_PRACTICE, "incident.contexts", "")
        exchanged = self.choice(
            c.GOODS_MONEY_EXCHANGED,
            "incident.money_or_goods_exchanged",
            {k: str(v) for k, v in YES_NO.items()},
            default="False",
            absent=_("Not given: no."),
        )
        incident.money_or_goods_exchanged = exchanged == "True"
        incident.abduction_status = self.choice(
            c.ABDUCTION_TYPE,
            "incident.abduction_status",
            ABDUCTIONS,
            default=vocab.AbductionStatus.NONE,
            absent=_("Not given: none."),
        )
        self.perpetrator(incident)

    def perpetrator(self, incident: IncidentInput) -> None:
        text = self.get(c.PERPETRATOR_COUNT)
        target = "incident.perpetrator_count"
        if not text:
            self.log.defaulted(c.PERPETRATOR_COUNT, target, "1", _("Not given: one."))
        elif not text.isdigit() or not 1 <= int(text) <= 99:
            self.log.refused(c.PERPETRATOR_COUNT, target, _("Give a whole number from 1 to 99."))
        else:
            incident.perpetrator_count = int(text)
            self.log.created(c.PERPETRATOR_COUNT, target, text)
        unknown = _("Not given: unknown.")
        incident.perpetrator_sex = self.choice(
            c.PERPETRATOR_SEX,
            "incident.perpetrator_sex",
            PERPETRATOR_SEXES,
            default=vocab.PerpetratorSex.UNKNOWN,
            absent=unknown,
        )
        incident.perpetrator_age_band = self.choice(
            c.PERPETRATOR_AGE_GROUP,
            "incident.perpetrator_age_band",
            AGE_GROUPS,
            default="unknown",
            absent=unknown,
        )
        incident.perpetrator_relation = self.choice(
            c.PERPETRATOR_RELATIONSHIP,
            "incident.perpetrator_relation",
            RELATIONS,
            default=vocab.PerpetratorRelation.UNKNOWN,
            absent=unknown,
        )

    def origin(self) -> str:
        text = self.get(c.REFERRED_FROM)
        target = "origin"
        if not text:
            self.log.defaulted(
                c.REFERRED_FROM, target, vocab.CaseOrigin.REPORT, _("Not given: came forward.")
            )
            return vocab.CaseOrigin.REPORT
        sources = [part.strip().casefold() for part in text.split(c.MULTI_SEPARATOR.strip())]
        unknown = [part for part in sources if part not in REFERRED_FROM]
        if unknown:
            self.log.refused(
                c.REFERRED_FROM,
                target,
                _("“%(value)s” is not one of the standard's codes.") % {"value": text},
            )
            return vocab.CaseOrigin.REPORT
        origin = (
            vocab.CaseOrigin.REPORT
            if sources == [c.SELF_REFERRAL.casefold()]
            else vocab.CaseOrigin.REFERRAL
        )
        self.log.mapped(c.REFERRED_FROM, target, origin)
        return origin

    def consents(self, opened_on: datetime.date | None) -> list[ConsentInput]:
        text = self.get(c.CONSENT)
        target = "consents"
        if not text:
            self.log.defaulted(c.CONSENT, target, "", _("Not given: no consent recorded."))
            return []
        given = YES_NO.get(text.casefold())
        if given is None:
            self.log.refused(
                c.CONSENT,
                target,
                _("“%(value)s” is not one of the standard's codes.") % {"value": text},
            )
            return []
        if not given or opened_on is None:
            self.log.mapped(c.CONSENT, target, "")
            return []
        self.log.mapped(
            c.CONSENT,
            target,
            ConsentScope.REPORTING,
            _("Consent to non-identifiable reporting, given by the survivor at the interview."),
        )
        return [
            ConsentInput(
                scope=ConsentScope.REPORTING, given_by=ConsentGiver.SURVIVOR, given_on=opened_on
            )
        ]

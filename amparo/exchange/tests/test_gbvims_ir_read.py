"""Reading Incident Recorder sheets (CSV, XLSX) and mapping their rows."""

import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from amparo.exchange.formats.base import Outcome
from amparo.exchange.formats.gbvims_ir import IMPORT
from amparo.exchange.formats.gbvims_ir import columns as c
from amparo.exchange.tests.ir_samples import TODAY, ir_row


def csv_file(rows: list[dict[str, str]]) -> io.BytesIO:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(c.COLUMNS))
    writer.writeheader()
    writer.writerows(rows)
    return io.BytesIO(out.getvalue().encode("utf-8-sig"))


def xlsx_file(rows: list[list[object]]) -> io.BytesIO:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Incident Data"
    workbook.create_sheet("Menu Data")
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    out.seek(0)
    return out


def report(mapped, source):
    return next(f for f in mapped.fields if f.source == source)


def test_a_csv_sheet_is_read_by_its_headers():
    rows = list(
        IMPORT.read(csv_file([ir_row(), ir_row({c.INCIDENT_ID: "IR-2"})]), filename="ir.csv")
    )
    assert [row[c.INCIDENT_ID] for row in rows] == ["IR-0001", "IR-2"]
    assert rows[0][c.GOODS_MONEY_EXCHANGED] == "Yes"


def test_an_xlsx_workbook_is_read_from_its_first_sheet_with_real_dates():
    header = list(c.COLUMNS)
    cells = [ir_row()[column] for column in header]
    cells[header.index(c.DATE_OF_INCIDENT)] = datetime.datetime(2025, 3, 2)
    cells[header.index(c.PERPETRATOR_COUNT)] = 2.0
    rows = list(IMPORT.read(xlsx_file([header, cells, [None] * len(header)]), filename="IR.XLSX"))
    assert len(rows) == 1, "blank rows are left out"
    mapped = IMPORT.map_row(rows[0], number=1, today=TODAY)
    assert not mapped.refused
    assert mapped.intake.incident.occurred_on == datetime.date(2025, 3, 2)
    assert mapped.intake.incident.perpetrator_count == 2


@pytest.mark.parametrize(
    ("content", "filename"),
    [
        (b"INCIDENT ID,SURVIVOR CODE\nIR-1,S\n", "ir.csv"),  # no date of incident column
        (b"INCIDENT ID,INCIDENT ID,DATE OF INCIDENT\n", "ir.csv"),
        (b"", "ir.csv"),
        (b"\xff\xfe\x00garbage", "ir.csv"),
        (b"not a workbook", "ir.xlsx"),
        (b"INCIDENT ID,DATE OF INCIDENT\n", "ir.pdf"),
    ],
)
def test_a_file_that_is_not_an_incident_sheet_is_refused_whole(content, filename):
    with pytest.raises(ValidationError):
        list(IMPORT.read(io.BytesIO(content), filename=filename))


def test_a_full_row_maps_every_standard_field():
    mapped = IMPORT.map_row(ir_row(), number=3, today=TODAY)
    assert not mapped.refused and mapped.number == 3 and mapped.external_id == "IR-0001"
    intake = mapped.intake
    assert intake.opened_on == datetime.date(2025, 3, 12)
    assert intake.origin == "referral"
    assert (intake.survivor.pseudonym, intake.survivor.sex) == ("SV-TEST-1", "female")
    assert intake.survivor.birth_year == 2009
    assert (intake.survivor.nationality, intake.survivor.displacement) == ("HN", "refugee")
    assert intake.survivor.disability == "none"
    incident = intake.incident
    assert incident.occurred_on == datetime.date(2025, 3, 2) and not incident.date_is_estimated
    assert incident.reported_on == datetime.date(2025, 3, 12)
    assert (incident.admin1, incident.admin2) == ("Escuintla", "Palín")
    assert incident.q_penetration and not incident.q_sexual_contact
    assert incident.money_or_goods_exchanged and incident.abduction_status == "trafficked"
    assert incident.contexts == []
    assert (incident.perpetrator_count, incident.perpetrator_sex) == (2, "male")
    assert (incident.perpetrator_age_band, incident.perpetrator_relation) == ("26-40", "employer")
    assert [(k.scope, k.given_by, k.given_on) for k in intake.consents] == [
        ("reporting", "survivor", datetime.date(2025, 3, 12))
    ]


def test_the_date_of_birth_is_identity_and_never_in_the_report():
    mapped = IMPORT.map_row(ir_row(), number=1, today=TODAY)
    assert mapped.intake.identity.date_of_birth == datetime.date(2009, 7, 14)
    dob = report(mapped, c.DATE_OF_BIRTH)
    assert dob.value == "" and dob.target == "identity.date_of_birth"
    shown = " ".join(f"{f.value} {f.reason}" for f in mapped.fields)
    assert "2009" not in shown and "14-Jul" not in shown
    assert "Ethnicity1" not in shown and "CW-9" not in shown


def test_columns_amparo_does_not_keep_are_reported_as_left_out():
    mapped = IMPORT.map_row(ir_row(), number=1, today=TODAY)
    left_out = report(mapped, c.ETHNICITY)
    assert left_out.outcome is Outcome.DEFAULTED and left_out.target == "" and left_out.reason


@pytest.mark.parametrize(
    ("column", "value", "target"),
    [
        (c.GBV_TYPE, "Harassment", "incident.gbv_type"),
        (c.SEX, "X", "survivor.sex"),
        (c.DATE_OF_INCIDENT, "sometime in March", "incident.occurred_on"),
        (c.DATE_OF_INCIDENT, "02-Mar-2026", "incident.occurred_on"),
        (c.PERPETRATOR_COUNT, "several", "incident.perpetrator_count"),
        (c.PERPETRATOR_AGE_GROUP, "Age 30 - 35", "incident.perpetrator_age_band"),
        (c.ABDUCTION_TYPE, "Kidnapped", "incident.abduction_status"),
        (c.DISPLACEMENT_STATUS, "Tourist", "survivor.displacement"),
        (c.COUNTY, "", "incident.admin1"),
        (c.INCIDENT_ID, "", "external_id"),
        (c.REFERRED_FROM, "A neighbour", "origin"),
        (c.CONSENT, "Maybe", "consents"),
    ],
)
def test_a_value_outside_the_standard_refuses_the_row_with_a_reason(column, value, target):
    mapped = IMPORT.map_row(ir_row({column: value}), number=1, today=TODAY)
    assert mapped.refused and mapped.intake is None
    refusal = report(mapped, column)
    assert refusal.outcome is Outcome.REFUSED and refusal.target == target and refusal.reason


def test_an_interview_before_the_incident_is_refused():
    mapped = IMPORT.map_row(ir_row({c.DATE_OF_INTERVIEW: "01-Mar-2025"}), number=1, today=TODAY)
    assert mapped.refused
    assert report(mapped, c.DATE_OF_INTERVIEW).outcome is Outcome.REFUSED


def test_blank_cells_are_defaulted_and_said_so():
    blank = {column: "" for column in c.COLUMNS}
    blank.update({c.INCIDENT_ID: "IR-9", c.DATE_OF_INTERVIEW: "2025-04-01", c.COUNTY: "Petén"})
    mapped = IMPORT.map_row(blank, number=1, today=TODAY)
    assert not mapped.refused
    incident = mapped.intake.incident
    assert incident.occurred_on == datetime.date(2025, 4, 1) and incident.date_is_estimated
    assert mapped.intake.survivor.sex == "unknown" and mapped.intake.origin == "report"
    assert incident.perpetrator_count == 1 and incident.perpetrator_relation == "unknown"
    assert mapped.intake.consents == [] and mapped.intake.identity.is_empty()
    for column in (c.SEX, c.GBV_TYPE, c.SURVIVOR_CODE, c.DATE_OF_INCIDENT, c.PERPETRATOR_SEX):
        assert report(mapped, column).outcome is Outcome.DEFAULTED, column


def test_codes_are_read_whatever_their_case_and_self_referral_is_a_report():
    mapped = IMPORT.map_row(
        ir_row(
            {
                c.GBV_TYPE: "psychological / emotional abuse",
                c.REFERRED_FROM: "Self Referral / First Point of Contact",
                c.HARMFUL_TRADITIONAL_PRACTICE: "FGM",
                c.PERPETRATOR_RELATIONSHIP: "Cotenant / Housemate",
                c.COUNTRY_OF_ORIGIN: "Kenya",
            }
        ),
        number=1,
        today=TODAY,
    )
    assert not mapped.refused
    assert mapped.intake.incident.q_psychological and mapped.intake.origin == "report"
    assert mapped.intake.incident.contexts == ["harmful_practice"]
    assert mapped.intake.incident.perpetrator_relation == "community"
    assert mapped.intake.survivor.nationality == "ZZ"
    assert report(mapped, c.COUNTRY_OF_ORIGIN).reason


def test_reasons_are_given_in_the_readers_language():
    from django.utils import translation

    with translation.override("es"):
        mapped = IMPORT.map_row(ir_row({c.GBV_TYPE: "Harassment"}), number=1, today=TODAY)
    assert (
        report(mapped, c.GBV_TYPE).reason == "«Harassment» no es uno de los códigos del estándar."
    )

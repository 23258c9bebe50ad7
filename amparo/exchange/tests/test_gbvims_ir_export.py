"""Incident Recorder rows from de-identified records, and the pure round trip back."""

import dataclasses
import datetime

import pytest

from amparo.exchange.formats.gbvims_ir import EXPORT, IMPORT
from amparo.exchange.formats.gbvims_ir import columns as c
from amparo.exchange.tests.ir_samples import TODAY, record


def as_cells(records) -> list[dict[str, str]]:
    return [dict(zip(EXPORT.columns(), row, strict=True)) for row in EXPORT.rows(records)]


def test_the_export_is_headed_with_the_recorders_columns():
    assert EXPORT.columns() == list(c.COLUMNS)
    assert EXPORT.key == "gbvims-ir" and str(EXPORT.guarantee)


def test_a_record_is_written_in_the_recorders_codes():
    [cells] = as_cells([record()])
    assert cells[c.INCIDENT_ID] == "GT-0001-1" and cells[c.SURVIVOR_CODE] == "GT-0001"
    assert cells[c.DATE_OF_INCIDENT] == "02-Mar-2025"
    assert cells[c.DATE_OF_INTERVIEW] == "12-Mar-2025"
    assert (cells[c.SEX], cells[c.COUNTRY_OF_ORIGIN]) == ("F", "Guatemala")
    assert (cells[c.COUNTY], cells[c.DISTRICT]) == ("Escuintla", "Palín")
    assert cells[c.GBV_TYPE] == "Sexual Assault"
    assert cells[c.HARMFUL_TRADITIONAL_PRACTICE] == "Yes"
    assert (cells[c.GOODS_MONEY_EXCHANGED], cells[c.ABDUCTION_TYPE]) == ("No", "None")
    assert (cells[c.PERPETRATOR_COUNT], cells[c.PERPETRATOR_SEX]) == ("1", "M and F")
    assert cells[c.PERPETRATOR_AGE_GROUP] == "Age 18 - 25"
    assert cells[c.PERPETRATOR_RELATIONSHIP] == "Intimate Partner / Former Partner"


def test_nothing_identifying_and_nothing_amparo_does_not_keep_is_written():
    [cells] = as_cells([record()])
    assert cells[c.DATE_OF_BIRTH] == ""
    for column in c.NOT_KEPT:
        assert cells[column] == "", column


def test_each_incident_of_a_case_has_its_own_id():
    cells = as_cells([record("GT-0001"), record("GT-0002"), record("GT-0001")])
    assert [row[c.INCIDENT_ID] for row in cells] == ["GT-0001-1", "GT-0002-1", "GT-0001-2"]


def test_values_the_recorder_cannot_say_are_left_blank():
    unknown = dataclasses.replace(
        record(perpetrator_sex="unknown", perpetrator_age_band="unknown"),
        survivor_sex="unknown",
        survivor_nationality="ZZ",
    )
    [cells] = as_cells([unknown])
    assert (cells[c.SEX], cells[c.COUNTRY_OF_ORIGIN], cells[c.PERPETRATOR_SEX]) == ("", "", "")
    assert cells[c.PERPETRATOR_AGE_GROUP] == "Unknown"


STANDARD_FIELDS = (
    "occurred_on",
    "reported_on",
    "admin1",
    "admin2",
    "money_or_goods_exchanged",
    "abduction_status",
    "perpetrator_count",
    "perpetrator_sex",
    "perpetrator_age_band",
    "perpetrator_relation",
)
QUESTION = {
    "rape": "q_penetration",
    "sexual_assault": "q_sexual_contact",
    "physical_assault": "q_physical",
    "forced_marriage": "q_forced_marriage",
    "denial": "q_denial",
    "psychological": "q_psychological",
}


@pytest.mark.parametrize(
    "facts",
    [
        {},
        {"gbv_type": "rape", "contexts": [], "money_or_goods_exchanged": True},
        {"gbv_type": "non_gbv", "abduction_status": "forced_conscription", "admin2": ""},
        {"gbv_type": "denial", "perpetrator_count": 3, "perpetrator_sex": "female"},
        {
            "gbv_type": "psychological",
            "perpetrator_relation": "none",
            "perpetrator_age_band": "61+",
        },
        {"gbv_type": "forced_marriage", "abduction_status": "other_abduction"},
        {"gbv_type": "physical_assault", "reported_on": datetime.date(2025, 5, 1)},
    ],
)
def test_a_record_exported_and_read_back_has_the_same_standard_fields(facts):
    original = record(**facts)
    row = dict(zip(EXPORT.columns(), next(EXPORT.rows([original])), strict=True))
    mapped = IMPORT.map_row(row, number=1, today=TODAY)
    assert not mapped.refused, [f for f in mapped.fields if f.outcome == "refused"]
    incident = mapped.intake.incident
    for name in STANDARD_FIELDS:
        assert getattr(incident, name) == original.incident[name], name
    answered = [q for q in QUESTION.values() if getattr(incident, q)]
    expected = QUESTION.get(original.incident["gbv_type"])
    assert answered == ([expected] if expected else [])
    assert ("harmful_practice" in incident.contexts) == (
        "harmful_practice" in original.incident["contexts"]
    )
    survivor = mapped.intake.survivor
    assert (survivor.sex, survivor.nationality) == (
        original.survivor_sex,
        original.survivor_nationality,
    )
    assert survivor.pseudonym == original.case_code
    assert mapped.external_id == f"{original.case_code}-1"

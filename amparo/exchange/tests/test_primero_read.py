"""Reading a Primero case export (CSV) and mapping its rows."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError

from amparo.exchange.formats.base import Outcome
from amparo.exchange.formats.primero import IMPORT, values

TODAY = datetime.date(2025, 6, 30)
HEADER = (
    "id,case_id,case_id_display,short_id,status,registration_date,name_first,name_middle,"
    "name_last,name_nickname,sex,date_of_birth,age,nationality,gbv_displacement_status,"
    "gbv_disability_type,telephone_current,address_current,national_id_no,risk_level,"
    "consent_for_services,consent_reporting"
)
ROW = (
    "a1b2,6f1e2d3c-0000-4000-8000-000000000001,c5e7a01,c5e7a01,open,2024-11-05,Ana,María,"
    'Pérez López,Anita,female,2006-02-17,18,"[""el_salvador""]",idp,no,+502 5555 0000,'
    '"Zona 1, Ciudad",1234 56789 0101,high,true,false'
)


def row(**changes: str) -> dict[str, str]:
    data = next(IMPORT.read(io.BytesIO(f"{HEADER}\n{ROW}\n".encode()), filename="cases.csv"))
    data.update(changes)
    return data


def report(mapped, source):
    return [f for f in mapped.fields if f.source == source][-1]


def test_a_primero_csv_is_read_by_its_field_names():
    rows = list(IMPORT.read(io.BytesIO(f"{HEADER}\n{ROW}\n{ROW}\n".encode()), filename="x.csv"))
    assert (
        len(rows) == 2
        and rows[0]["sex"] == "female"
        and rows[0]["nationality"] == '["el_salvador"]'
    )


def test_a_file_of_another_kind_is_refused():
    with pytest.raises(ValidationError):
        list(IMPORT.read(io.BytesIO(b"{}"), filename="cases.json"))


def test_a_case_maps_to_an_intake_keyed_by_primeros_case_id():
    mapped = IMPORT.map_row(row(), number=1, today=TODAY)
    assert not mapped.refused
    assert mapped.external_id == "6f1e2d3c-0000-4000-8000-000000000001"
    intake = mapped.intake
    assert intake.opened_on == datetime.date(2024, 11, 5) and intake.risk_level == "high"
    survivor = intake.survivor
    assert (survivor.pseudonym, survivor.sex, survivor.birth_year) == ("c5e7a01", "female", 2006)
    assert (survivor.nationality, survivor.displacement, survivor.disability) == (
        "SV",
        "idp",
        "none",
    )
    identity = intake.identity
    assert (identity.given_names, identity.family_names) == ("Ana María", "Pérez López")
    assert identity.other_names == "Anita" and identity.date_of_birth == datetime.date(2006, 2, 17)
    assert (identity.phone, identity.address) == ("+502 5555 0000", "Zona 1, Ciudad")
    assert identity.national_id == "1234 56789 0101"
    assert [k.scope for k in intake.consents] == ["services"]
    incident = intake.incident
    assert incident.occurred_on == intake.opened_on and incident.date_is_estimated
    assert incident.admin1


def test_identity_never_reaches_the_report():
    mapped = IMPORT.map_row(row(), number=1, today=TODAY)
    shown = " ".join(f"{f.value} {f.reason}" for f in mapped.fields)
    for secret in ("Ana", "María", "Pérez", "Anita", "5555", "Zona", "1234", "2006-02-17"):
        assert secret not in shown, secret
    for source in (
        "name_first",
        "name_last",
        "date_of_birth",
        "telephone_current",
        "national_id_no",
    ):
        assert report(mapped, source).value == "" and report(mapped, source).target.startswith(
            "identity."
        )


def test_the_age_gives_a_birth_year_when_there_is_no_date_of_birth():
    mapped = IMPORT.map_row(row(date_of_birth="", age="30"), number=1, today=TODAY)
    assert mapped.intake.survivor.birth_year == 1994
    assert report(mapped, "age").outcome is Outcome.MAPPED


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("sex", "woman"),
        ("gbv_displacement_status", "tourist"),
        ("gbv_disability_type", "blind"),
        ("registration_date", "yesterday"),
        ("registration_date", "2030-01-01"),
        ("date_of_birth", "17/02"),
        ("age", "about 30"),
        ("risk_level", "extreme"),
        ("status", "lost"),
        ("consent_for_services", "perhaps"),
        ("case_id", ""),
    ],
)
def test_a_value_outside_primeros_codes_refuses_the_row_with_a_reason(column, value):
    changes = {column: value}
    if column == "age":
        changes["date_of_birth"] = ""
    if column == "case_id":
        changes["id"] = ""
    mapped = IMPORT.map_row(row(**changes), number=1, today=TODAY)
    assert mapped.refused and mapped.intake is None
    refusal = report(mapped, column)
    assert refusal.outcome is Outcome.REFUSED and refusal.reason


def test_a_closed_case_opens_active_and_says_so():
    mapped = IMPORT.map_row(row(status="closed"), number=1, today=TODAY)
    assert not mapped.refused
    assert report(mapped, "status").outcome is Outcome.DEFAULTED


def test_blank_fields_are_defaulted():
    blank = dict.fromkeys(row(), "")
    blank["case_id"] = "c-1"
    mapped = IMPORT.map_row(blank, number=1, today=TODAY)
    assert not mapped.refused
    assert mapped.intake.opened_on == TODAY and mapped.intake.survivor.sex == "unknown"
    assert mapped.intake.identity.is_empty() and mapped.intake.consents == []
    assert report(mapped, "registration_date").outcome is Outcome.DEFAULTED


def test_a_country_amparo_does_not_list_is_other():
    mapped = IMPORT.map_row(row(nationality='["kenya"]'), number=1, today=TODAY)
    assert mapped.intake.survivor.nationality == "ZZ" and report(mapped, "nationality").reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [('["a", "b"]', ["a", "b"]), ("['a']", ["a"]), ("a, b", ["a", "b"]), ("", [])],
)
def test_a_list_cell_is_read_as_primero_or_a_person_writes_it(text, expected):
    assert values(text) == expected

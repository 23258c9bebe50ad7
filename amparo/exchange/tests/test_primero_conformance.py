"""Primero's option ids, held to the fixtures copied from its lookups."""

import csv
from pathlib import Path

import pytest

from amparo.exchange.formats import primero
from amparo.people.vocab import Disability, Displacement, Nationality, Sex

FIXTURES = Path(__file__).resolve().parents[2] / "cases" / "standards" / "fixtures"


def published(name: str) -> list[str]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize(
    ("fixture", "table", "vocabulary"),
    [
        ("primero_sex.csv", primero.SEXES, Sex),
        ("primero_displacement_status.csv", primero.DISPLACEMENTS, Displacement),
        ("primero_disability_type.csv", primero.DISABILITIES, Disability),
        ("primero_countries.csv", primero.COUNTRIES, Nationality),
    ],
)
def test_every_published_code_maps_to_one_of_ours(fixture, table, vocabulary):
    for code in published(fixture):
        assert table.get(code) in vocabulary.values, code


def test_every_nationality_amparo_names_but_other_is_a_primero_country():
    assert set(primero.COUNTRIES.values()) == set(Nationality.values) - {Nationality.OTHER}

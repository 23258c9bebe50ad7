"""The HTCDS/CTDC file speaks the published code lists (fixtures in cases/standards/fixtures).

Each table Amparo writes with must map every value of ours onto a code the
standard publishes, one-to-one where the standard is as fine as Amparo.
"""

import csv
from pathlib import Path

import pytest

from amparo.cases import vocab
from amparo.cases.standards import ctdc, htcds
from amparo.exchange.formats.htcds import columns
from amparo.people import vocab as people_vocab

FIXTURES = Path(__file__).resolve().parents[2] / "cases" / "standards" / "fixtures"


def published(name: str) -> list[str]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


ONE_TO_ONE = [
    ("ctdc_means_of_control.csv", vocab.MeansOfControl, ctdc.MEANS_OF_CONTROL),
    ("ctdc_type_of_labour.csv", vocab.LabourType, ctdc.LABOUR_TYPE),
    ("ctdc_type_of_sex.csv", vocab.SexualExploitationType, ctdc.SEXUAL_EXPLOITATION_TYPE),
    ("ctdc_recruiter_relation.csv", vocab.RecruiterRelation, ctdc.RECRUITER_RELATION),
    ("htcds_v2_case_status.csv", vocab.CaseStatus, htcds.CASE_STATUS),
]


@pytest.mark.parametrize(("fixture", "vocabulary", "table"), ONE_TO_ONE)
def test_each_vocabulary_maps_one_to_one(fixture, vocabulary, table):
    codes = published(fixture)
    assert len(codes) == len(set(codes))
    assert set(table) == set(vocabulary.values)
    assert sorted(table.values()) == sorted(codes)


def test_gender_maps_onto_htcds_codes():
    # HTCDS is finer than Amparo's sex (it splits transgender feminine/masculine):
    # every value of ours has a code, and no two share one.
    codes = set(published("htcds_v2_gender.csv"))
    assert set(htcds.GENDER) == set(people_vocab.Sex.values)
    assert set(htcds.GENDER.values()) <= codes
    assert len(set(htcds.GENDER.values())) == len(htcds.GENDER)


def test_the_file_names_every_published_column_it_writes():
    for fixture in (
        "ctdc_means_of_control.csv",
        "ctdc_type_of_labour.csv",
        "ctdc_type_of_sex.csv",
        "ctdc_recruiter_relation.csv",
    ):
        assert set(published(fixture)) <= set(columns.EXPORTED)
    assert len(columns.EXPORTED) == len(set(columns.EXPORTED))
    assert set(columns.QUASI_IDENTIFIERS) <= set(columns.EXPORTED)

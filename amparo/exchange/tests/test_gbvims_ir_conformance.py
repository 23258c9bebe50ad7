"""The Incident Recorder's columns and codes, held to the fixtures copied from Primero.

Every published code of a column Amparo reads maps to an Amparo value, and
every code Amparo writes is a published one (sources in
``amparo/cases/standards/fixtures/README.md``).
"""

import csv
from pathlib import Path

import pytest

from amparo.cases import vocab
from amparo.cases.standards import gbvims
from amparo.core.age import GbvimsAgeBand
from amparo.exchange.formats.gbvims_ir import columns as c
from amparo.exchange.formats.gbvims_ir import read
from amparo.people.vocab import Disability, Displacement, Nationality, Sex

FIXTURES = Path(__file__).resolve().parents[2] / "cases" / "standards" / "fixtures"


def published(name: str) -> list[str]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


def test_the_sheet_has_the_recorders_columns_in_order():
    assert list(c.COLUMNS) == published("gbvims_ir_columns.csv")


def test_columns_left_out_are_the_recorders_own():
    assert set(c.NOT_KEPT) < set(c.COLUMNS)
    assert tuple(published("gbvims_ir_referred_from.csv")) == c.REFERRED_FROM_CODES


# (fixture, how Amparo reads the column, how it writes it, the values of ours with no code)
TABLES = [
    ("gbvims_ir_gbv_type.csv", read.GBV_TYPES, gbvims.GBV_TYPE, vocab.GbvType, set()),
    ("gbvims_ir_sex.csv", read.SEXES, gbvims.SEX, Sex, {Sex.OTHER, Sex.UNKNOWN}),
    (
        "gbvims_ir_perpetrator_sex.csv",
        read.PERPETRATOR_SEXES,
        gbvims.PERPETRATOR_SEX,
        vocab.PerpetratorSex,
        {vocab.PerpetratorSex.UNKNOWN},
    ),
    ("gbvims_ir_age_group.csv", read.AGE_GROUPS, gbvims.AGE_GROUP, GbvimsAgeBand, set()),
    (
        "gbvims_ir_perpetrator_relationship.csv",
        read.RELATIONS,
        gbvims.PERPETRATOR_RELATION,
        vocab.PerpetratorRelation,
        set(),
    ),
    (
        "gbvims_ir_displacement_status.csv",
        read.DISPLACEMENTS,
        gbvims.DISPLACEMENT,
        Displacement,
        {Displacement.UNKNOWN},
    ),
    (
        "gbvims_ir_disability.csv",
        read.DISABILITIES,
        gbvims.DISABILITY,
        Disability,
        {Disability.UNKNOWN},
    ),
    (
        "gbvims_abduction_status.csv",
        read.ABDUCTIONS,
        gbvims.ABDUCTION_STATUS_LABEL,
        vocab.AbductionStatus,
        set(),
    ),
]
ABDUCTION_LABELS = {"gbvims_abduction_status.csv"}


def codes(fixture: str) -> list[str]:
    if fixture in ABDUCTION_LABELS:
        with (FIXTURES / fixture).open(encoding="utf-8", newline="") as handle:
            return [row["label"] for row in csv.DictReader(handle)]
    return published(fixture)


@pytest.mark.parametrize(("fixture", "reads", "writes", "vocabulary", "unwritten"), TABLES)
def test_every_published_code_is_read_as_one_of_ours(fixture, reads, writes, vocabulary, unwritten):
    for code in codes(fixture):
        assert reads.get(code.casefold()) in vocabulary.values, code


@pytest.mark.parametrize(("fixture", "reads", "writes", "vocabulary", "unwritten"), TABLES)
def test_every_value_of_ours_is_written_as_a_published_code(
    fixture, reads, writes, vocabulary, unwritten
):
    assert set(writes) == set(vocabulary.values) - unwritten
    assert set(writes.values()) <= set(codes(fixture))


@pytest.mark.parametrize(("fixture", "reads", "writes", "vocabulary", "unwritten"), TABLES)
def test_what_is_written_reads_back_as_itself_where_the_standard_can_say_it(
    fixture, reads, writes, vocabulary, unwritten
):
    lossy = {  # GBVIMS has fewer words for these; they come back as its nearest
        vocab.PerpetratorRelation.RECRUITER,
        Disability.SENSORY,
        Disability.INTELLECTUAL,
    }
    for ours, code in writes.items():
        if ours not in lossy:
            assert reads[code.casefold()] == ours


def test_the_yes_no_codes_are_the_recorders():
    assert sorted(read.YES_NO) == sorted(
        code.casefold() for code in published("gbvims_ir_yes_no.csv")
    )


def test_every_nationality_but_other_is_written_as_a_primero_country():
    with (FIXTURES / "primero_countries.csv").open(encoding="utf-8", newline="") as handle:
        labels = [row["label"] for row in csv.DictReader(handle)]
    assert set(gbvims.COUNTRY) == set(Nationality.values) - {Nationality.OTHER}
    assert sorted(gbvims.COUNTRY.values()) == sorted(labels)


def test_each_gbv_type_but_non_gbv_is_one_guided_question():
    assert set(gbvims.GBV_TYPE_QUESTION) == set(vocab.GbvType.values) - {vocab.GbvType.NON_GBV}

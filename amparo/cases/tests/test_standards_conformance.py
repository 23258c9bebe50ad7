"""Our vocabularies map one-to-one onto the standards' published code lists.

The lists are fixtures in ``amparo/cases/standards/fixtures`` (their sources
are named in its README): a code we lack, a code the standard lacks, or two of
ours mapped onto one of theirs fails here.
"""

import csv
from pathlib import Path

import pytest

from amparo.cases import vocab
from amparo.cases.standards import ctdc, gbvims, htcds
from amparo.core.age import CtdcAgeBand, ctdc_band

FIXTURES = Path(__file__).resolve().parents[1] / "standards" / "fixtures"

CONFORMANCE = [
    ("htcds_v2_exploitation_types.csv", vocab.Exploitation, htcds.EXPLOITATION),
    ("htcds_v2_recruitment_methods.csv", vocab.RecruitmentMethod, htcds.RECRUITMENT_METHOD),
    ("htcds_v2_trafficking_status.csv", vocab.TraffickingStatus, htcds.TRAFFICKING_STATUS),
    (
        "htcds_v2_trafficking_status_deciding_organisation.csv",
        vocab.DecidingOrganisation,
        htcds.DECIDING_ORGANISATION,
    ),
    ("htcds_perpetrator_roles.csv", vocab.PerpetratorRole, htcds.PERPETRATOR_ROLE),
    ("gbvims_abduction_status.csv", vocab.AbductionStatus, gbvims.ABDUCTION_STATUS),
]


def published_codes(name: str) -> list[str]:
    with (FIXTURES / name).open(encoding="utf-8", newline="") as handle:
        return [row["code"] for row in csv.DictReader(handle)]


@pytest.mark.parametrize(("fixture", "vocabulary", "table"), CONFORMANCE)
def test_vocabulary_maps_one_to_one_onto_the_standard(fixture, vocabulary, table):
    codes = published_codes(fixture)
    assert len(codes) == len(set(codes)), "the fixture repeats a code"
    assert set(table) == set(vocabulary.values), "a value of ours has no standard code"
    assert sorted(table.values()) == sorted(codes), "the mapping and the standard differ"


def test_ctdc_age_bands_are_ctdcs_age_broad():
    known = [band for band in CtdcAgeBand.values if band != CtdcAgeBand.UNKNOWN]
    assert set(ctdc.AGE_BROAD) == set(known)
    assert list(ctdc.AGE_BROAD.values()) == published_codes("ctdc_age_broad.csv")


@pytest.mark.parametrize("code", published_codes("ctdc_age_broad.csv"))
def test_each_ctdc_band_holds_the_ages_its_code_names(code):
    low, _sep, high = code.rstrip("+").partition("--")
    ours = {value for value, theirs in ctdc.AGE_BROAD.items() if theirs == code}
    assert ctdc_band(int(low)) in ours
    if high:
        assert ctdc_band(int(high)) in ours
        assert ctdc_band(int(high) + 1) not in ours
    else:
        assert ctdc_band(int(low) + 60) in ours


def test_the_exploitation_types_htcds_v2_added_are_ours():
    added = {"ChildLabour", "Servitude", "ForcedBegging", "ForcedAdoption", "Surrogacy"}
    assert added <= set(htcds.EXPLOITATION.values())

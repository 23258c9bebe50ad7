import datetime
import itertools

import pytest

from amparo.cases.classification import (
    GBV_QUESTIONS,
    QUESTION_FIELDS,
    classify,
    derive_contexts,
    report_delay,
)
from amparo.cases.vocab import CaseContext, GbvType, ReportDelay

ORDER = [
    GbvType.RAPE,
    GbvType.SEXUAL_ASSAULT,
    GbvType.PHYSICAL_ASSAULT,
    GbvType.FORCED_MARRIAGE,
    GbvType.DENIAL,
    GbvType.PSYCHOLOGICAL,
]


def test_questions_follow_the_gbvims_order():
    assert [q.answer_type for q in GBV_QUESTIONS] == ORDER


def test_no_yes_is_non_gbv():
    assert classify({}) == GbvType.NON_GBV
    assert classify(dict.fromkeys(QUESTION_FIELDS, False)) == GbvType.NON_GBV


@pytest.mark.parametrize(
    "answers", list(itertools.product([False, True], repeat=len(QUESTION_FIELDS)))
)
def test_first_yes_wins(answers):
    chosen = dict(zip(QUESTION_FIELDS, answers, strict=True))
    expected = next((t for t, yes in zip(ORDER, answers, strict=True) if yes), GbvType.NON_GBV)
    assert classify(chosen) == expected


def _contexts(gbv_type, age, money=False, chosen=(), abduction="none", relation="unknown"):
    return derive_contexts(
        gbv_type=gbv_type,
        chosen=list(chosen),
        survivor_age=age,
        money_or_goods_exchanged=money,
        abduction_status=abduction,
        perpetrator_relation=relation,
    )


def test_child_sexual_abuse_is_sexual_violence_under_18():
    assert CaseContext.CSA in _contexts(GbvType.RAPE, 15)
    assert CaseContext.CSA in _contexts(GbvType.SEXUAL_ASSAULT, 17)
    assert CaseContext.CSA not in _contexts(GbvType.RAPE, 18)
    assert CaseContext.CSA not in _contexts(GbvType.PHYSICAL_ASSAULT, 12)
    assert CaseContext.CSA not in _contexts(GbvType.RAPE, None)


def test_early_marriage_is_forced_marriage_under_18():
    assert _contexts(GbvType.FORCED_MARRIAGE, 16) == [CaseContext.EARLY_MARRIAGE]
    assert _contexts(GbvType.FORCED_MARRIAGE, 19) == []


def test_possible_sexual_exploitation_needs_sexual_violence_and_an_exchange():
    assert CaseContext.POSSIBLE_SEXUAL_EXPLOITATION in _contexts(GbvType.RAPE, 30, money=True)
    assert _contexts(GbvType.PHYSICAL_ASSAULT, 30, money=True) == []
    assert _contexts(GbvType.SEXUAL_ASSAULT, 30, money=False) == []


def test_derived_contexts_cannot_be_typed_in_and_chosen_ones_are_kept():
    chosen = [CaseContext.CSA, CaseContext.TRAFFICKING, CaseContext.EARLY_MARRIAGE]
    assert _contexts(GbvType.PSYCHOLOGICAL, 30, chosen=chosen) == [CaseContext.TRAFFICKING]


@pytest.mark.parametrize(
    ("days", "band"),
    [
        (0, ReportDelay.D0_3),
        (3, ReportDelay.D0_3),
        (4, ReportDelay.D4_5),
        (5, ReportDelay.D4_5),
        (6, ReportDelay.D6_14),
        (14, ReportDelay.D6_14),
        (15, ReportDelay.W2_M1),
        (30, ReportDelay.W2_M1),
        (31, ReportDelay.OVER_M1),
        (400, ReportDelay.OVER_M1),
    ],
)
def test_report_delay_bands(days, band):
    day = datetime.date(2024, 1, 1)
    assert report_delay(day, day + datetime.timedelta(days=days)) == band


def test_report_delay_unknown_without_dates():
    assert report_delay(None, datetime.date(2024, 1, 1)) == ReportDelay.UNKNOWN
    assert report_delay(datetime.date(2024, 1, 1), None) == ReportDelay.UNKNOWN


@pytest.mark.parametrize("abduction", ["forced_conscription", "trafficked", "other_abduction"])
def test_possible_sexual_slavery_is_sexual_violence_while_abducted(abduction):
    """GBVIMS: rape or sexual assault, and any abduction other than none."""
    assert CaseContext.POSSIBLE_SEXUAL_SLAVERY in _contexts(GbvType.RAPE, 30, abduction=abduction)
    assert CaseContext.POSSIBLE_SEXUAL_SLAVERY in _contexts(
        GbvType.SEXUAL_ASSAULT, 30, abduction=abduction
    )
    assert CaseContext.POSSIBLE_SEXUAL_SLAVERY not in _contexts(
        GbvType.PHYSICAL_ASSAULT, 30, abduction=abduction
    )


def test_no_sexual_slavery_without_an_abduction():
    assert CaseContext.POSSIBLE_SEXUAL_SLAVERY not in _contexts(GbvType.RAPE, 30)
    assert CaseContext.POSSIBLE_SEXUAL_SLAVERY not in _contexts(GbvType.RAPE, 30, abduction="")


def test_possible_sexual_slavery_is_never_chosen_by_hand():
    chosen = [CaseContext.POSSIBLE_SEXUAL_SLAVERY]
    assert _contexts(GbvType.PHYSICAL_ASSAULT, 30, chosen=chosen) == []


def test_intimate_partner_violence_is_a_gbv_incident_by_an_intimate_partner():
    """GBVIMS+: derived from the perpetrator's relation, never chosen."""
    partner = "intimate_partner"
    assert _contexts(GbvType.PHYSICAL_ASSAULT, 30, relation=partner) == [CaseContext.IPV]
    assert _contexts(GbvType.DENIAL, 30, relation=partner) == [CaseContext.IPV]
    assert _contexts(GbvType.NON_GBV, 30, relation=partner) == []
    assert _contexts(GbvType.PHYSICAL_ASSAULT, 30, relation="family") == []
    assert _contexts(GbvType.PHYSICAL_ASSAULT, 30, chosen=[CaseContext.IPV]) == []

"""People protected, method 1: a significant fall in prevalence and the justice goals met."""

import datetime

import pytest
from django.utils import translation

from amparo.programmes.protection import METHODS, people_protected
from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.results_records import goal, legal_cases, waves

D = datetime.date
AS_OF = D(2026, 12, 31)


@pytest.fixture
def records(cast):
    return programme_records(cast)


def convictions_met(cast, records, *, area=None):
    """A conviction-rate goal (30% → 40%) and 15 convictions of 30 verdicts in 2026: met."""
    admin1 = area.admin1 if area else "Guatemala"
    legal_cases(
        cast, 15, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1), convicted=True, admin1=admin1
    )
    legal_cases(cast, 15, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1), admin1=admin1)
    return goal(cast, records.lex_programme, "conviction_rate", baseline=30, target=40, area=area)


def test_an_area_whose_prevalence_fell_significantly_with_justice_goals_met_is_protected(
    cast, records
):
    convictions_met(cast, records)
    # Guatemala 20% of 400 → 14% of 400: p = 0.0239 (scipy, test_estimates_references).
    waves(cast, records.guatemala, baseline=(20, 400), endline=(14, 400))
    # Quetzaltenango 20% of 100 → 17% of 100: p = 0.585, not significant.
    waves(cast, records.quetzaltenango, baseline=(20, 100), endline=(17, 100))

    result = people_protected(programme=records.lex_programme, as_of=AS_OF)

    assert result.method_version == 1
    assert result.people == 3_000_000
    guatemala, quetzaltenango = result.areas
    assert (guatemala.admin1, guatemala.baseline, guatemala.endline) == ("Guatemala", 20, 14)
    assert guatemala.p_value == pytest.approx(0.023887749815253573, rel=1e-9)
    assert (guatemala.prevalence_fell, guatemala.justice_met, guatemala.protected) == (
        True,
        True,
        True,
    )
    assert quetzaltenango.p_value == pytest.approx(0.5848507555977838, rel=1e-9)
    assert (quetzaltenango.prevalence_fell, quetzaltenango.justice_met) == (False, True)
    assert not quetzaltenango.protected


def test_a_significant_rise_is_not_a_fall(cast, records):
    convictions_met(cast, records)
    waves(cast, records.guatemala, baseline=(14, 400), endline=(20, 400))
    result = people_protected(programme=records.lex_programme, as_of=AS_OF)
    assert result.areas[0].prevalence_fell is False
    assert result.people == 0


def test_a_justice_goal_off_track_keeps_the_area_out(cast, records):
    convictions_met(cast, records)
    # Time to verdict: 12 complaints, no verdict yet at all: no data, so not met.
    legal_cases(cast, 12, complaint=D(2026, 3, 1))
    goal(
        cast,
        records.lex_programme,
        "time_to_verdict",
        baseline=400,
        target=200,
        area=records.guatemala,
    )
    waves(cast, records.guatemala, baseline=(20, 400), endline=(14, 400))

    result = people_protected(programme=records.lex_programme, as_of=AS_OF)

    assert (result.areas[0].prevalence_fell, result.areas[0].justice_met) == (True, False)
    assert result.people == 0


def test_an_area_without_a_justice_goal_or_without_an_endline_is_not_counted(cast, records):
    waves(cast, records.guatemala, baseline=(20, 400), endline=(14, 400))
    # A goal on another area's justice system does not apply to Guatemala.
    convictions_met(cast, records, area=records.quetzaltenango)

    result = people_protected(programme=records.lex_programme, as_of=AS_OF)

    guatemala, quetzaltenango = result.areas
    assert (guatemala.prevalence_fell, guatemala.justice_met, guatemala.protected) == (
        True,
        None,
        False,
    )
    assert (quetzaltenango.baseline, quetzaltenango.p_value, quetzaltenango.prevalence_fell) == (
        None,
        None,
        None,
    )
    assert result.people == 0


def test_waves_after_the_date_of_the_figures_are_not_read(cast, records):
    convictions_met(cast, records)
    waves(cast, records.guatemala, baseline=(20, 400), endline=(14, 400))
    result = people_protected(programme=records.lex_programme, as_of=D(2026, 4, 1))
    assert (result.areas[0].baseline, result.areas[0].endline) == (20, None)
    assert result.people == 0


def test_the_method_is_the_programmes_version_and_an_unknown_one_is_refused(cast, records):
    programme = records.lex_programme
    assert people_protected(programme=programme, as_of=AS_OF, method_version=1).method_version == 1
    with pytest.raises(ValueError):
        people_protected(programme=programme, as_of=AS_OF, method_version=2)
    programme.method_version = 7
    with pytest.raises(ValueError):
        people_protected(programme=programme, as_of=AS_OF)


def test_the_method_text_states_the_test_and_reads_in_spanish():
    method = METHODS[1]
    assert "z-test" in str(method.text)
    with translation.override("es"):
        assert "prueba z" in str(method.text)
        assert "significativa" in str(method.title)

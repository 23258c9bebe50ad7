"""``indicator_estimate``: live ratios, counts and time to verdict from case data, external
indicators from the programme's measurements, hidden below k."""

import datetime

import pytest

from amparo.programmes.results import indicator_estimate
from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.results_records import legal_cases, study, survey, training

D = datetime.date
YEAR = {"start": D(2025, 1, 1), "end": D(2025, 12, 31)}


@pytest.fixture
def records(cast):
    return programme_records(cast)


def test_a_ratio_counts_owner_and_partners_with_a_wilson_interval(cast, records):
    # Lex 12 convictions of 24 verdicts, Refugio (a partner) 3 of 6: 15 of 30.
    legal_cases(cast, 12, complaint=D(2024, 5, 1), verdict_on=D(2025, 6, 1), convicted=True)
    legal_cases(cast, 12, complaint=D(2024, 5, 1), verdict_on=D(2025, 6, 1))
    legal_cases(
        cast,
        3,
        complaint=D(2024, 5, 1),
        verdict_on=D(2025, 7, 1),
        convicted=True,
        organisation=cast.refugio,
    )
    legal_cases(
        cast, 3, complaint=D(2024, 5, 1), verdict_on=D(2025, 7, 1), organisation=cast.refugio
    )
    # Tercera's are not the programme's; a verdict of 2026 is outside the period.
    legal_cases(
        cast,
        20,
        complaint=D(2024, 5, 1),
        verdict_on=D(2025, 6, 1),
        convicted=True,
        organisation=cast.tercera,
    )
    legal_cases(cast, 20, complaint=D(2024, 5, 1), verdict_on=D(2026, 1, 2), convicted=True)

    estimate = indicator_estimate(programme=records.lex_programme, code="conviction_rate", **YEAR)

    assert (estimate.numerator, estimate.denominator, estimate.hidden) == (15, 30, False)
    assert estimate.value == pytest.approx(50.0)
    # Wilson 95% for 15/30 (test_estimates_references): 33.15–66.85%.
    assert (estimate.lower, estimate.upper) == pytest.approx((33.15413, 66.84587), abs=1e-4)


def test_a_ratio_on_fewer_than_k_records_is_hidden_with_its_counts(cast, records):
    legal_cases(cast, 30, complaint=D(2024, 5, 1), verdict_on=D(2025, 6, 1))
    legal_cases(cast, 5, complaint=D(2024, 5, 1), verdict_on=D(2025, 6, 1), convicted=True)
    legal_cases(cast, 7, complaint=D(2024, 5, 1), verdict_on=D(2025, 6, 1), admin1="Quetzaltenango")
    programme = records.lex_programme

    everywhere = indicator_estimate(programme=programme, code="conviction_rate", **YEAR)
    one_area = indicator_estimate(
        programme=programme, code="conviction_rate", area="Quetzaltenango", **YEAR
    )

    for hidden in (everywhere, one_area):  # 5 convictions; 7 verdicts
        assert hidden.hidden
        assert (hidden.value, hidden.lower, hidden.numerator, hidden.denominator) == (
            None,
            None,
            None,
            None,
        )


def test_a_ratio_with_no_denominator_has_no_value_and_nothing_to_hide(cast, records):
    estimate = indicator_estimate(programme=records.lex_programme, code="conviction_rate", **YEAR)
    assert (estimate.value, estimate.hidden, estimate.denominator) == (None, False, 0)


def test_a_count_below_k_is_hidden_and_zero_is_shown(cast, records):
    # The cast's one case was opened today by intake: one survivor received.
    opened = cast.case.opened_on
    small = indicator_estimate(
        programme=records.lex_programme,
        code="survivors_intake",
        start=opened - datetime.timedelta(days=1),
        end=opened,
    )
    none = indicator_estimate(
        programme=records.lex_programme,
        code="survivors_intake",
        start=D(2020, 1, 1),
        end=D(2020, 12, 31),
    )
    assert (small.hidden, small.value) == (True, None)
    assert (none.hidden, none.value) == (False, 0.0)


def test_time_to_verdict_is_the_median_with_pending_cases_censored(cast, records):
    # 12 complaints on 10 January 2025: 6 verdicts at day 100, 4 at day 200, 2 pending.
    # Kaplan–Meier: half reached by day 100, so the median is 100 days.
    filed = D(2025, 1, 10)
    legal_cases(cast, 6, complaint=filed, verdict_on=filed + datetime.timedelta(days=100))
    legal_cases(cast, 4, complaint=filed, verdict_on=filed + datetime.timedelta(days=200))
    legal_cases(cast, 2, complaint=filed)

    estimate = indicator_estimate(programme=records.lex_programme, code="time_to_verdict", **YEAR)

    assert estimate.value == 100.0
    assert estimate.lower is not None and estimate.lower <= 100.0
    assert estimate.denominator == 12


def test_time_to_verdict_of_fewer_than_k_complaints_is_hidden(cast, records):
    filed = D(2025, 1, 10)
    legal_cases(cast, 5, complaint=filed, verdict_on=filed + datetime.timedelta(days=100))
    estimate = indicator_estimate(programme=records.lex_programme, code="time_to_verdict", **YEAR)
    assert (estimate.hidden, estimate.value) == (True, None)


def test_prevalence_is_the_latest_wave_or_the_population_weighted_mean(cast, records):
    study(
        cast,
        records.guatemala,
        wave="baseline",
        start=D(2024, 3, 1),
        estimate=12,
        lower=11,
        upper=13,
        sample_size=900,
    )
    study(
        cast,
        records.guatemala,
        wave="endline",
        start=D(2025, 3, 1),
        estimate=10,
        lower=9,
        upper=11,
        sample_size=900,
    )
    study(
        cast,
        records.quetzaltenango,
        wave="baseline",
        start=D(2024, 3, 1),
        estimate=4,
        lower=3,
        upper=5,
        sample_size=600,
    )
    # Fieldwork that ends after the period's end is not read yet.
    study(
        cast,
        records.guatemala,
        wave="endline",
        start=D(2025, 12, 1),
        estimate=1,
        lower=0.5,
        upper=1.5,
        sample_size=900,
    )
    programme = records.lex_programme

    one = indicator_estimate(programme=programme, code="prevalence", area="Guatemala", **YEAR)
    weighted = indicator_estimate(programme=programme, code="prevalence", **YEAR)

    assert (one.value, one.lower, one.upper) == (10, 9, 11)
    # Guatemala 3,000,000 people at 10 (9–11), Quetzaltenango 1,500,000 at 4 (3–5).
    assert (weighted.value, weighted.lower, weighted.upper) == pytest.approx((8, 7, 9))
    empty = indicator_estimate(
        programme=programme, code="prevalence", start=D(2020, 1, 1), end=D(2020, 12, 31)
    )
    assert empty.value is None


def test_a_survey_item_is_the_latest_result_for_the_area_or_the_programme(cast, records):
    programme = records.lex_programme
    survey(cast, programme, "would_report_police", end=D(2024, 6, 30), estimate=30)
    survey(cast, programme, "would_report_police", end=D(2025, 6, 30), estimate=35)
    survey(
        cast,
        programme,
        "would_report_police",
        end=D(2025, 6, 30),
        estimate=50,
        area=records.guatemala,
    )

    whole = indicator_estimate(programme=programme, code="would_report_police", **YEAR)
    area = indicator_estimate(
        programme=programme, code="would_report_police", area="Guatemala", **YEAR
    )
    other = indicator_estimate(programme=programme, code="confidence_justice", **YEAR)

    assert (whole.value, whole.lower, whole.upper) == (35, 33, 37)
    assert area.value == 50
    assert other.value is None


def test_officials_trained_add_up_to_the_end_date(cast, records):
    programme = records.lex_programme
    training(cast, programme, held_on=D(2024, 5, 1), trained=40, area=records.guatemala)
    training(cast, programme, held_on=D(2025, 5, 1), trained=25, area=records.quetzaltenango)
    training(cast, programme, held_on=D(2026, 5, 1), trained=100)

    total = indicator_estimate(programme=programme, code="officials_trained", **YEAR)
    area = indicator_estimate(
        programme=programme, code="officials_trained", area="Guatemala", **YEAR
    )

    assert (total.value, area.value) == (65, 40)


def test_an_unknown_indicator_is_a_key_error(cast, records):
    with pytest.raises(KeyError):
        indicator_estimate(programme=records.lex_programme, code="happiness", **YEAR)

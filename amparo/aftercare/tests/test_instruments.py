import datetime

import pytest
from django.utils import translation

from amparo.aftercare.instruments import (
    closure_rule_check,
    closure_rule_from,
    domain_scores,
    due_dates,
    next_due,
    schedule_from,
)

D = datetime.date
SCHEDULE = {"first_days": 0, "second_months": 6, "then_every_months": 12}
RULE = {"min_domain_score": 3, "consecutive": 2, "min_gap_months": 6}
DOMAINS = ["safety", "mental"]
GOOD, BAD = {"safety": 3.0, "mental": 3.5}, {"safety": 2.67, "mental": 4.0}


def check(*assessments, rule=RULE):
    return closure_rule_check(rule=rule, assessments=list(assessments), domains=DOMAINS)


def test_schedule_intake_six_months_then_yearly():
    assert due_dates(schedule=SCHEDULE, intake_on=D(2024, 1, 1), until=D(2026, 1, 1)) == [
        D(2024, 1, 1),
        D(2024, 7, 1),
        D(2025, 7, 1),
    ]
    assert next_due(schedule=SCHEDULE, intake_on=D(2024, 1, 1), done=[]) == D(2024, 1, 1)
    assert next_due(schedule=SCHEDULE, intake_on=D(2024, 1, 1), done=[D(2024, 1, 10)]) == D(
        2024, 7, 10
    )
    assert next_due(
        schedule=SCHEDULE, intake_on=D(2024, 1, 1), done=[D(2024, 1, 10), D(2024, 7, 20)]
    ) == D(2025, 7, 20)


def test_the_schedule_counts_calendar_months_from_month_ends():
    assert due_dates(schedule=SCHEDULE, intake_on=D(2026, 8, 31), until=D(2028, 3, 1)) == [
        D(2026, 8, 31),
        D(2027, 2, 28),
        D(2028, 2, 28),
    ]
    assert next_due(schedule=SCHEDULE, intake_on=D(2024, 1, 1), done=[D(2024, 2, 29)]) == D(
        2024, 8, 29
    )
    # Done on its due day, the second assessment can meet the closure rule (182 days could not).
    first = D(2026, 3, 1)
    second = next_due(schedule=SCHEDULE, intake_on=first, done=[first])
    assert second == D(2026, 9, 1)
    assert check((first, GOOD), (second, GOOD)).met


def test_an_older_schedule_in_days_is_read_in_calendar_months():
    old = {"first_days": 0, "second_days": 182, "then_every_days": 365}
    assert schedule_from(old) == SCHEDULE
    assert schedule_from({}) == SCHEDULE
    assert next_due(schedule=old, intake_on=D(2026, 1, 15), done=[D(2026, 1, 15)]) == D(2026, 7, 15)


def test_domain_score_is_the_mean_of_its_items():
    assert domain_scores({"safety": [1, 2, 4], "mental": [3, 3]}) == {"safety": 2.33, "mental": 3.0}


def test_rule_needs_two_passing_assessments_six_months_apart():
    not_yet = check((D(2024, 1, 1), GOOD))
    assert not not_yet.met and "1 of 2" in not_yet.reasons[0]
    assert not check((D(2024, 1, 1), GOOD), (D(2024, 3, 1), GOOD)).met
    assert not check((D(2024, 1, 1), GOOD), (D(2024, 7, 1), BAD), (D(2025, 1, 1), GOOD)).met
    met = check((D(2024, 1, 1), BAD), (D(2024, 7, 1), GOOD), (D(2025, 1, 5), GOOD))
    assert met.met and met.restored_on == D(2025, 1, 5)
    low = check((D(2024, 1, 1), GOOD), (D(2024, 7, 1), BAD))
    assert "safety" in low.reasons[0] and "mental" not in low.reasons[0]


@pytest.mark.parametrize(
    ("first", "second", "met"),
    [
        (D(2026, 1, 15), D(2026, 7, 15), True),  # 181 days: six calendar months
        (D(2026, 1, 15), D(2026, 7, 14), False),
        (D(2026, 8, 31), D(2027, 2, 28), True),  # ends on the last day of a shorter month
        (D(2026, 8, 31), D(2027, 2, 27), False),
        (D(2024, 2, 29), D(2024, 8, 29), True),
        (D(2024, 2, 29), D(2024, 8, 28), False),
        (D(2026, 3, 1), D(2026, 8, 30), False),  # 182 days are not six months from 1 March
    ],
)
def test_six_months_apart_means_calendar_months(first, second, met):
    result = check((first, GOOD), (second, GOOD))
    assert result.met is met
    assert result.restored_on == (second if met else None)


def test_an_interim_check_in_that_passes_does_not_reset_the_rule():
    result = check((D(2026, 1, 15), GOOD), (D(2026, 4, 15), GOOD), (D(2026, 7, 15), GOOD))
    assert result.met and result.restored_on == D(2026, 7, 15)


def test_a_failing_assessment_in_between_starts_the_count_again():
    assessments = [(D(2026, 1, 15), GOOD), (D(2026, 4, 15), BAD), (D(2026, 7, 15), GOOD)]
    waiting = check(*assessments)
    assert not waiting.met
    assert any("2027-01-15" in reason for reason in waiting.reasons)
    early = check(*assessments, (D(2027, 1, 14), GOOD))
    assert not early.met
    result = check(*assessments, (D(2027, 1, 20), GOOD))
    assert result.met and result.restored_on == D(2027, 1, 20)


def test_a_partly_scored_check_in_neither_resets_nor_counts():
    partial_pass, partial_fail = {"safety": 3.5}, {"mental": 2.0}
    kept = check((D(2026, 1, 15), GOOD), (D(2026, 4, 15), partial_pass), (D(2026, 7, 15), GOOD))
    assert kept.met and kept.restored_on == D(2026, 7, 15)
    # A partial check-in six months on is not a qualifying end: the full one after it is.
    later = check((D(2026, 1, 15), GOOD), (D(2026, 7, 15), partial_pass), (D(2026, 8, 1), GOOD))
    assert later.met and later.restored_on == D(2026, 8, 1)
    reset = check((D(2026, 1, 15), GOOD), (D(2026, 4, 15), partial_fail), (D(2026, 7, 15), GOOD))
    assert not reset.met


def test_the_rule_stays_met_from_the_first_day_it_was():
    result = check((D(2026, 1, 15), GOOD), (D(2026, 7, 15), GOOD), (D(2027, 1, 15), BAD))
    assert result.met and result.restored_on == D(2026, 7, 15)


def test_more_assessments_needed_each_six_months_after_the_one_before():
    rule = {**RULE, "consecutive": 3}
    assessments = [(D(2026, 1, 15), GOOD), (D(2026, 7, 15), GOOD), (D(2026, 10, 1), GOOD)]
    assert not check(*assessments, rule=rule).met
    result = check(*assessments, (D(2027, 1, 15), GOOD), rule=rule)
    assert result.met and result.restored_on == D(2027, 1, 15)


def test_an_older_rule_in_days_is_read_in_calendar_months():
    old = {"min_domain_score": 3, "consecutive": 2, "min_gap_days": 182}
    assert closure_rule_from(old) == RULE
    assert closure_rule_from({"min_gap_days": 365})["min_gap_months"] == 12
    assert closure_rule_from({"min_gap_days": 90})["min_gap_months"] == 3
    assert closure_rule_from({}) == RULE
    # Months win over days when a rule has both.
    assert closure_rule_from({"min_gap_days": 30, "min_gap_months": 6}) == RULE
    result = check((D(2026, 1, 15), GOOD), (D(2026, 7, 15), GOOD), rule=old)
    assert result.met and result.restored_on == D(2026, 7, 15)


def test_the_reasons_say_six_months_in_words_in_both_languages():
    assessments = [(D(2026, 1, 15), GOOD), (D(2026, 3, 15), GOOD)]
    with translation.override("en"):
        (needed, next_from) = check(*assessments).reasons
    assert "at least six months apart" in needed and "182" not in needed
    assert "2026-07-15" in next_from
    with translation.override("es"):
        (needed_es, _next) = check(*assessments).reasons
    # The number in words comes from Django's own catalogue ("seis"); "meses" from
    # Amparo's, once compiled.
    assert "seis" in needed_es and "six" not in needed_es

import datetime

from amparo.aftercare.instruments import closure_rule_check, domain_scores, due_dates, next_due

D = datetime.date
SCHEDULE = {"first_days": 0, "second_days": 182, "then_every_days": 365}
RULE = {"min_domain_score": 3, "consecutive": 2, "min_gap_days": 182}
DOMAINS = ["safety", "mental"]


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


def test_domain_score_is_the_mean_of_its_items():
    assert domain_scores({"safety": [1, 2, 4], "mental": [3, 3]}) == {"safety": 2.33, "mental": 3.0}


def test_rule_needs_two_consecutive_passing_assessments_six_months_apart():
    good, bad = {"safety": 3.0, "mental": 3.5}, {"safety": 2.67, "mental": 4.0}
    not_yet = closure_rule_check(rule=RULE, assessments=[(D(2024, 1, 1), good)], domains=DOMAINS)
    assert not not_yet.met and "1 of 2" in not_yet.reasons[0]
    too_close = closure_rule_check(
        rule=RULE, assessments=[(D(2024, 1, 1), good), (D(2024, 3, 1), good)], domains=DOMAINS
    )
    assert not too_close.met
    broken = closure_rule_check(
        rule=RULE,
        assessments=[(D(2024, 1, 1), good), (D(2024, 7, 1), bad), (D(2025, 1, 1), good)],
        domains=DOMAINS,
    )
    assert not broken.met
    met = closure_rule_check(
        rule=RULE,
        assessments=[(D(2024, 1, 1), bad), (D(2024, 7, 1), good), (D(2025, 1, 5), good)],
        domains=DOMAINS,
    )
    assert met.met and met.restored_on == D(2025, 1, 5)
    low = closure_rule_check(
        rule=RULE, assessments=[(D(2024, 1, 1), good), (D(2024, 7, 1), bad)], domains=DOMAINS
    )
    assert "safety" in low.reasons[0]

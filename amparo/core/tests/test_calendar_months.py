"""Calendar months as people count them: the one ``add_months`` every app uses."""

import datetime

import pytest

from amparo.core.dates import add_months, months_apart

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 15), 6, D(2026, 7, 15)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),
        (D(2024, 2, 29), 6, D(2024, 8, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2024, 2, 29), -12, D(2023, 2, 28)),
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2026, 7, 1), 6, D(2027, 1, 1)),
        (D(2026, 12, 31), 0, D(2026, 12, 31)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month(day, months, expected):
    assert add_months(day, months) == expected


@pytest.mark.parametrize(
    ("earlier", "later", "apart"),
    [
        (D(2026, 1, 15), D(2026, 7, 15), True),
        (D(2026, 1, 15), D(2026, 7, 14), False),  # 180 days: a day short of six months
        (D(2026, 8, 31), D(2027, 2, 28), True),  # six months ending on a shorter month's last day
        (D(2026, 8, 31), D(2027, 2, 27), False),
        (D(2024, 2, 29), D(2024, 8, 29), True),
        (D(2024, 2, 29), D(2024, 8, 28), False),
        (D(2026, 3, 1), D(2026, 8, 30), False),  # 182 days, but not six calendar months
    ],
)
def test_months_apart_counts_calendar_months_not_days(earlier, later, apart):
    assert months_apart(earlier, later, 6) is apart


def test_reporting_uses_the_same_add_months():
    from amparo.reporting import periods

    assert periods.add_months is add_months

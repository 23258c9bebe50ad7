"""Time-to-event estimates against published and hand-worked examples, and their guarantees.

The comparison with a reference implementation (lifelines) is in
``test_survival_lifelines.py``.

Hand-worked Kaplan–Meier example, eight legal cases, days from complaint to
verdict ('+' = still pending, censored): 3, 5, 5+, 8, 8, 10+, 12, 15+

    t   at risk  events  censored  S(t)
    3   8        1       0         1 × 7/8            = 0.875
    5   7        1       1         0.875 × 6/7        = 0.75
    8   5        2       0         0.75 × 3/5         = 0.45
    10  3        0       1         0.45
    12  2        1       0         0.45 × 1/2         = 0.225
    15  1        0       1         0.225
Median: the first t with S(t) ≤ 0.5 is 8 days. Dropping the pending cases
instead would give a median of 8 over {3,5,8,8,12} — the same here, but a
conviction-within-10-days share of 80 % instead of the honest 55 %.
"""

import random
import time
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from amparo.reporting.survival import TimeToEvent, time_to_event


def test_hand_worked_example():
    estimate = time_to_event(events={3: 1, 5: 1, 8: 2, 12: 1}, censored={5: 1, 10: 1, 15: 1})
    assert estimate.method == "kaplan_meier"
    assert estimate.times == (3, 5, 8, 10, 12, 15)
    assert estimate.at_risk == (8, 7, 5, 3, 2, 1)
    assert [round(1 - v, 4) for v in estimate.reached] == [0.875, 0.75, 0.45, 0.45, 0.225, 0.225]
    assert estimate.median == 8
    assert estimate.reached_by(10) == pytest.approx(0.55)
    assert (estimate.observations, estimate.total_events) == (8, 5)


# The worked example: 10 legal cases withdrawn at day 50 (they can no
# longer reach a verdict), 8 verdicts at day 100, 2 still pending at day 200.
WITHDRAWN, VERDICTS, PENDING = {50: 10}, {100: 8}, {200: 2}


def test_withdrawn_cases_compete_with_the_verdict():
    estimate = time_to_event(events=VERDICTS, competing=WITHDRAWN, censored=PENDING)
    # Day 50: 20 at risk, 10 withdrawn: half remain. Day 100: 8 of those 10 have a verdict.
    assert estimate.method == "aalen_johansen"
    assert estimate.reached_by(49) == 0.0
    assert estimate.reached_by(100) == pytest.approx(0.4)
    assert estimate.reached_by(1000) == pytest.approx(0.4)
    assert estimate.median is None and estimate.median_upper is None
    low, high = estimate.bounds_by(150)
    assert (low, high) == (estimate.lower[1], estimate.upper[1]) and low < 0.4 < high
    assert estimate.bounds_by(10) == (0.0, 0.0)


def test_treating_withdrawals_as_censored_is_the_old_bug():
    # What the dashboard said: as if the 10 withdrawn cases could still have a verdict.
    censored = Counter(WITHDRAWN) + Counter(PENDING)
    wrong = time_to_event(events=VERDICTS, censored=censored)
    right = time_to_event(events=VERDICTS, competing=WITHDRAWN, censored=PENDING)
    assert wrong.reached_by(100) == pytest.approx(0.8)
    assert wrong.median == 100
    assert right.reached_by(100) == pytest.approx(0.4) and right.median is None


# Freireich et al. (1963), 6-MP arm: weeks in remission ('*' censored):
# 6,6,6,6*,7,9*,10,10*,11*,13,16,17*,19*,20*,22,23,25*,32*,32*,34*,35*.
# S(t) and Greenwood standard errors as published (Klein & Moeschberger,
# Survival Analysis, 2nd ed. 2003, example 4.1, table 4.1A).
SIX_MP_EVENTS = {6: 3, 7: 1, 10: 1, 13: 1, 16: 1, 22: 1, 23: 1}
SIX_MP_CENSORED = {6: 1, 9: 1, 10: 1, 11: 1, 17: 1, 19: 1, 20: 1, 25: 1, 32: 2, 34: 1, 35: 1}
SIX_MP_PUBLISHED = {
    6: (0.857, 0.076),
    7: (0.807, 0.087),
    10: (0.753, 0.096),
    13: (0.690, 0.107),
    16: (0.627, 0.114),
    22: (0.538, 0.128),
    23: (0.448, 0.135),
}


def test_six_mp_leukaemia_arm_as_published():
    estimate = time_to_event(events=SIX_MP_EVENTS, censored=SIX_MP_CENSORED)
    found = {
        day: (round(1 - share, 3), round(error, 3))
        for day, share, error in zip(
            estimate.times, estimate.reached, estimate.std_error, strict=True
        )
        if day in SIX_MP_PUBLISHED
    }
    assert found == SIX_MP_PUBLISHED
    assert estimate.median == 23
    # Read off the log–log band: the lower bound never reaches one half within follow-up.
    assert (estimate.median_lower, estimate.median_upper) == (13, None)


def test_a_record_censored_on_the_day_of_an_event_was_at_risk_that_day():
    estimate = time_to_event(events={5: 1}, censored={5: 1}, competing={5: 1})
    assert estimate.at_risk == (3,)
    assert estimate.reached == pytest.approx((1 / 3,))


def test_days_with_nothing_counted_are_left_out():
    estimate = time_to_event(events={3: 1, 4: 0}, censored={5: 0, 6: 1}, competing={7: 0})
    assert estimate.times == (3, 6) and estimate.method == "kaplan_meier"


def test_no_records_gives_no_curve():
    estimate = time_to_event(events={}, censored={})
    assert estimate.times == () and estimate.observations == 0 and estimate.median is None
    assert estimate.reached_by(100) == 0.0
    assert TimeToEvent.empty().payload()["t"] == []


def test_a_single_record_is_no_certainty():
    estimate = time_to_event(events={5: 1}, censored={})
    assert estimate.reached == (1.0,)
    # The log–log band is undefined when S falls to 0: it spans [last lower bound, 1].
    assert (estimate.lower, estimate.upper) == ((0.0,), (1.0,))
    assert (estimate.median, estimate.median_lower, estimate.median_upper) == (5, 5, None)


def test_all_censored_and_all_competing_reach_nothing():
    for estimate in (
        time_to_event(events={}, censored={3: 2, 9: 1}),
        time_to_event(events={}, censored={9: 1}, competing={3: 2}),
    ):
        assert set(estimate.reached) | set(estimate.lower) | set(estimate.upper) == {0.0}
        assert estimate.median is None


def test_a_half_reached_exactly_is_the_median_despite_rounding():
    # 10 records, one event a day: S(5) = 9/10 × 8/9 × … × 5/6 = 1/2 in exact arithmetic.
    estimate = time_to_event(events=dict.fromkeys(range(1, 11), 1), censored={})
    assert estimate.median == 5


def test_refuses_nonsense():
    with pytest.raises(ValueError):
        time_to_event(events={3: -1}, censored={})
    with pytest.raises(ValueError):
        time_to_event(events={3: 1}, censored={}, confidence=1.0)


def test_a_wider_confidence_gives_a_wider_band():
    narrow = time_to_event(events=SIX_MP_EVENTS, censored=SIX_MP_CENSORED, confidence=0.8)
    wide = time_to_event(events=SIX_MP_EVENTS, censored=SIX_MP_CENSORED, confidence=0.99)
    assert all(w <= n for w, n in zip(wide.lower[1:], narrow.lower[1:], strict=True))
    assert all(w >= n for w, n in zip(wide.upper[1:], narrow.upper[1:], strict=True))
    assert wide.payload()["confidence"] == 0.99


def test_payload_is_parallel_arrays():
    payload = time_to_event(events=VERDICTS, competing=WITHDRAWN, censored=PENDING).payload()
    assert payload["t"] == [50, 100, 200]
    assert payload["at_risk"] == [20, 10, 2]
    assert (payload["events"], payload["competing"], payload["censored"]) == (
        [0, 8, 0],
        [10, 0, 0],
        [0, 0, 2],
    )
    assert payload["reached"] == [0.0, 0.4, 0.4]
    assert len(payload["lower"]) == len(payload["upper"]) == 3
    assert payload["method"] == "aalen_johansen" and payload["median"] is None


counts = st.dictionaries(st.integers(0, 60), st.integers(0, 4), max_size=25)


@settings(max_examples=200, deadline=None)
@given(events=counts, censored=counts, competing=counts)
def test_the_share_only_rises_and_stays_inside_its_band(events, censored, competing):
    estimate = time_to_event(events=events, censored=censored, competing=competing)
    assert list(estimate.reached) == sorted(estimate.reached)
    for low, share, high in zip(estimate.lower, estimate.reached, estimate.upper, strict=True):
        assert 0.0 <= low <= share + 1e-12 and share <= high + 1e-12 and high <= 1.0
    median, low, high = estimate.median, estimate.median_lower, estimate.median_upper
    if median is not None:
        assert low is not None and low <= median and (high is None or median <= high)
    if high is not None:
        assert median is not None


def test_five_thousand_days_take_under_twenty_milliseconds():
    # CPU time of this process, best of five: other work on the machine does not count.
    rng = random.Random(13)
    days = range(1, 5001)
    events = {day: rng.randint(0, 3) for day in days}
    censored = {day: rng.randint(1, 3) for day in days}
    competing = {day: rng.randint(0, 2) for day in days}
    for other in (None, competing):
        best = float("inf")
        for _ in range(5):
            start = time.process_time()
            estimate = time_to_event(events=events, censored=censored, competing=other)
            best = min(best, time.process_time() - start)
        assert len(estimate.times) == 5000
        assert best < 0.020, f"{estimate.method}: {best * 1000:.1f} ms"

"""``time_to_event`` against lifelines (test-only dependency), on seeded random data.

Kaplan–Meier is compared with ``KaplanMeierFitter`` (``survival_function_``,
``confidence_interval_``, ``median_survival_time_``); Aalen–Johansen with
``AalenJohansenFitter(calculate_variance=True)`` (``cumulative_density_``,
``variance_``, ``confidence_interval_``), all within 1e-6.

Where the two differ on purpose (the module docstring of ``survival`` says why):

- lifelines' Kaplan–Meier band where S falls to 0 is [1, 1] (its Greenwood
  term ∞ replaced by 0); ours runs from the last defined lower bound to 1.
- lifelines' Aalen–Johansen band is NaN while F = 0 (ours is [0, 0]), and its
  variance is NaN on a last day on which every record at risk ends (ours
  counts that day's 0 × ∞ term as 0). Its two band columns are also labelled
  the wrong way round (the "upper" one is the lower bound): compared by value.
- lifelines' Aalen–Johansen sets the first row to 0 and drops events on day 0,
  and jitters ties between an event and a competing outcome on one day
  (which changes the variance). The variance tests use days ≥ 1 with events
  and competing outcomes on different days; the tie test compares the
  point estimate, which jittering does not change.
- The medians: lifelines' ``median_survival_times`` applies "first time ≤ 0.5"
  to floats; ``time_to_event`` allows for rounding (a half reached in exact
  arithmetic counts). The reference medians apply the definition to
  lifelines' curves with the same allowance.
"""

import math
import random
import warnings
from collections import Counter

import numpy as np
import pytest
from lifelines import AalenJohansenFitter, KaplanMeierFitter
from lifelines.utils import median_survival_times

from amparo.reporting.survival import TimeToEvent, time_to_event

EVENT, COMPETING, CENSORED = 1, 2, 0
TOLERANCE = 1e-6


def _estimate(records: list[tuple[int, int]]) -> TimeToEvent:
    counts: dict[int, Counter[int]] = {kind: Counter() for kind in (EVENT, COMPETING, CENSORED)}
    for day, kind in records:
        counts[kind][day] += 1
    return time_to_event(
        events=counts[EVENT], competing=counts[COMPETING], censored=counts[CENSORED]
    )


def _first_reaching_half(days, shares) -> int | None:
    return next((day for day, share in zip(days, shares, strict=True) if share >= 0.5 - 1e-9), None)


def _records(seed: int, size: int, horizon: int, shares: tuple[float, float, float]):
    """``size`` records over days 1..``horizon``; ``shares`` of event, competing, censored."""
    rng = random.Random(seed)
    return [
        (rng.randint(1, horizon), rng.choices((EVENT, COMPETING, CENSORED), weights=shares)[0])
        for _ in range(size)
    ]


def _without_cross_ties(records):
    """Events on odd days, competing outcomes on even days: lifelines then does not jitter."""
    return [
        (day + (kind == EVENT and day % 2 == 0) + (kind == COMPETING and day % 2 == 1), kind)
        for day, kind in records
    ]


KM_DATASETS = {
    "small, many ties": _records(1, 12, 6, (0.6, 0, 0.4)),
    "medium": _records(2, 80, 60, (0.5, 0, 0.5)),
    "heavy censoring": _records(3, 200, 365, (0.1, 0, 0.9)),
    "mostly events": _records(4, 150, 40, (0.9, 0, 0.1)),
    "large, long": _records(5, 2000, 1500, (0.4, 0, 0.6)),
    "all events": _records(6, 30, 20, (1, 0, 0)),
    "all censored": _records(7, 30, 20, (0, 0, 1)),
    "a single event": [(7, EVENT)],
    "a single censoring": [(7, CENSORED)],
    "day 0": [(0, EVENT), (0, CENSORED), (1, EVENT), (3, CENSORED), (4, EVENT), (9, CENSORED)],
    "ends with everyone reaching it": [(2, EVENT), (3, CENSORED), (5, EVENT), (8, EVENT)],
}


@pytest.mark.parametrize("name", list(KM_DATASETS))
def test_kaplan_meier_as_lifelines(name):
    records = KM_DATASETS[name]
    ours = _estimate(records)
    fitter = KaplanMeierFitter().fit(
        [day for day, _ in records], [kind == EVENT for day, kind in records]
    )
    survival = fitter.survival_function_.iloc[:, 0].loc[list(ours.times)].to_numpy()
    band = fitter.confidence_interval_.loc[list(ours.times)].to_numpy()  # lower, upper of S

    assert ours.method == "kaplan_meier"
    np.testing.assert_allclose(ours.reached, 1 - survival, atol=TOLERANCE, rtol=0)
    defined = survival > 0
    np.testing.assert_allclose(
        np.array(ours.lower)[defined], (1 - band[:, 1])[defined], atol=TOLERANCE, rtol=0
    )
    np.testing.assert_allclose(
        np.array(ours.upper)[defined], (1 - band[:, 0])[defined], atol=TOLERANCE, rtol=0
    )
    for index in np.flatnonzero(~defined):  # S = 0: from the last defined lower bound to 1
        previous = [low for low, ok in zip(ours.lower, defined[:index], strict=False) if ok]
        assert ours.lower[index] == (previous[-1] if previous else 0.0)
        assert ours.upper[index] == 1.0

    days = list(ours.times)
    assert ours.median == _first_reaching_half(days, 1 - survival)
    assert ours.median_lower == _first_reaching_half(days, 1 - band[:, 0])
    assert ours.median_upper == _first_reaching_half(
        [day for day, ok in zip(days, defined, strict=True) if ok], (1 - band[:, 1])[defined]
    )


@pytest.mark.parametrize("name", ["medium", "heavy censoring", "mostly events", "large, long"])
def test_kaplan_meier_medians_as_lifelines_computes_them(name):
    records = KM_DATASETS[name]
    ours = _estimate(records)
    fitter = KaplanMeierFitter().fit(
        [day for day, _ in records], [kind == EVENT for day, kind in records]
    )
    assert all(abs(share - 0.5) > 1e-9 for share in ours.reached)
    interval = median_survival_times(fitter.confidence_interval_).iloc[0]

    def finite(value):
        return None if math.isinf(value) else int(value)

    assert ours.median == finite(fitter.median_survival_time_)
    assert (ours.median_lower, ours.median_upper) == (
        finite(interval.iloc[0]),
        finite(interval.iloc[1]),
    )


def test_greenwood_standard_errors_as_lifelines_variance():
    records = KM_DATASETS["heavy censoring"]
    ours = _estimate(records)
    fitter = KaplanMeierFitter().fit(
        [day for day, _ in records], [kind == EVENT for day, kind in records]
    )
    survival = fitter.survival_function_.iloc[:, 0].loc[list(ours.times)].to_numpy()
    greenwood = fitter._cumulative_sq_.loc[list(ours.times)].to_numpy()
    np.testing.assert_allclose(ours.std_error, survival * np.sqrt(greenwood), atol=TOLERANCE)


AJ_DATASETS = {
    "small": _without_cross_ties(_records(11, 15, 8, (0.4, 0.3, 0.3))),
    "medium": _without_cross_ties(_records(12, 120, 90, (0.4, 0.3, 0.3))),
    "heavy censoring": _without_cross_ties(_records(13, 300, 365, (0.08, 0.07, 0.85))),
    "mostly competing": _without_cross_ties(_records(14, 150, 100, (0.2, 0.7, 0.1))),
    "large, long": _without_cross_ties(_records(15, 2000, 1500, (0.3, 0.2, 0.5))),
    "no censoring": _without_cross_ties(_records(16, 60, 40, (0.5, 0.5, 0))),
    "no events": _without_cross_ties(_records(17, 40, 30, (0, 0.5, 0.5))),
    "a single competing": [(4, COMPETING), (6, EVENT)],
    "issue's example": [(50, COMPETING)] * 10 + [(100, EVENT)] * 8 + [(200, CENSORED)] * 2,
}


def _aalen_johansen(records):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no tie between kinds: lifelines must not jitter
        warnings.filterwarnings("ignore", category=RuntimeWarning)  # its NaN where F = 0
        return AalenJohansenFitter(calculate_variance=True).fit(
            [day for day, _ in records], [kind for _, kind in records], event_of_interest=EVENT
        )


@pytest.mark.parametrize("name", list(AJ_DATASETS))
def test_aalen_johansen_as_lifelines(name):
    records = AJ_DATASETS[name]
    ours = _estimate(records)
    fitter = _aalen_johansen(records)
    days = list(ours.times)
    incidence = fitter.cumulative_density_.iloc[:, 0].loc[days].to_numpy()
    variance = fitter.variance_.loc[days].to_numpy()
    columns = fitter.confidence_interval_.loc[days].to_numpy()
    low, high = np.fmin(columns[:, 0], columns[:, 1]), np.fmax(columns[:, 0], columns[:, 1])

    assert ours.method == "aalen_johansen"
    np.testing.assert_allclose(ours.reached, incidence, atol=TOLERANCE, rtol=0)
    finite = ~np.isnan(variance)
    # lifelines' only NaN variance: a last day on which every record at risk ends.
    assert all(
        ours.at_risk[i] == ours.events[i] + ours.competing[i] for i in np.flatnonzero(~finite)
    )
    np.testing.assert_allclose(
        np.square(ours.std_error)[finite], variance[finite], atol=TOLERANCE, rtol=0
    )
    defined = finite & (incidence > 0)
    np.testing.assert_allclose(np.array(ours.lower)[defined], low[defined], atol=TOLERANCE)
    np.testing.assert_allclose(np.array(ours.upper)[defined], high[defined], atol=TOLERANCE)
    assert all(ours.lower[i] == ours.upper[i] == 0.0 for i in np.flatnonzero(incidence == 0))

    assert ours.median == _first_reaching_half(days, incidence)
    kept = [day for day, ok in zip(days, defined, strict=True) if ok]
    if finite.all():
        assert ours.median_lower == _first_reaching_half(kept, high[defined])
        assert ours.median_upper == _first_reaching_half(kept, low[defined])
    else:  # the last day's band is ours alone (compared with lifelines' up to the day before)
        assert ours.median_lower == _first_reaching_half(days, ours.upper)
        assert ours.median_upper == _first_reaching_half(days, ours.lower)


def test_the_issues_example_in_lifelines_too():
    fitter = _aalen_johansen(AJ_DATASETS["issue's example"])
    assert fitter.cumulative_density_.iloc[-1, 0] == pytest.approx(0.4)


@pytest.mark.parametrize("seed", [21, 22, 23])
def test_ties_between_an_event_and_a_competing_outcome(seed):
    """Tied kinds on one day: lifelines jitters them apart; the product-limit estimate is the same.

    Censorings are given to lifelines half a day later (still at risk on their
    day, as ours), so that no jittered event passes one of them.
    """
    records = _records(seed, 200, 30, (0.4, 0.3, 0.3))
    ours = _estimate(records)
    assert any(
        day in {d for d, k in records if k == COMPETING} for day, kind in records if kind == EVENT
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fitter = AalenJohansenFitter(calculate_variance=False, seed=seed).fit(
            [day + 0.5 * (kind == CENSORED) for day, kind in records],
            [kind for _, kind in records],
            event_of_interest=EVENT,
        )
    curve = fitter.cumulative_density_.iloc[:, 0]  # a step function of the jittered times
    incidence = curve.to_numpy()[np.searchsorted(curve.index, [d + 0.25 for d in ours.times]) - 1]
    np.testing.assert_allclose(ours.reached, incidence, atol=TOLERANCE, rtol=0)


def test_without_competing_outcomes_aalen_johansen_is_one_minus_kaplan_meier():
    records = KM_DATASETS["medium"]
    ours = _estimate(records)
    fitter = _aalen_johansen(records)
    incidence = fitter.cumulative_density_.iloc[:, 0].loc[list(ours.times)].to_numpy()
    np.testing.assert_allclose(ours.reached, incidence, atol=TOLERANCE, rtol=0)

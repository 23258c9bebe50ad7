"""The statistics of results against published reference values (rule 7).

Each value was computed elsewhere and is copied here with its source; the
module's own formulas must reproduce it.
"""

import pytest

from amparo.programmes.estimates import (
    Interval,
    two_proportion_z_test,
    weighted_interval,
    wilson_interval,
)

# Newcombe, R. G. (1998). Two-sided confidence intervals for the single proportion:
# comparison of seven methods. Statistics in Medicine 17, 857–872, Table II, method 3
# (Wilson score, no continuity correction) — the values of R's
# prop.test(x, n, correct = FALSE)$conf.int and statsmodels'
# proportion_confint(x, n, method="wilson").
NEWCOMBE_WILSON = [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
]


@pytest.mark.parametrize(("x", "n", "lower", "upper"), NEWCOMBE_WILSON)
def test_the_wilson_interval_is_newcombes(x, n, lower, upper):
    interval = wilson_interval(x, n)
    assert interval.estimate == pytest.approx(x / n)
    assert interval.lower == pytest.approx(lower, abs=5e-5)
    assert interval.upper == pytest.approx(upper, abs=5e-5)


def test_the_wilson_interval_of_15_in_30_by_hand():
    # p = 1/2, so the centre is 1/2 and the half-width z/(1 + z²/n) · √(1/(4n) + z²/(4n²)),
    # z = 1.959964, n = 30: 1.737482 × 0.096956 = 0.1684587.
    interval = wilson_interval(15, 30)
    assert (interval.lower, interval.upper) == pytest.approx((0.3315413, 0.6684587), abs=1e-7)


def test_the_wilson_interval_refuses_impossible_counts_and_has_none_without_trials():
    assert wilson_interval(0, 0) is None
    with pytest.raises(ValueError):
        wilson_interval(5, 4)
    with pytest.raises(ValueError):
        wilson_interval(-1, 4)


def test_the_z_test_is_statsmodels_documented_example():
    # statsmodels.stats.proportion.proportions_ztest docs: count = [5, 12], nobs = [83, 99]
    # → p-value 0.159 (z −1.408); scipy.stats.chi2_contingency([[5, 78], [12, 87]],
    # correction=False) gives p = 0.15918129181156587 (scipy 1.17).
    test = two_proportion_z_test(5 / 83, 83, 12 / 99, 99)
    assert test.z == pytest.approx(-1.4078, abs=1e-4)
    assert test.p_value == pytest.approx(0.15918129181156587, rel=1e-9)


@pytest.mark.parametrize(
    ("table", "p_value"),
    [
        # scipy.stats.chi2_contingency(table, correction=False)[1], scipy 1.17
        (((80, 320), (56, 344)), 0.023887749815253573),
        (((20, 80), (17, 83)), 0.5848507555977838),
    ],
)
def test_the_z_test_is_scipys_chi_square_without_correction(table, p_value):
    (a, b), (c, d) = table
    test = two_proportion_z_test(a / (a + b), a + b, c / (c + d), c + d)
    assert test.p_value == pytest.approx(p_value, rel=1e-9)


def test_the_z_test_without_variance_finds_no_difference_and_refuses_empty_samples():
    assert two_proportion_z_test(0.0, 50, 0.0, 80).p_value == 1.0
    with pytest.raises(ValueError):
        two_proportion_z_test(0.1, 0, 0.1, 10)
    with pytest.raises(ValueError):
        two_proportion_z_test(1.5, 10, 0.1, 10)


def test_the_weighted_interval_averages_the_bounds_never_narrower_than_independence():
    parts = [(3_000_000, Interval(10, 9, 11)), (1_500_000, Interval(4, 3, 5))]
    combined = weighted_interval(parts)
    assert (combined.estimate, combined.lower, combined.upper) == pytest.approx((8, 7, 9))
    independent_half = ((2 / 3) ** 2 + (1 / 3) ** 2) ** 0.5  # both half-widths are 1
    assert combined.upper - combined.estimate >= independent_half
    assert weighted_interval([]) is None

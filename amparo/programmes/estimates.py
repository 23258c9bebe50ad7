"""The statistics the results rest on: small, stated, checked against references in the tests.

- ``wilson_interval``: the Wilson score interval of a proportion (Wilson 1927),
  as R's ``prop.test(x, n, correct = FALSE)`` and statsmodels'
  ``proportion_confint(method="wilson")`` give it. Unlike the textbook
  ``p ± z √(p(1 − p)/n)`` it stays inside [0, 1] and does not collapse to a
  point at 0 or n, which matters for the small counts of one department.
- ``two_proportion_z_test``: the two-sided test that two proportions are equal,
  with the pooled standard error (the score test; the same p-value as the
  χ² test of the 2 × 2 table without continuity correction).
- ``weighted_interval``: a population-weighted mean of estimates with
  their intervals combined conservatively (see its docstring).
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

Z95 = NormalDist().inv_cdf(0.975)


@dataclass(frozen=True)
class Interval:
    estimate: float
    lower: float
    upper: float


def wilson_interval(successes: int, trials: int, *, z: float = Z95) -> Interval | None:
    """The proportion ``successes / trials`` with its Wilson score interval (shares, 0–1).

    None when there are no trials; ``ValueError`` for counts that cannot be
    (negative, or more successes than trials).
    """
    if successes < 0 or trials < 0 or successes > trials:
        raise ValueError("A proportion needs 0 ≤ successes ≤ trials.")
    if trials == 0:
        return None
    p = successes / trials
    z2 = z * z
    denominator = 1 + z2 / trials
    centre = (p + z2 / (2 * trials)) / denominator
    half = z / denominator * math.sqrt(p * (1 - p) / trials + z2 / (4 * trials * trials))
    return Interval(p, max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class ZTest:
    difference: float  # p1 − p2
    z: float
    p_value: float  # two-sided


def two_proportion_z_test(p1: float, n1: int, p2: float, n2: int) -> ZTest:
    """Two-sided z-test of H0: the two proportions (shares, 0–1) are equal, pooled variance.

    ``z = (p1 − p2) / √(p̄ (1 − p̄) (1/n1 + 1/n2))`` with ``p̄ = (n1 p1 + n2 p2) / (n1 + n2)``;
    ``p = 2 (1 − Φ(|z|))``. When both proportions are 0 or both 1 there is no
    variance: the difference is 0 and p is 1. ``ValueError`` for a sample
    size below 1 or a proportion outside [0, 1].
    """
    if n1 < 1 or n2 < 1:
        raise ValueError("Both samples need at least one respondent.")
    if not (0.0 <= p1 <= 1.0 and 0.0 <= p2 <= 1.0):
        raise ValueError("A proportion lies between 0 and 1.")
    pooled = (n1 * p1 + n2 * p2) / (n1 + n2)
    variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
    if variance <= 0:
        return ZTest(p1 - p2, 0.0, 1.0)
    z = (p1 - p2) / math.sqrt(variance)
    return ZTest(p1 - p2, z, min(1.0, 2 * (1 - NormalDist().cdf(abs(z)))))


def weighted_interval(parts: Sequence[tuple[float, Interval]]) -> Interval | None:
    """The weighted mean of estimates, its bounds the same weighted means of the bounds.

    ``parts`` are (weight, interval), e.g. an area's population and its
    study's estimate. The bounds are combined *conservatively*: averaging the
    bounds with the weights gives a half-width ``Σ wᵢ hᵢ``, never narrower than
    ``√(Σ wᵢ² hᵢ²)``, the half-width if the areas' estimates were independent;
    it holds whatever the correlation between studies (one survey firm, one
    questionnaire), which is why it is used. None when no weight is positive.
    """
    total = sum(weight for weight, _ in parts if weight > 0)
    if total <= 0:
        return None
    kept = [(weight / total, interval) for weight, interval in parts if weight > 0]
    return Interval(
        sum(w * i.estimate for w, i in kept),
        sum(w * i.lower for w, i in kept),
        sum(w * i.upper for w, i in kept),
    )

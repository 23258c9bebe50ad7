"""Time to an event (a verdict, a sentence, restoration) when not every record has reached it.

Records that have not reached the event must not be dropped, nor counted as
if they never will: both make the figures wrong. A record ends its follow-up
in one of three ways on day t (days since its starting event):

- it reached the event (``events``);
- it ended another way and can no longer reach it (``competing``: a legal
  case withdrawn or dismissed will never have a verdict);
- it is still open when follow-up ends (``censored``: the event may still come).

The estimate is the share that reached the event by each day:

- **Kaplan–Meier** (Kaplan & Meier 1958) when censoring is the only other
  outcome: ``reached(t) = 1 − S(t)`` with ``S(t) = Π (1 − d_i / n_i)`` over the
  days ``t_i ≤ t``, ``n_i`` at risk and ``d_i`` events. Its variance is
  Greenwood's (Greenwood 1926): ``Var S(t) = S(t)² Σ d_i / (n_i (n_i − d_i))``.
- **Aalen–Johansen** (Aalen & Johansen 1978) when competing outcomes exist:
  the cumulative incidence ``F(t) = Σ S(t_{i−1}) d_i / n_i``, ``S`` the
  Kaplan–Meier probability of no outcome of any kind. Treating competing
  outcomes as censored (1 − Kaplan–Meier) answers "how many would have had a
  verdict had no case been withdrawn", and overstates the share, often badly.
  Its variance is the delta-method (Greenwood-type) estimate in Collett,
  *Modelling Survival Data in Medical Research*, 3rd ed. (2015), p. 411, as
  lifelines' ``AalenJohansenFitter`` computes it, with ``D_i`` outcomes of
  any kind::

      Var F(t) = Σ (F(t) − F(t_i))² D_i / (n_i (n_i − D_i))
               + Σ S(t_{i−1})² d_i (n_i − d_i) / n_i³
               − 2 Σ (F(t) − F(t_i)) S(t_{i−1}) d_i / n_i²

Both confidence bands are log–log ("exponential Greenwood"; Kalbfleisch &
Prentice, *The Statistical Analysis of Failure Time Data*, 2nd ed. 2002):
symmetric on the scale ``log(−log x)`` and so always inside [0, 1]; ``x`` is ``S`` for Kaplan–Meier and ``F`` for Aalen–Johansen,
as in lifelines. The median is the first day the share reaches one half,
``None`` if it never does; its interval is read off the band (Brookmeyer &
Crowley 1982): from the first day the upper bound reaches one half to the
first day the lower bound does (``None``: not within the follow-up).

Ties: on one day, events and competing outcomes come before censorings (a
record censored on day t was at risk on day t), as in Kalbfleisch & Prentice.
Ties between events and competing outcomes need no jittering: the
product-limit estimate handles them as they are.

Where the formulas are undefined this module says what it shows instead
(lifelines differs, and the tests say where):

- before the first event the share and its band are 0;
- when the last records at risk all reach the event on one day
  (Kaplan–Meier ``S = 0``) the band is undefined on the log–log scale:
  it runs from the last defined lower bound (0 if none) to 1, rather than
  lifelines' [1, 1], which would claim certainty from, say, a single record;
- in the Aalen–Johansen variance, a day on which every record at risk ends
  adds ``0 × ∞`` to the first sum; it is counted as 0 (lifelines gives NaN).
"""

import math
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, repeat
from operator import add, ge
from statistics import NormalDist

# A share that is one half in exact arithmetic may come out as 0.49999999999999994.
_HALF = 0.5 - 1e-9


@dataclass(frozen=True)
class TimeToEvent:
    """The share of records that reached an event by each day, the others censored or gone another way.

    With competing outcomes (a legal case withdrawn can no longer reach a
    verdict) this is the Aalen–Johansen cumulative incidence; with censoring
    only it is 1 − Kaplan–Meier. ``lower``/``upper`` bound it at the
    ``confidence`` level; ``median`` is the first day the share reaches one
    half (``None`` when it never does), with its own interval.
    ``std_error`` is the standard error of ``reached`` (Greenwood, or its
    Aalen–Johansen counterpart). The sequences are parallel, one entry per
    day on which anything happened.
    """

    method: str  # "kaplan_meier" or "aalen_johansen"
    times: tuple[int, ...]
    at_risk: tuple[int, ...]
    events: tuple[int, ...]
    competing: tuple[int, ...]
    censored: tuple[int, ...]
    reached: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    observations: int
    median: int | None = None
    median_lower: int | None = None
    median_upper: int | None = None
    confidence: float = 0.95
    std_error: tuple[float, ...] = field(default=())

    @classmethod
    def empty(cls) -> "TimeToEvent":
        """No curve: too few records to show one, or none at all."""
        return cls("kaplan_meier", (), (), (), (), (), (), (), (), 0)

    @property
    def total_events(self) -> int:
        """How many records reached the event."""
        return sum(self.events)

    def reached_by(self, day: int) -> float:
        """Estimated share that reached the event within ``day`` days."""
        index = bisect_right(self.times, day)
        return self.reached[index - 1] if index else 0.0

    def bounds_by(self, day: int) -> tuple[float, float]:
        """The confidence interval of ``reached_by(day)``: (lower, upper)."""
        index = bisect_right(self.times, day)
        return (self.lower[index - 1], self.upper[index - 1]) if index else (0.0, 0.0)

    def payload(self) -> dict:
        """The curve as the API gives it: parallel arrays, not one object per step."""
        return {
            "method": self.method,
            "observations": self.observations,
            "confidence": self.confidence,
            "median": self.median,
            "median_lower": self.median_lower,
            "median_upper": self.median_upper,
            "t": list(self.times),
            "at_risk": list(self.at_risk),
            "events": list(self.events),
            "competing": list(self.competing),
            "censored": list(self.censored),
            "reached": [round(v, 4) for v in self.reached],
            "lower": [round(v, 4) for v in self.lower],
            "upper": [round(v, 4) for v in self.upper],
        }


def time_to_event(
    *,
    events: Mapping[int, int],
    censored: Mapping[int, int],
    competing: Mapping[int, int] | None = None,
    confidence: float = 0.95,
) -> TimeToEvent:
    """The estimate from counts per day (as a grouped query gives them).

    ``events``: reached the event on day t; ``competing``: ended another way
    on day t (can no longer reach it); ``censored``: still followed on day t
    when follow-up ended. Aalen–Johansen when any competing outcome is
    counted, Kaplan–Meier otherwise (see the module docstring). Days whose
    counts are all zero are left out. Guarantees: ``reached`` never falls,
    ``0 ≤ lower ≤ reached ≤ upper ≤ 1``; raises ``ValueError`` for a negative
    count or a confidence outside (0, 1).
    """
    if not 0.0 < confidence < 1.0:
        raise ValueError("The confidence level must lie strictly between 0 and 1.")
    competing = competing or {}
    if min(chain(events.values(), censored.values(), competing.values()), default=0) < 0:
        raise ValueError("A count per day cannot be negative.")
    # Built with map and accumulate: at national scale there are thousands of days.
    days = sorted(set(events) | set(censored) | set(competing))
    reached_counts = list(map(events.get, days, repeat(0)))
    competing_counts = list(map(competing.get, days, repeat(0)))
    censored_counts = list(map(censored.get, days, repeat(0)))
    ended = list(map(add, map(add, reached_counts, competing_counts), censored_counts))
    if 0 in ended:
        kept = [count > 0 for count in ended]
        days, reached_counts, competing_counts, censored_counts, ended = (
            list(compress(column, kept))
            for column in (days, reached_counts, competing_counts, censored_counts, ended)
        )
    observations = sum(ended)
    at_risk = [observations - before for before in accumulate(ended, initial=0)][:-1]
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    if any(competing_counts):
        method = "aalen_johansen"
        estimate = _aalen_johansen(at_risk, reached_counts, competing_counts, z)
    else:
        method = "kaplan_meier"
        estimate = _kaplan_meier(at_risk, reached_counts, z)
    reached, lower, upper, std_error = tuple(zip(*estimate, strict=True)) or ((), (), (), ())
    return TimeToEvent(
        method=method,
        times=tuple(days),
        at_risk=tuple(at_risk),
        events=tuple(reached_counts),
        competing=tuple(competing_counts),
        censored=tuple(censored_counts),
        reached=reached,
        lower=lower,
        upper=upper,
        observations=observations,
        median=_first_reaching_half(days, reached),
        median_lower=_first_reaching_half(days, upper),
        median_upper=_first_reaching_half(days, lower),
        confidence=confidence,
        std_error=std_error,
    )


# One day of an estimate: the share reached, its lower and upper bounds, its standard error.
_Day = tuple[float, float, float, float]
_NOTHING_YET: _Day = (0.0, 0.0, 0.0, 0.0)


def _kaplan_meier(at_risk: list[int], events: list[int], z: float) -> list[_Day]:
    """1 − S, with Greenwood's variance and the log–log band of S turned into one of 1 − S.

    On the log–log scale the band of ``S`` is ``S ** exp(±w)`` with
    ``w = z √(Σ d/(n(n−d))) / |log S|``; ``1 − S ** k`` is computed as
    ``−expm1(k log S)`` to keep its digits near 0. A day with censorings only
    changes nothing.
    """
    days: list[_Day] = []
    today = _NOTHING_YET
    survival, greenwood = 1.0, 0.0
    for n, d in zip(at_risk, events, strict=True):
        if not d:
            pass
        elif d == n:
            # S falls to 0 and S(t)² Σ … with it; log–log is undefined: keep the lower bound.
            today = (1.0, today[1], 1.0, 0.0)
        else:
            survival *= 1 - d / n
            greenwood += d / (n * (n - d))
            log_survival = math.log(survival)
            width = z * math.sqrt(greenwood) / -log_survival
            today = (
                1.0 - survival,
                -math.expm1(log_survival * math.exp(-width)),
                -math.expm1(log_survival * math.exp(width)),
                survival * math.sqrt(greenwood),
            )
        days.append(today)
    return days


def _aalen_johansen(
    at_risk: list[int], events: list[int], competing: list[int], z: float
) -> list[_Day]:
    """The cumulative incidence, Collett's variance and the log–log band of F.

    The three sums of the variance (module docstring) are kept as running
    sums of powers of ``F(t_i)`` so that each day costs the same:
    ``Σ a_i (F − F_i)² = F² Σ a_i − 2 F Σ a_i F_i + Σ a_i F_i²`` and
    ``Σ b_i (F − F_i) = F Σ b_i − Σ b_i F_i``, with ``b_i = S(t_{i−1}) d_i / n_i²``
    (so the second sum's term is ``b_i² n_i (n_i − d_i) / d_i``). On the
    log–log scale the band of ``F`` is ``F ** exp(±w)`` with
    ``w = z SE(F) / (F |log F|)``. A day with censorings only changes nothing.
    """
    days: list[_Day] = []
    today = _NOTHING_YET
    survival = 1.0  # no outcome of any kind, just before the day
    incidence = 0.0
    sum_a = sum_a_f = sum_a_f2 = 0.0  # first sum
    binomial = 0.0  # second sum
    sum_b = sum_b_f = 0.0  # third sum
    for n, d, c in zip(at_risk, events, competing, strict=True):
        ended = d + c
        if not ended:
            days.append(today)
            continue
        if d:
            b = survival * d / (n * n)
            incidence += b * n
            binomial += b * b * n * (n - d) / d
            sum_b += b
            sum_b_f += b * incidence
        if ended < n:  # else the last day: its term is (F(t) − F(t))² × ∞, counted 0
            a = ended / (n * (n - ended))
            sum_a += a
            sum_a_f += a * incidence
            sum_a_f2 += a * incidence * incidence
            survival *= 1 - ended / n
        variance = (
            incidence * (incidence * sum_a - 2 * sum_a_f - 2 * sum_b)
            + sum_a_f2
            + binomial
            + 2 * sum_b_f
        )
        if incidence == 0.0:
            today = _NOTHING_YET
        elif variance <= 0.0 or incidence >= 1.0:  # rounding of the expanded squares
            today = (incidence, incidence, incidence, 0.0)
        else:
            error = math.sqrt(variance)
            log_incidence = math.log(incidence)
            width = z * error / (incidence * -log_incidence)
            today = (
                incidence,
                math.exp(log_incidence * math.exp(width)),
                math.exp(log_incidence * math.exp(-width)),
                error,
            )
        days.append(today)
    return days


def _first_reaching_half(days: list[int], shares: tuple[float, ...]) -> int | None:
    return next(compress(days, map(ge, shares, repeat(_HALF))), None)

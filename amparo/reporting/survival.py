"""Kaplan–Meier estimation of time-to-event with right-censoring.

Records that have not (yet) reached the event being timed (a pending legal
case, a case not yet restored) must not be dropped: that would make the
system look faster than it is. They enter as censored observations: they
count in the risk set until their follow-up ends.
"""

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class KmStep:
    time: int  # days since the starting event
    at_risk: int
    events: int
    censored: int
    survival: float  # probability of NOT having reached the event by ``time``


@dataclass(frozen=True)
class KmCurve:
    steps: list[KmStep]
    observations: int
    events: int

    @property
    def median(self) -> int | None:
        """The first time at which the estimated survival falls to 0.5 or below."""
        for step in self.steps:
            if step.survival <= 0.5:
                return step.time
        return None

    def reached_by(self, time: int) -> float:
        """Estimated share that reached the event within ``time`` days."""
        survival = 1.0
        for step in self.steps:
            if step.time > time:
                break
            survival = step.survival
        return 1.0 - survival


def kaplan_meier(observations: Iterable[tuple[int, bool]]) -> KmCurve:
    """The estimate from (duration in days, event happened?) pairs.

    A negative duration counts as day 0. At a time where events and
    censorings tie, events are counted first (the usual convention: a case
    censored on day t was still at risk on day t).
    """
    events: Counter[int] = Counter()
    censored: Counter[int] = Counter()
    for duration, happened in observations:
        (events if happened else censored)[max(0, int(duration))] += 1
    return kaplan_meier_counts(events=events, censored=censored)


def kaplan_meier_counts(*, events: Counter[int], censored: Counter[int]) -> KmCurve:
    """The same estimate as ``kaplan_meier`` from counts per day, as a grouped query gives them.

    One step per day with an event or a censoring, in order of time.
    """
    at_risk = sum(events.values()) + sum(censored.values())
    total, total_events = at_risk, sum(events.values())
    survival = 1.0
    steps: list[KmStep] = []
    for time in sorted(set(events) | set(censored)):
        d, c = events.get(time, 0), censored.get(time, 0)
        if d:
            survival *= 1 - d / at_risk
        steps.append(KmStep(time=time, at_risk=at_risk, events=d, censored=c, survival=survival))
        at_risk -= d + c
    return KmCurve(steps=steps, observations=total, events=total_events)


@dataclass(frozen=True)
class TimeToEvent:
    """The share of records that reached an event by each day, the others censored or gone another way.

    With competing outcomes (a legal case withdrawn can no longer reach a
    verdict) this is the Aalen–Johansen cumulative incidence; with censoring
    only it is 1 − Kaplan–Meier. ``lower``/``upper`` bound it at the
    ``confidence`` level; ``median`` is the first day the share reaches one
    half (``None`` when it never does), with its own interval.
    The sequences are parallel, one entry per day on which anything happened.
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

    @classmethod
    def empty(cls) -> "TimeToEvent":
        """No curve: too few records to show one, or none at all."""
        return cls("kaplan_meier", (), (), (), (), (), (), (), (), 0)

    @property
    def total_events(self) -> int:
        return sum(self.events)

    def reached_by(self, day: int) -> float:
        """Estimated share that reached the event within ``day`` days."""
        share = 0.0
        for time, value in zip(self.times, self.reached, strict=True):
            if time > day:
                break
            share = value
        return share

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
    when follow-up ended. Ties: events and competing outcomes before censoring.
    """
    # TODO(issue 13, survival helper): Greenwood / delta-method variance, log–log intervals, median CI.
    competing = competing or {}
    days = sorted(set(events) | set(censored) | set(competing))
    at_risk = sum(events.values()) + sum(censored.values()) + sum(competing.values())
    observations = at_risk
    survival = 1.0  # probability of no outcome of any kind yet
    incidence = 0.0
    rows: list[tuple[int, int, int, int, int, float]] = []
    for day in days:
        d, c, x = events.get(day, 0), competing.get(day, 0), censored.get(day, 0)
        if at_risk:
            incidence += survival * d / at_risk
            survival *= 1 - (d + c) / at_risk
        rows.append((day, at_risk, d, c, x, incidence))
        at_risk -= d + c + x
    median = next((r[0] for r in rows if r[5] >= 0.5), None)
    reached = tuple(r[5] for r in rows)
    return TimeToEvent(
        method="aalen_johansen" if any(competing.values()) else "kaplan_meier",
        times=tuple(r[0] for r in rows),
        at_risk=tuple(r[1] for r in rows),
        events=tuple(r[2] for r in rows),
        competing=tuple(r[3] for r in rows),
        censored=tuple(r[4] for r in rows),
        reached=reached,
        lower=reached,
        upper=reached,
        observations=observations,
        median=median,
        confidence=confidence,
    )

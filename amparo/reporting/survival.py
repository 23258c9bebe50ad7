"""Kaplan–Meier estimation of time-to-event with right-censoring.

Records that have not (yet) reached the event being timed (a pending legal
case, a case not yet restored) must not be dropped: that would make the
system look faster than it is. They enter as censored observations: they
count in the risk set until their follow-up ends.
"""

from collections import Counter
from collections.abc import Iterable
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

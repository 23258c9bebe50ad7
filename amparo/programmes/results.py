"""Results: each goal's current value, trend, interval and whether it is on track.

Computed from live data (``measures``, ``amparo.reporting.survival``) or the
programme's measurements, never typed in. Counts below the programme's k are
hidden (``Estimate.hidden``): partners of a programme read its results, so
they are protected as the network page is.
"""

import datetime
from dataclasses import dataclass
from itertools import pairwise

from amparo.programmes.indicators import INDICATORS, Estimate
from amparo.programmes.models import Goal, Programme
from amparo.programmes.vocab import Direction, GoalStatus


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    unit: str  # the indicator's unit
    current: Estimate  # at ``as_of``: over the twelve months up to it, for live indicators
    trend: tuple[tuple[datetime.date, Estimate], ...]  # by calendar year, baseline year on
    expected: float | None  # where a straight line through baseline, milestones, target is now
    status: str  # a ``vocab.GoalStatus``


def goal_progress(*, programme: Programme, as_of: datetime.date) -> list[GoalProgress]:
    """Every current (not archived) goal of ``programme``, in the goals' order."""
    raise NotImplementedError  # helper "results" fills this in


def indicator_estimate(
    *,
    programme: Programme,
    code: str,
    start: datetime.date,
    end: datetime.date,
    area: str | None = None,
) -> Estimate:
    """One indicator over ``[start, end]`` for the programme or one department (``area``)."""
    raise NotImplementedError  # helper "results" fills this in


def _path(goal: Goal) -> list[tuple[datetime.date, float]]:
    points = [(goal.baseline_on, float(goal.baseline_value))]
    points += [(m.due_on, float(m.value)) for m in goal.milestones.all()]
    points.append((goal.target_on, float(goal.target_value)))
    return sorted(points)


def expected_value(*, goal: Goal, on: datetime.date) -> float | None:
    """Where the goal should be on ``on``: straight lines through baseline, milestones, target.

    None before the baseline; the target from the target date on. Reads the
    goal's milestones (prefetch them for a list).
    """
    points = _path(goal)
    if on < points[0][0]:
        return None
    for (d0, v0), (d1, v1) in pairwise(points):
        if on <= d1:
            span = (d1 - d0).days
            return v1 if span == 0 else v0 + (v1 - v0) * (on - d0).days / span
    return points[-1][1]


def goal_status(*, goal: Goal, current: float | None, as_of: datetime.date) -> str:
    """A ``GoalStatus``: met when the current value reaches the target (in the indicator's
    better direction); on track when it reaches where the straight line says it should be
    by ``as_of``; off track otherwise; no data without a current value."""
    if current is None:
        return GoalStatus.NO_DATA
    higher = INDICATORS[goal.indicator].better == Direction.HIGHER

    def reaches(value: float, mark: float) -> bool:
        return value >= mark if higher else value <= mark

    if reaches(current, float(goal.target_value)):
        return GoalStatus.MET
    expected = expected_value(goal=goal, on=as_of)
    if expected is not None and reaches(current, expected):
        return GoalStatus.ON_TRACK
    return GoalStatus.OFF_TRACK

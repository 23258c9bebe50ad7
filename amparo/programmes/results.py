"""Results: each goal's current value, trend, interval and whether it is on track.

Computed from live data (``measures``, ``amparo.reporting.survival``) or the
programme's measurements, never typed in. Counts below the programme's k are
hidden (``Estimate.hidden``): partners of a programme read its results, so
they are protected as the network page is.
"""

import datetime
from dataclasses import dataclass
from itertools import pairwise

from django.db.models import QuerySet, Sum

from amparo.core.dates import add_months
from amparo.justice.models import LegalCase
from amparo.justice.vocab import Stage
from amparo.programmes import measures
from amparo.programmes.estimates import Interval, weighted_interval, wilson_interval
from amparo.programmes.indicators import INDICATORS, LIVE, Estimate, Indicator
from amparo.programmes.measures import Scope
from amparo.programmes.models import Goal, PrevalenceStudy, Programme, SurveyResult, Training
from amparo.programmes.vocab import Direction, GoalStatus
from amparo.reporting.justice.durations import stage_durations
from amparo.reporting.survival import time_to_event


@dataclass(frozen=True)
class GoalProgress:
    goal: Goal
    unit: str  # the indicator's unit
    current: Estimate  # at ``as_of``: over the twelve months up to it, for live indicators
    trend: tuple[tuple[datetime.date, Estimate], ...]  # by calendar year, baseline year on
    expected: float | None  # where a straight line through baseline, milestones, target is now
    status: str  # a ``vocab.GoalStatus``


def _organisations(programme: Programme) -> tuple[int, ...]:
    # ``all()``, not ``values_list``: it reads the partners prefetched by ``current_goals``.
    partners = sorted(partner.pk for partner in programme.partners.all())
    return (programme.organisation_id, *partners)


def _below_k(count: int, programme: Programme) -> bool:
    # As ``reporting.suppression``: a zero names nobody; 1 … k−1 is a small cell.
    return 0 < count < programme.min_cell


def _live(
    programme: Programme,
    indicator: Indicator,
    scope: Scope,
    start: datetime.date,
    end: datetime.date,
) -> Estimate:
    def counted(code: str) -> int:
        return measures.count(code, scope=scope, start=start, end=end, as_of=end)

    if indicator.ratio is not None:
        numerator, denominator = (counted(code) for code in indicator.ratio)
        if _below_k(numerator, programme) or _below_k(denominator, programme):
            return Estimate(None, hidden=True)
        interval = wilson_interval(numerator, denominator)
        if interval is None:
            return Estimate(None, numerator=numerator, denominator=denominator)
        return Estimate(
            100 * interval.estimate,
            100 * interval.lower,
            100 * interval.upper,
            numerator=numerator,
            denominator=denominator,
        )
    if indicator.measure is not None:
        value = counted(indicator.measure)
        if _below_k(value, programme):
            return Estimate(None, hidden=True)
        return Estimate(float(value), numerator=value)
    return _time_to_verdict(programme, scope, start, end)


def _time_to_verdict(
    programme: Programme, scope: Scope, start: datetime.date, end: datetime.date
) -> Estimate:
    """The median of the Aalen–Johansen cumulative incidence of a verdict (Kaplan–Meier without
    competing closures), followed up to ``end``, with its Brookmeyer–Crowley interval."""
    cohort = LegalCase.objects.filter(
        organisation_id__in=scope.organisation_ids, complaint_on__gte=start, complaint_on__lte=end
    )
    if scope.areas is not None:
        cohort = cohort.filter(court__admin1__in=scope.areas)
    durations = stage_durations(cohort, today=end)[Stage.VERDICT]
    curve = time_to_event(
        events=durations.events, censored=durations.censored, competing=durations.competing
    )
    if _below_k(curve.observations, programme):
        return Estimate(None, hidden=True)

    def days(value: int | None) -> float | None:
        return None if value is None else float(value)

    return Estimate(
        days(curve.median),
        days(curve.median_lower),
        days(curve.median_upper),
        denominator=curve.observations,
    )


def _interval(row: PrevalenceStudy | SurveyResult) -> Interval:
    return Interval(float(row.estimate), float(row.ci_lower), float(row.ci_upper))


def _as_estimate(interval: Interval | None) -> Estimate:
    if interval is None:
        return Estimate(None)
    return Estimate(interval.estimate, interval.lower, interval.upper)


def _prevalence(programme: Programme, end: datetime.date, area: str | None) -> Estimate:
    """The latest wave (by fieldwork end, up to ``end``) of each area's studies.

    For one area, its estimate and interval. For the programme, the mean of
    the areas that have a study, weighted by their populations, with the
    bounds combined conservatively (``estimates.weighted_interval``: the
    weighted mean of the bounds, valid whatever the studies' correlation).
    """
    studies = PrevalenceStudy.objects.filter(programme=programme, period_end__lte=end)
    if area is not None:
        studies = studies.filter(area__admin1=area)
    latest: dict[int, PrevalenceStudy] = {}
    for study in studies.select_related("area").order_by("period_end", "id"):
        latest[study.area_id] = study
    parts = [(float(s.area.population), _interval(s)) for s in latest.values()]
    if area is not None:
        return _as_estimate(parts[0][1] if parts else None)
    return _as_estimate(weighted_interval(parts))


def _survey(programme: Programme, item: str, end: datetime.date, area: str | None) -> Estimate:
    """The latest result (by fieldwork end, up to ``end``) for the area, or the programme-wide one."""
    rows = SurveyResult.objects.filter(programme=programme, item=item, period_end__lte=end)
    rows = rows.filter(area__admin1=area) if area is not None else rows.filter(area__isnull=True)
    row = rows.order_by("-period_end", "-id").first()
    return _as_estimate(None if row is None else _interval(row))


def _trained(programme: Programme, end: datetime.date, area: str | None) -> Estimate:
    trainings = Training.objects.filter(programme=programme, held_on__lte=end)
    if area is not None:
        trainings = trainings.filter(area__admin1=area)
    total = trainings.aggregate(total=Sum("trained"))["total"] or 0
    return Estimate(float(total), numerator=total)


def indicator_estimate(
    *,
    programme: Programme,
    code: str,
    start: datetime.date,
    end: datetime.date,
    area: str | None = None,
) -> Estimate:
    """One indicator over ``[start, end]`` for the programme or one department (``area``).

    Live ratios are percentages of the programme's organisations' records
    (owner and partners, ``measures``) with a Wilson 95% interval; counts are
    the count; time to verdict is the median days of the complaints filed in
    the period, followed up to ``end``. Each is ``hidden`` (with no value,
    numerator or denominator) when a count it rests on is between 1 and
    ``programme.min_cell − 1``. External indicators are the latest
    measurement up to ``end`` (``start`` does not apply): prevalence as
    ``_prevalence`` says, a survey item for the area (or the programme-wide
    result), officials trained the sum of trainings held up to ``end``.
    ``KeyError`` for an unknown indicator.
    """
    indicator = INDICATORS[code]
    if indicator.source == LIVE:
        scope = Scope(_organisations(programme), None if area is None else frozenset({area}))
        return _live(programme, indicator, scope, start, end)
    if code == "prevalence":
        return _prevalence(programme, end, area)
    if code == "officials_trained":
        return _trained(programme, end, area)
    return _survey(programme, code, end, area)


def twelve_months_to(as_of: datetime.date) -> datetime.date:
    """The first day of the twelve months that end on ``as_of``."""
    return add_months(as_of, -12) + datetime.timedelta(days=1)


def _goal_area(goal: Goal) -> str | None:
    return None if goal.area is None else goal.area.admin1


def goal_trend(*, goal: Goal, as_of: datetime.date) -> tuple[tuple[datetime.date, Estimate], ...]:
    """The goal's indicator by calendar year, from the baseline's year to ``as_of``'s (cut there).

    Each point is dated at the end of its year (or ``as_of`` for the last).
    """
    area = _goal_area(goal)
    points = []
    for year in range(goal.baseline_on.year, as_of.year + 1):
        end = min(datetime.date(year, 12, 31), as_of)
        estimate = indicator_estimate(
            programme=goal.programme,
            code=goal.indicator,
            start=datetime.date(year, 1, 1),
            end=end,
            area=area,
        )
        points.append((end, estimate))
    return tuple(points)


def estimate_status(*, goal: Goal, current: Estimate, as_of: datetime.date) -> str:
    """``goal_status`` of an estimate: a hidden value is no data."""
    return goal_status(goal=goal, current=None if current.hidden else current.value, as_of=as_of)


def goal_current(*, goal: Goal, as_of: datetime.date) -> Estimate:
    """The goal's indicator over the twelve months up to ``as_of`` (external: the latest)."""
    return indicator_estimate(
        programme=goal.programme,
        code=goal.indicator,
        start=twelve_months_to(as_of),
        end=as_of,
        area=_goal_area(goal),
    )


def current_goals(programme: Programme) -> QuerySet[Goal]:
    """The programme's goals not archived, with what their progress reads (prefetched):
    milestones, and the partners whose records live indicators count."""
    return (
        programme.goals.filter(archived_at__isnull=True)
        .select_related("area", "programme")
        .prefetch_related("milestones", "programme__partners")
    )


def goal_progress(*, programme: Programme, as_of: datetime.date) -> list[GoalProgress]:
    """Every current (not archived) goal of ``programme``, in the goals' order.

    ``current`` over the twelve months up to ``as_of`` (external indicators:
    the latest measurement up to it), ``trend`` by calendar year, ``expected``
    on the straight line through baseline, milestones and target, and the
    ``GoalStatus`` (no data when the current value is hidden or undefined).
    Milestones are prefetched; live indicators cost a few queries per point.
    """
    progress = []
    for goal in current_goals(programme):
        current = goal_current(goal=goal, as_of=as_of)
        progress.append(
            GoalProgress(
                goal=goal,
                unit=INDICATORS[goal.indicator].unit,
                current=current,
                trend=goal_trend(goal=goal, as_of=as_of),
                expected=expected_value(goal=goal, on=as_of),
                status=estimate_status(goal=goal, current=current, as_of=as_of),
            )
        )
    return progress


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

"""A goal as a server-drawn SVG line chart, in the house style of ``amparo.reporting.charts``.

Each chart shows the baseline point, the path the goal set (baseline →
milestones → target, dashed), the indicator's yearly trend with its 95%
interval as whiskers (a hidden or undefined year breaks the line), and the
current value. Coordinates leave here as strings from ``svg_number`` (a dot,
never a comma, whatever the language); labels are localised here, once.
The table under each chart (``goal_rows``) is the same figures in words.
"""

import datetime
import math
from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from amparo.core.svg import svg_number, svg_points
from amparo.programmes.indicators import Estimate
from amparo.programmes.results import GoalProgress
from amparo.reporting.chart_parts import WIDTH, Tick, nice_ceiling, view_box
from amparo.reporting.suppression import HIDDEN, NOT_DEFINED

LEFT, RIGHT, TOP, BOTTOM = 48, 16, 12, 30
PLOT_HEIGHT = 160
MOST_YEAR_LABELS = 7
CAP = 4  # half the width of a whisker's cap


def hidden_label(k: int) -> str:
    """What a hidden value shows: ``[c] fewer than 11``."""
    return _("%(c)s fewer than %(k)s") % {"c": HIDDEN, "k": number_format(k)}


def value_text(value: float | None, unit: str) -> str:
    """A value in its indicator's unit, localised: ``12.5%``, ``180 days``, ``1,250``."""
    if value is None:
        return NOT_DEFINED
    if unit == "percent":
        return _("%(n)s%%") % {"n": number_format(value, 1)}
    if unit == "days":
        days = round(value)
        return ngettext("%(n)s day", "%(n)s days", days) % {"n": number_format(days, 0)}
    return number_format(round(value), 0, force_grouping=True)


def estimate_text(estimate: Estimate, unit: str, *, k: int) -> str:
    """An estimate as a page prints it: the hidden mark, or the value."""
    return hidden_label(k) if estimate.hidden else value_text(estimate.value, unit)


def interval_text(estimate: Estimate, unit: str) -> str:
    """``10.2–14.8%`` style, or ``—`` without an interval (or when hidden)."""
    if estimate.hidden or estimate.lower is None or estimate.upper is None:
        return NOT_DEFINED
    return f"{value_text(estimate.lower, unit)} – {value_text(estimate.upper, unit)}"


@dataclass(frozen=True)
class Mark:
    x: str
    y: str
    title: str


@dataclass(frozen=True)
class Whisker:
    x: str
    low: str
    high: str
    cap_left: str
    cap_right: str
    title: str


@dataclass(frozen=True)
class GoalChart:
    path: str  # polyline points: baseline, milestones, target (dashed)
    milestones: tuple[Mark, ...]
    baseline: Mark
    target: Mark
    trend: tuple[str, ...]  # polyline points per unbroken run of years
    trend_marks: tuple[Mark, ...]
    whiskers: tuple[Whisker, ...]
    current: Mark | None
    gridlines: tuple[Tick, ...]
    years: tuple[Tick, ...]  # ``at`` is the middle of each labelled year
    boundaries: tuple[str, ...]  # the x of each 1 January
    left: str
    right: str
    top: str
    bottom: str
    label_x: str
    year_y: str
    tick_end: str
    width: str
    height: str
    view_box: str


def _axis(values: list[float]) -> tuple[float, int]:
    """A step of 1, 2 or 5 × 10ⁿ and the number of intervals (at most five) from 0 past ``values``."""
    most = max(values, default=0.0)
    step = nice_ceiling(most / 5) if most > 0 else 1.0
    return step, max(1, math.ceil(most / step - 1e-9))


def goal_chart(progress: GoalProgress, *, as_of: datetime.date) -> GoalChart:
    """The chart of one goal at ``as_of``.

    The x axis runs from the baseline date to the later of the target date
    and ``as_of``, each year's figure in the middle of its year (the current
    value at ``as_of``); the y axis from 0 in round steps past the largest value
    drawn (interval bounds included). Nothing hidden is drawn.
    """
    goal, unit = progress.goal, progress.unit
    path = [(goal.baseline_on, float(goal.baseline_value))]
    path += [(m.due_on, float(m.value)) for m in goal.milestones.all()]
    path.append((goal.target_on, float(goal.target_value)))
    path.sort()
    shown = [(day, e) for day, e in progress.trend if not e.hidden and e.value is not None]
    current = progress.current
    drawn = [v for _, v in path]
    for _day, e in [*shown, (as_of, current)]:
        if not e.hidden:
            drawn += [v for v in (e.value, e.lower, e.upper) if v is not None]
    step, intervals = _axis(drawn)
    largest = step * intervals
    first, last = goal.baseline_on, max(goal.target_on, as_of)
    span = max(1, (last - first).days)
    inner = WIDTH - LEFT - RIGHT
    bottom = TOP + PLOT_HEIGHT

    def x(day: datetime.date) -> float:
        return LEFT + inner * min(max((day - first).days / span, 0), 1)

    def y(value: float) -> float:
        return bottom - PLOT_HEIGHT * min(max(value / largest, 0), 1)

    def mark(day: datetime.date, value: float, what: str) -> Mark:
        title = f"{what}, {date_format(day, 'SHORT_DATE_FORMAT')}: {value_text(value, unit)}"
        return Mark(svg_number(x(day)), svg_number(y(value)), title)

    def middle(year: int) -> float:
        # A year's figure sits in the middle of the part of the year the chart shows.
        start = max(datetime.date(year, 1, 1), first)
        end = min(datetime.date(year, 12, 31), last)
        return (x(start) + x(end)) / 2

    runs: list[list[tuple[float, float]]] = [[]]
    marks, whiskers = [], []
    for day, estimate in progress.trend:
        if estimate.hidden or estimate.value is None:
            runs.append([])
            continue
        at = middle(day.year)
        runs[-1].append((at, y(estimate.value)))
        title = f"{day.year}: {value_text(estimate.value, unit)}"
        marks.append(Mark(svg_number(at), svg_number(y(estimate.value)), title))
        if estimate.lower is not None and estimate.upper is not None:
            whiskers.append(
                Whisker(
                    svg_number(at),
                    svg_number(y(estimate.lower)),
                    svg_number(y(estimate.upper)),
                    svg_number(at - CAP),
                    svg_number(at + CAP),
                    f"{day.year}: {interval_text(estimate, unit)}",
                )
            )
    now = (
        None
        if current.hidden or current.value is None
        else mark(as_of, current.value, pgettext("goal chart", "Current value"))
    )
    gridlines = tuple(
        Tick(svg_number(y(step * n)), _axis_label(step * n, unit)) for n in range(intervals + 1)
    )
    years_in = list(range(first.year, last.year + 1))
    every = max(1, -(-len(years_in) // MOST_YEAR_LABELS))
    years = tuple(
        Tick(svg_number(middle(year)), str(year))
        for index, year in enumerate(years_in)
        if index % every == 0
    )
    boundaries = tuple(svg_number(x(datetime.date(year, 1, 1))) for year in years_in[1:])
    height = bottom + BOTTOM
    return GoalChart(
        path=svg_points([(x(d), y(v)) for d, v in path]),
        milestones=tuple(
            mark(m.due_on, float(m.value), pgettext("goal chart", "Milestone"))
            for m in goal.milestones.all()
        ),
        baseline=mark(
            goal.baseline_on, float(goal.baseline_value), pgettext("goal chart", "Baseline")
        ),
        target=mark(goal.target_on, float(goal.target_value), pgettext("goal chart", "Target")),
        trend=tuple(svg_points(run) for run in runs if len(run) > 1),
        trend_marks=tuple(marks),
        whiskers=tuple(whiskers),
        current=now,
        gridlines=gridlines,
        years=years,
        boundaries=boundaries,
        left=svg_number(LEFT),
        right=svg_number(WIDTH - RIGHT),
        top=svg_number(TOP),
        bottom=svg_number(bottom),
        label_x=svg_number(LEFT - 6),
        year_y=svg_number(bottom + 18),
        tick_end=svg_number(bottom + 5),
        width=svg_number(WIDTH),
        height=svg_number(height),
        view_box=view_box(WIDTH, height),
    )


def _axis_label(value: float, unit: str) -> str:
    if unit == "percent":
        digits = 0 if float(value).is_integer() else 1
        return _("%(n)s%%") % {"n": number_format(value, digits)}
    return number_format(value, 0 if float(value).is_integer() else 1, force_grouping=True)


@dataclass(frozen=True)
class Row:
    """One line of the table under a chart: what, when, the value and its interval."""

    label: str
    day: datetime.date
    value: str
    interval: str


def goal_rows(progress: GoalProgress, *, as_of: datetime.date, k: int) -> list[Row]:
    """The chart's figures as rows, in date order: baseline, milestones, target, each year, now."""
    goal, unit = progress.goal, progress.unit
    rows = [
        Row(
            pgettext("goal chart", "Baseline"),
            goal.baseline_on,
            value_text(float(goal.baseline_value), unit),
            "",
        )
    ]
    rows += [
        Row(pgettext("goal chart", "Milestone"), m.due_on, value_text(float(m.value), unit), "")
        for m in goal.milestones.all()
    ]
    rows.append(
        Row(
            pgettext("goal chart", "Target"),
            goal.target_on,
            value_text(float(goal.target_value), unit),
            "",
        )
    )
    rows += [
        Row(str(day.year), day, estimate_text(e, unit, k=k), interval_text(e, unit))
        for day, e in progress.trend
    ]
    current = progress.current
    rows.append(
        Row(
            pgettext("goal chart", "Current value"),
            as_of,
            estimate_text(current, unit, k=k),
            interval_text(current, unit),
        )
    )
    return sorted(rows, key=lambda row: row.day)

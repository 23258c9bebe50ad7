"""Line charts: monthly trends from a ``Table``, and time-to-event curves from ``TimeToEvent``.

Part of ``amparo.reporting.charts`` (import them from there). A hidden or
missing month breaks a trend line rather than joining across it; a curve is
drawn only as far as ``protect_curve`` left it.
"""

import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils import dateformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from amparo.core.svg import svg_number, svg_points
from amparo.reporting.chart_parts import (
    WIDTH,
    LegendItem,
    Tick,
    axis_label,
    legend,
    magnitude,
    nice_ceiling,
    percent_label,
    value_label,
    view_box,
)
from amparo.reporting.survival import TimeToEvent
from amparo.reporting.tables import Table

LEFT, RIGHT, BOTTOM = 44, 14, 34
PLOT_HEIGHT = 150
MOST_MONTH_LABELS = 7


@dataclass(frozen=True)
class Dot:
    x: str
    y: str
    title: str


@dataclass(frozen=True)
class Series:
    """One line: its separate ``segments`` (``points`` strings; a break at each hidden value)."""

    label: str
    series: int
    segments: tuple[str, ...]
    dots: tuple[Dot, ...]


@dataclass(frozen=True)
class TrendChart:
    series: tuple[Series, ...]
    legend: tuple[LegendItem, ...]
    gridlines: tuple[Tick, ...]  # ``at`` is the y of each gridline
    months: tuple[Tick, ...]  # ``at`` is the x of each month label
    years: tuple[Tick, ...]
    left: str
    right: str
    top: str
    bottom: str
    label_x: str
    month_y: str
    year_y: str
    width: str
    height: str
    view_box: str


def _month(key: str) -> datetime.date | None:
    try:
        year, month = key.split("-")[:2]
        return datetime.date(int(year), int(month), 1)
    except ValueError:
        return None


def trend_chart(table: Table, columns: Sequence[str]) -> TrendChart:
    """One line per column over the table's rows, which are months (``row.key`` ``YYYY-MM``).

    The y axis starts at 0 and rises in round steps (1, 2 or 5 × 10ⁿ, at
    most five) past the largest shown value (0–100% for share columns); a hidden or undefined value
    breaks its line. Month labels are the localised abbreviations, thinned
    so they never overlap, with the year under the first labelled month of each year.
    """
    specs = [next(c for c in table.columns if c.key == key) for key in columns]
    rows = list(table.rows)
    items, legend_height = legend([c.label for c in specs] if len(specs) > 1 else [])
    top = legend_height + 10
    bottom = top + PLOT_HEIGHT
    share = bool(specs) and all(c.kind == "share" for c in specs)
    amounts = [[magnitude(r.values[c.key]) for r in rows] for c in specs]
    if share:
        step, intervals = 0.25, 4
    else:
        most = max((a or 0 for s in amounts for a in s), default=0)
        step = max(1.0, nice_ceiling(most / 5))  # counts and days: whole steps
        intervals = max(1, math.ceil(most / step))
    largest = step * intervals
    inner = WIDTH - LEFT - RIGHT

    def x(index: int) -> float:
        return LEFT + (inner / 2 if len(rows) == 1 else inner * index / (len(rows) - 1))

    def y(value: float) -> float:
        return bottom - PLOT_HEIGHT * min(max(value / largest, 0), 1)

    series = []
    for number, (spec, values) in enumerate(zip(specs, amounts, strict=True)):
        segments: list[list[tuple[float, float]]] = [[]]
        dots = []
        for index, (row, amount) in enumerate(zip(rows, values, strict=True)):
            if amount is None:
                segments.append([])
                continue
            point = (x(index), y(amount))
            segments[-1].append(point)
            label = value_label(row.values[spec.key], spec)
            dots.append(Dot(svg_number(point[0]), svg_number(point[1]), f"{row.label}: {label}"))
        series.append(
            Series(
                label=spec.label,
                series=number,
                segments=tuple(svg_points(s) for s in segments if len(s) > 1),
                dots=tuple(dots),
            )
        )
    gridlines = tuple(
        Tick(at=svg_number(y(step * n)), label=axis_label(step * n, share=share))
        for n in range(intervals + 1)
    )
    every = max(1, -(-len(rows) // MOST_MONTH_LABELS))
    months, years = [], []
    year_shown = None
    for index, row in enumerate(rows):
        if index % every:
            continue
        day = _month(row.key)
        months.append(Tick(svg_number(x(index)), dateformat.format(day, "M") if day else row.label))
        # The year goes under the first labelled month of each year: under a
        # January that is not labelled it would crowd its neighbours.
        if day and day.year != year_shown:
            years.append(Tick(svg_number(x(index)), str(day.year)))
            year_shown = day.year
    height = bottom + BOTTOM
    return TrendChart(
        series=tuple(series),
        legend=tuple(items),
        gridlines=gridlines,
        months=tuple(months),
        years=tuple(years),
        left=svg_number(LEFT),
        right=svg_number(WIDTH - RIGHT),
        top=svg_number(top),
        bottom=svg_number(bottom),
        label_x=svg_number(LEFT - 6),
        month_y=svg_number(bottom + 15),
        year_y=svg_number(bottom + 29),
        width=svg_number(WIDTH),
        height=svg_number(height),
        view_box=view_box(WIDTH, height),
    )


@dataclass(frozen=True)
class Curve:
    """One time-to-event curve: its rising ``path``, its interval ``band``, its median mark."""

    label: str
    series: int
    path: str
    band: str
    median_x: str | None
    median_band: tuple[str, str] | None
    median_text: str


@dataclass(frozen=True)
class IncidenceChart:
    curves: tuple[Curve, ...]
    legend: tuple[LegendItem, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    left: str
    right: str
    top: str
    bottom: str
    half_y: str
    label_x: str
    tick_y: str
    width: str
    height: str
    view_box: str


def _day_ticks(horizon: int) -> list[tuple[int, str]]:
    if horizon >= 730:
        years = horizon // 365
        step = max(1, -(-years // 5))
        return [(365 * n, _("%(n)s y") % {"n": n}) for n in range(0, years + 1, step)]
    step = next(s for s in (30, 60, 90, 180, 365) if horizon / s <= 6)
    return [(d, _("%(n)s d") % {"n": d}) for d in range(0, horizon + 1, step)]


def _curves(curve: TimeToEvent | Sequence, label: str) -> list[tuple[str, TimeToEvent]]:
    if isinstance(curve, TimeToEvent):
        return [(label, curve)]
    return [(item if isinstance(item, tuple) else (label, item)) for item in curve]


def incidence_chart(
    curve: TimeToEvent | Sequence[TimeToEvent | tuple[str, TimeToEvent]], *, label: str = ""
) -> IncidenceChart | None:
    """The share that reached the event by each day, as a rising step line in its shaded interval.

    With a dashed 50% line and the median marked where the curve reaches it
    (its interval along the 50% line). Several curves (``[(label, curve),
    …]``, e.g. this period and the previous one) share the axes and get a
    legend. ``None`` when no curve has a step to draw.
    """
    labelled = [(name, c) for name, c in _curves(curve, label) if c.times]
    if not labelled:
        return None
    horizon = max(30, *(c.times[-1] for _name, c in labelled))
    names = [name for name, _c in labelled]
    items, legend_height = legend(names if len(labelled) > 1 or label else [])
    top = legend_height + 10
    bottom = top + PLOT_HEIGHT
    inner = WIDTH - LEFT - RIGHT

    def x(day: float) -> float:
        return LEFT + inner * min(max(day, 0), horizon) / horizon

    def y(share: float) -> float:
        return bottom - PLOT_HEIGHT * min(max(share, 0), 1)

    def steps(values: Sequence[float], times: Sequence[int]) -> list[tuple[float, float]]:
        points, level = [(x(0), y(0))], 0.0
        for time, value in zip(times, values, strict=True):
            points += [(x(time), y(level)), (x(time), y(value))]
            level = value
        return [*points, (x(times[-1]), y(level))]

    drawn = []
    for number, (name, c) in enumerate(labelled):
        line = steps(c.reached, c.times)
        upper, lower = steps(c.upper, c.times), steps(c.lower, c.times)
        band = "M" + " L".join(f"{svg_number(a)},{svg_number(b)}" for a, b in upper + lower[::-1])
        low, high = c.median_lower, c.median_upper
        drawn.append(
            Curve(
                label=name,
                series=number,
                path="M" + " L".join(f"{svg_number(a)},{svg_number(b)}" for a, b in line),
                band=band + " Z",
                median_x=None if c.median is None else svg_number(x(c.median)),
                median_band=(
                    None
                    if c.median is None or low is None
                    else (svg_number(x(low)), svg_number(x(horizon if high is None else high)))
                ),
                median_text=(
                    _("Median not reached")
                    if c.median is None
                    else ngettext("Median: %(d)s day", "Median: %(d)s days", c.median)
                    % {"d": number_format(c.median)}
                ),
            )
        )
    return IncidenceChart(
        curves=tuple(drawn),
        legend=tuple(items),
        x_ticks=tuple(Tick(svg_number(x(day)), text) for day, text in _day_ticks(horizon)),
        y_ticks=tuple(Tick(svg_number(y(v)), percent_label(v)) for v in (0, 0.5, 1)),
        left=svg_number(LEFT),
        right=svg_number(WIDTH - RIGHT),
        top=svg_number(top),
        bottom=svg_number(bottom),
        half_y=svg_number(y(0.5)),
        label_x=svg_number(LEFT - 6),
        tick_y=svg_number(bottom + 16),
        width=svg_number(WIDTH),
        height=svg_number(bottom + BOTTOM - 8),
        view_box=view_box(WIDTH, bottom + BOTTOM - 8),
    )

"""Geometry for the reporting pages' server-rendered SVG charts, drawn from ``Table``s.

The templates in ``reporting/charts/`` draw; this module only turns a
table's cells into coordinates, so the charts need no JavaScript and no chart
library, and every chart stands beside the table it is drawn from. A hidden
cell draws nothing that would give it away: no bar, no point, and it never
sets a scale.

Every coordinate is a string with a dot (``amparo.core.svg.svg_number``) and
the templates render inside ``{% localize off %}``, so no language can turn
``300.5`` into ``300,5``; labels are localised.

    bar_chart(table, column)            horizontal bars, value after each
    grouped_bar_chart(table, columns)   a breakdown side by side, with a legend
    trend_chart(table, columns)         rows are months, one line per column
    incidence_chart(curve)              share reached by each day, with its interval
    dumbbell_chart(rows, low=, high=)   first → latest score per row
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.formats import number_format

from amparo.core.svg import svg_number
from amparo.reporting.chart_lines import (
    IncidenceChart,
    TrendChart,
    incidence_chart,
    trend_chart,
)
from amparo.reporting.chart_parts import (
    WIDTH,
    LegendItem,
    Tick,
    fit,
    legend,
    magnitude,
    value_label,
    view_box,
)
from amparo.reporting.suppression import HIDDEN, NOT_DEFINED, Figure
from amparo.reporting.tables import Row, Table

__all__ = [
    "BarChart",
    "DumbbellChart",
    "GroupedBarChart",
    "IncidenceChart",
    "TrendChart",
    "bar_chart",
    "dumbbell_chart",
    "grouped_bar_chart",
    "incidence_chart",
    "trend_chart",
]

ROW = 40
LABEL_GAP = 14
BAR_HEIGHT = 16
VALUE_ROOM = 64
GROUP_BAR = 13
GROUP_GAP = 3


@dataclass(frozen=True)
class Bar:
    """One bar: ``drawn`` is false for a hidden, undefined or zero value (no rect at all)."""

    label: str
    full_label: str
    value: str  # as shown: "[c]" when hidden
    drawn: bool
    x: str
    y: str
    width: str
    height: str
    label_y: str
    value_x: str
    value_y: str
    series: int = 0


@dataclass(frozen=True)
class BarChart:
    bars: tuple[Bar, ...]
    width: str
    height: str
    view_box: str


def _rows(table: Table, rows: Sequence[str | Row] | None) -> list[Row]:
    if rows is None:
        return list(table.rows)
    return [r if isinstance(r, Row) else table.row(r) for r in rows]


def _bar_width(amount: float | None, largest: float) -> float:
    """The length of a bar; 0 (no bar) for a hidden, undefined, zero or negative value."""
    if not amount or amount < 0:
        return 0.0
    return (WIDTH - VALUE_ROOM) * amount / largest


def bar_chart(
    table: Table,
    column: str,
    *,
    rows: Sequence[str | Row] | None = None,
    suffix: str = "",
) -> BarChart:
    """Horizontal bars of ``column``, one per row, label above, value after; hidden draws no bar.

    ``rows`` chooses and orders the rows (keys or ``Row``s; default: the
    table's rows, without its total).
    """
    spec = next(c for c in table.columns if c.key == column)
    chosen = _rows(table, rows)
    amounts = [magnitude(r.values[column]) for r in chosen]
    largest = max((a for a in amounts if a), default=0.0) or 1.0
    bars = []
    for index, (row, amount) in enumerate(zip(chosen, amounts, strict=True)):
        top = index * ROW
        text = value_label(row.values[column], spec) + suffix
        width = _bar_width(amount, largest)
        bars.append(
            Bar(
                label=fit(row.label, room=WIDTH),
                full_label=row.label,
                value=text,
                drawn=width > 0,
                x="0",
                y=svg_number(top + LABEL_GAP + 4),
                width=svg_number(width),
                height=svg_number(BAR_HEIGHT),
                label_y=svg_number(top + LABEL_GAP),
                value_x=svg_number(width + 6),
                value_y=svg_number(top + LABEL_GAP + 4 + 13),
            )
        )
    height = max(ROW, len(bars) * ROW)
    return BarChart(
        bars=tuple(bars),
        width=svg_number(WIDTH),
        height=svg_number(height),
        view_box=view_box(WIDTH, height),
    )


@dataclass(frozen=True)
class BarGroup:
    label: str
    full_label: str
    label_y: str
    bars: tuple[Bar, ...]


@dataclass(frozen=True)
class GroupedBarChart:
    groups: tuple[BarGroup, ...]
    legend: tuple[LegendItem, ...]
    width: str
    height: str
    view_box: str


def grouped_bar_chart(
    table: Table, columns: Sequence[str], *, rows: Sequence[str | Row] | None = None
) -> GroupedBarChart:
    """A breakdown side by side: a group per row, a bar per column on one scale, and a legend."""
    specs = [next(c for c in table.columns if c.key == key) for key in columns]
    chosen = _rows(table, rows)
    items, legend_height = legend([c.label for c in specs])
    amounts = [[magnitude(r.values[c.key]) for c in specs] for r in chosen]
    largest = max((a for row in amounts for a in row if a), default=0.0) or 1.0
    groups = []
    top = legend_height + 6
    for row, row_amounts in zip(chosen, amounts, strict=True):
        label_y = top + LABEL_GAP
        bars = []
        y = label_y + 4
        for series, (spec, amount) in enumerate(zip(specs, row_amounts, strict=True)):
            text = value_label(row.values[spec.key], spec)
            width = _bar_width(amount, largest)
            bars.append(
                Bar(
                    label=spec.label,
                    full_label=f"{row.label}, {spec.label}",
                    value=text,
                    drawn=width > 0,
                    x="0",
                    y=svg_number(y),
                    width=svg_number(width),
                    height=svg_number(GROUP_BAR),
                    label_y=svg_number(label_y),
                    value_x=svg_number(width + 6),
                    value_y=svg_number(y + GROUP_BAR - 2),
                    series=series,
                )
            )
            y += GROUP_BAR + GROUP_GAP
        groups.append(
            BarGroup(
                label=fit(row.label, room=WIDTH),
                full_label=row.label,
                label_y=svg_number(label_y),
                bars=tuple(bars),
            )
        )
        top = y + 10
    height = max(ROW, top)
    return GroupedBarChart(
        groups=tuple(groups),
        legend=tuple(items),
        width=svg_number(WIDTH),
        height=svg_number(height),
        view_box=view_box(WIDTH, height),
    )


@dataclass(frozen=True)
class Dumbbell:
    """One row: ``drawn`` with both scores known; otherwise only its label and ``value``."""

    label: str
    full_label: str
    drawn: bool
    value: str
    label_y: str
    y: str
    first_x: str
    latest_x: str
    first: str
    latest: str


@dataclass(frozen=True)
class DumbbellChart:
    rows: tuple[Dumbbell, ...]
    ticks: tuple[Tick, ...]
    axis_y: str
    tick_y: str
    left: str
    right: str
    width: str
    height: str
    view_box: str


DUMBBELL_ROW = 38
DUMBBELL_SIDE = 14


def _score(value: float | Figure | None) -> tuple[float | None, str]:
    if isinstance(value, Figure):
        if value.hidden:
            return None, HIDDEN
        value = value.value
    if value is None:
        return None, NOT_DEFINED
    return float(value), ""


def dumbbell_chart(
    rows: Sequence[tuple[str, float | Figure | None, float | Figure | None]],
    *,
    low: float,
    high: float,
) -> DumbbellChart:
    """First (hollow) → latest (filled) score per row on the scale ``low``–``high``, with its ticks.

    A row whose first or latest score is hidden or undefined shows its label
    and ``[c]`` or ``—``, never a mark.
    """
    span = (high - low) or 1
    inner = WIDTH - 2 * DUMBBELL_SIDE

    def x(value: float) -> float:
        return DUMBBELL_SIDE + (min(max(value, low), high) - low) / span * inner

    drawn = []
    for index, (label, first, latest) in enumerate(rows):
        top = index * DUMBBELL_ROW
        (a, mark_a), (b, mark_b) = _score(first), _score(latest)
        shown = a is not None and b is not None
        drawn.append(
            Dumbbell(
                label=fit(label, room=WIDTH),
                full_label=label,
                drawn=shown,
                value="" if shown else (mark_a or mark_b),
                label_y=svg_number(top + 13),
                y=svg_number(top + 27),
                first_x=svg_number(x(low if a is None else a)),
                latest_x=svg_number(x(low if b is None else b)),
                first="" if a is None else number_format(a, 1),
                latest="" if b is None else number_format(b, 1),
            )
        )
    axis = max(1, len(drawn)) * DUMBBELL_ROW + 4
    step = 1 if span <= 10 else span / 5
    ticks = []
    value = float(low)
    while value <= high + 1e-9:
        digits = 0 if value.is_integer() else 1
        ticks.append(Tick(at=svg_number(x(value)), label=number_format(value, digits)))
        value += step
    height = axis + 20
    return DumbbellChart(
        rows=tuple(drawn),
        ticks=tuple(ticks),
        axis_y=svg_number(axis),
        tick_y=svg_number(axis + 14),
        left=svg_number(DUMBBELL_SIDE),
        right=svg_number(WIDTH - DUMBBELL_SIDE),
        width=svg_number(WIDTH),
        height=svg_number(height),
        view_box=view_box(WIDTH, height),
    )

"""What every chart of ``amparo.reporting.charts`` shares: scales, ticks, labels, legends.

Coordinates are strings from ``svg_number`` (a dot, never a comma); labels
are localised here, once, in the user's language.
"""

import math
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from amparo.core.svg import svg_number
from amparo.reporting.suppression import HIDDEN, NOT_DEFINED, Cell, Figure
from amparo.reporting.tables import Column, Value

WIDTH = 360  # viewBox units; about one CSS pixel on a phone
CHAR = 7.0  # the width of a character of a 13px label, roughly, to keep text inside the box
SWATCH = 12
LEGEND_ROW = 18


@dataclass(frozen=True)
class Tick:
    """A tick on an axis: where it is (x or y), and its localised label."""

    at: str
    label: str


@dataclass(frozen=True)
class LegendItem:
    label: str
    series: int  # the CSS class ``series-N`` that colours the marks of this series
    x: str
    y: str
    text_x: str
    text_y: str


def percent_label(share: float) -> str:
    """``0.456`` as ``46%`` (``46 %`` in Spanish), localised."""
    return _("%(n)s%%") % {"n": number_format(round(share * 100), 0)}


def value_label(value: Value, column: Column) -> str:
    """A table value as a chart writes it: ``[c]`` hidden, ``—`` undefined, localised otherwise."""
    if isinstance(value, Cell):
        return HIDDEN if value.suppressed else number_format(value.value)
    if isinstance(value, Figure):
        if value.hidden:
            return HIDDEN
        if value.value is None:
            return NOT_DEFINED
        if column.kind == "share":
            return percent_label(value.value)
        if column.kind == "days":
            return number_format(round(value.value), 0)
        return number_format(value.value, 1)
    return str(value)


def magnitude(value: Value) -> float | None:
    """The number a mark is drawn to, or ``None`` when nothing may be drawn (hidden, undefined)."""
    if isinstance(value, Cell):
        return None if value.suppressed else float(value.value)
    if isinstance(value, Figure):
        return None if value.hidden or value.value is None else float(value.value)
    return None


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 × 10ⁿ at or above ``value`` (1 for nothing to draw)."""
    if value <= 0 or not math.isfinite(value):
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def axis_label(value: float, *, share: bool) -> str:
    """A gridline's label: a percentage for shares, else a localised number."""
    if share:
        return percent_label(value)
    digits = 0 if float(value).is_integer() else 1
    return number_format(value, digits)


def fit(label: str, *, room: float) -> str:
    """``label`` cut with an ellipsis so it fits ``room`` viewBox units (the full text goes in a title)."""
    most = max(4, int(room / CHAR))
    return label if len(label) <= most else label[: most - 1].rstrip() + "…"


def legend(labels: list[str], *, top: float = 0) -> tuple[list[LegendItem], float]:
    """Legend items laid out in rows across the chart's width, and the height they take."""
    items: list[LegendItem] = []
    x, y = 0.0, top
    for index, label in enumerate(labels):
        text = fit(label, room=WIDTH - SWATCH - 6)
        width = SWATCH + 6 + len(text) * CHAR + 14
        if x and x + width > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        items.append(
            LegendItem(
                label=text,
                series=index,
                x=svg_number(x),
                y=svg_number(y + 2),
                text_x=svg_number(x + SWATCH + 5),
                text_y=svg_number(y + 12),
            )
        )
        x += width
    height = (y - top + LEGEND_ROW) if labels else 0.0
    return items, height


def view_box(width: float, height: float) -> str:
    """The ``viewBox`` attribute of a chart drawn from (0, 0)."""
    return f"0 0 {svg_number(width)} {svg_number(height)}"

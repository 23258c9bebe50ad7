"""Geometry for the small server-rendered SVG charts (no JavaScript, no CDN).

Each function returns strings that a template draws: coordinates from
``svg_number`` (a dot in every language), labels as shown. The same data is
always shown as a table beside the chart.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import number_format

from amparo.core.svg import svg_number, svg_points

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 10, 24


@dataclass(frozen=True)
class Point:
    x: str
    y: str
    label: str
    value: str


@dataclass(frozen=True)
class Gridline:
    y: str
    label: str


@dataclass(frozen=True)
class LineChart:
    points: list[Point]
    gridlines: list[Gridline]
    first_label: str
    last_label: str
    width: int = WIDTH
    height: int = HEIGHT
    polyline: str = ""
    right: str = svg_number(WIDTH - RIGHT)
    label_y: str = svg_number(HEIGHT - 6)

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM


def scale_y(value: float, low: float, high: float) -> float:
    """The height on the card of ``value`` on a scale from ``low`` to ``high``."""
    span = (high - low) or 1
    return round(TOP + (high - value) / span * (HEIGHT - TOP - BOTTOM), 1)


def trajectory_chart(
    series: list[tuple[datetime.date, float]], *, low: int, high: int
) -> LineChart:
    """One domain's scores over time, x by date, y on the instrument's scale."""
    gridlines = [
        Gridline(svg_number(scale_y(v, low, high)), number_format(v)) for v in range(low, high + 1)
    ]
    if not series:
        return LineChart(points=[], gridlines=gridlines, first_label="", last_label="")
    days = [d for d, _s in series]
    start, end = min(days), max(days)
    span = (end - start).days or 1
    inner = WIDTH - LEFT - RIGHT
    coordinates = [
        (
            LEFT + (inner / 2 if len(series) == 1 else (day - start).days / span * inner),
            scale_y(score, low, high),
        )
        for day, score in series
    ]
    points = [
        Point(
            x=svg_number(x),
            y=svg_number(y),
            label=f"{day:%Y-%m-%d}",
            value=number_format(score, 0 if float(score).is_integer() else 1),
        )
        for (x, y), (day, score) in zip(coordinates, series, strict=True)
    ]
    return LineChart(
        points=points,
        polyline=svg_points(coordinates),
        gridlines=gridlines,
        first_label=f"{start:%Y-%m-%d}",
        last_label=f"{end:%Y-%m-%d}" if end != start else "",
    )

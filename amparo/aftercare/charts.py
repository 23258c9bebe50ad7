"""Geometry for the small server-rendered SVG charts (no JavaScript, no CDN).

Each function returns plain numbers and strings that a template draws; the
same data is always shown as a table beside the chart.
"""

import datetime
from dataclasses import dataclass

WIDTH, HEIGHT = 320, 140
LEFT, RIGHT, TOP, BOTTOM = 28, 12, 10, 24


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: float


@dataclass(frozen=True)
class Gridline:
    y: float
    label: str


@dataclass(frozen=True)
class LineChart:
    points: list[Point]
    gridlines: list[Gridline]
    first_label: str
    last_label: str
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

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
    gridlines = [Gridline(scale_y(v, low, high), str(v)) for v in range(low, high + 1)]
    if not series:
        return LineChart(points=[], gridlines=gridlines, first_label="", last_label="")
    days = [d for d, _s in series]
    start, end = min(days), max(days)
    span = (end - start).days or 1
    inner = WIDTH - LEFT - RIGHT
    points = [
        Point(
            x=round(
                LEFT + (inner / 2 if len(series) == 1 else (day - start).days / span * inner), 1
            ),
            y=scale_y(score, low, high),
            label=f"{day:%Y-%m-%d}",
            value=score,
        )
        for day, score in series
    ]
    return LineChart(
        points=points,
        gridlines=gridlines,
        first_label=f"{start:%Y-%m-%d}",
        last_label=f"{end:%Y-%m-%d}" if end != start else "",
    )

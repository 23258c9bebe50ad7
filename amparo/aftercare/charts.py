"""Geometry for the small server-rendered SVG charts (no JavaScript, no CDN).

Each function returns plain numbers and strings that a template draws; the
same data is always shown as a table beside the chart.
"""

import datetime
from dataclasses import dataclass

from amparo.justice.km import KmCurve

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


@dataclass(frozen=True)
class StepChart:
    path: str
    gridlines: list[Gridline]
    last_day: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM


def km_step_chart(curve: KmCurve) -> StepChart | None:
    """The share restored by each day (1 − survival), as a step line from day 0."""
    if not curve.steps:
        return None
    last = max(step.time for step in curve.steps) or 1
    inner = WIDTH - LEFT - RIGHT

    def x(day: int) -> float:
        return round(LEFT + day / last * inner, 1)

    path = [f"M{x(0)},{scale_y(0, 0, 1)}"]
    for step in curve.steps:
        path.append(f"H{x(step.time)}")
        path.append(f"V{scale_y(1 - step.survival, 0, 1)}")
    path.append(f"H{x(last)}")
    return StepChart(
        path=" ".join(path),
        gridlines=[Gridline(scale_y(v / 4, 0, 1), f"{v * 25}%") for v in range(5)],
        last_day=last,
    )


@dataclass(frozen=True)
class Bar:
    label: str
    first_x: float
    latest_x: float
    y: float


def domain_change_bars(
    rows: list[tuple[str, float | None, float | None]], *, low: int, high: int
) -> list[Bar]:
    """A dumbbell per domain: first mean → latest mean on the scale (hidden rows skipped)."""
    inner = WIDTH - 130 - RIGHT

    def x(value: float) -> float:
        return round(130 + (value - low) / ((high - low) or 1) * inner, 1)

    return [
        Bar(label=label, first_x=x(first), latest_x=x(latest), y=20 + 24 * index)
        for index, (label, first, latest) in enumerate(rows)
        if first is not None and latest is not None
    ]

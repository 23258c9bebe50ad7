"""Geometry for the indicator dashboards' server-rendered SVG charts.

The templates draw; this module only turns numbers into coordinates, so the
charts need no JavaScript and no chart library. Every chart is also shown as
a table beside it. A suppressed count draws nothing that would give it away.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

# The restoration dashboard draws on the card of the case file's trajectory chart.
from amparo.aftercare.charts import BOTTOM, HEIGHT, LEFT, RIGHT, Gridline, scale_y
from amparo.aftercare.charts import WIDTH as CARD_WIDTH
from amparo.reporting.suppression import Cell
from amparo.reporting.survival import KmCurve

WIDTH = 360  # viewBox units; about one CSS pixel on a phone
ROW = 40
LABEL_GAP = 14
BAR_HEIGHT = 16
VALUE_ROOM = 60


@dataclass(frozen=True)
class Bar:
    label: str
    value: str  # as shown: "[c]" when hidden
    y: int
    text_y: int
    width: float
    value_x: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int


def bar_chart(rows: list[tuple[str, Cell]], *, suffix: str = "") -> BarChart:
    """Horizontal bars, label above each bar; a suppressed count draws no bar."""
    largest = max((c.value for _label, c in rows if not c.suppressed), default=0) or 1
    room = WIDTH - VALUE_ROOM
    bars = []
    for index, (label, count) in enumerate(rows):
        y = index * ROW
        width = 0.0 if count.suppressed else room * count.value / largest
        bars.append(
            Bar(
                label=label,
                value=f"{count}{suffix}",
                y=y + LABEL_GAP + 4,
                text_y=y + LABEL_GAP,
                width=round(width, 1),
                value_x=round(width + 6, 1),
            )
        )
    return BarChart(bars=bars, width=WIDTH, height=max(ROW, len(rows) * ROW))


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class KmChart:
    path: str
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    half_y: float
    median_x: float | None
    ticks: list[Tick]


KM_HEIGHT = 200
KM_LEFT, KM_RIGHT, KM_TOP, KM_BOTTOM = 40, WIDTH - 10, 10, KM_HEIGHT - 30


def _ticks(horizon: int) -> list[tuple[int, str]]:
    if horizon >= 730:
        return [(365 * n, _("%(n)s y") % {"n": n}) for n in range(0, horizon // 365 + 1)]
    step = 90 if horizon >= 180 else 30
    return [(d, _("%(n)s d") % {"n": d}) for d in range(0, horizon + 1, step)]


def km_chart(curve: KmCurve) -> KmChart | None:
    """A step line of the share still waiting, from 100% at day 0; None without data."""
    if not curve.steps:
        return None
    horizon = max(curve.steps[-1].time, 30)

    def x(day: float) -> float:
        return round(KM_LEFT + (KM_RIGHT - KM_LEFT) * day / horizon, 1)

    def y(survival: float) -> float:
        return round(KM_TOP + (KM_BOTTOM - KM_TOP) * (1 - survival), 1)

    points = [f"M{x(0)},{y(1.0)}"]
    survival = 1.0
    for step in curve.steps:
        if step.survival != survival:
            points.append(f"H{x(step.time)}")
            points.append(f"V{y(step.survival)}")
            survival = step.survival
    points.append(f"H{x(curve.steps[-1].time)}")
    median = curve.median
    return KmChart(
        path=" ".join(points),
        width=WIDTH,
        height=KM_HEIGHT,
        left=KM_LEFT,
        right=KM_RIGHT,
        top=KM_TOP,
        bottom=KM_BOTTOM,
        half_y=y(0.5),
        median_x=None if median is None else x(median),
        ticks=[Tick(x=x(day), label=label) for day, label in _ticks(horizon)],
    )


@dataclass(frozen=True)
class StepChart:
    path: str
    gridlines: list[Gridline]
    last_day: int
    width: int = CARD_WIDTH
    height: int = HEIGHT

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM


def km_step_chart(curve: KmCurve) -> StepChart | None:
    """The share restored by each day (1 − survival), as a step line from day 0."""
    if not curve.steps:
        return None
    last = max(step.time for step in curve.steps) or 1
    inner = CARD_WIDTH - LEFT - RIGHT

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
class DomainBar:
    label: str
    first_x: float
    latest_x: float
    y: float


def domain_change_bars(
    rows: list[tuple[str, float | None, float | None]], *, low: int, high: int
) -> list[DomainBar]:
    """A dumbbell per domain: first mean → latest mean on the scale (hidden rows skipped)."""
    inner = CARD_WIDTH - 130 - RIGHT

    def x(value: float) -> float:
        return round(130 + (value - low) / ((high - low) or 1) * inner, 1)

    return [
        DomainBar(label=label, first_x=x(first), latest_x=x(latest), y=20 + 24 * index)
        for index, (label, first, latest) in enumerate(rows)
        if first is not None and latest is not None
    ]

"""The dashboards' former charts, from ``KmCurve`` and score means, until they move to tables.

Import them from ``amparo.reporting.charts``. Like every chart, their
coordinates are ``svg_number`` strings, so they draw in every language. They
go once the justice and restoration dashboards use ``incidence_chart`` and
``dumbbell_chart``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from amparo.aftercare.charts import BOTTOM, HEIGHT, LEFT, RIGHT, Gridline, scale_y
from amparo.aftercare.charts import WIDTH as CARD_WIDTH
from amparo.core.svg import svg_number
from amparo.reporting.chart_parts import WIDTH, Tick, percent_label
from amparo.reporting.survival import KmCurve


@dataclass(frozen=True)
class KmChart:
    path: str
    width: str
    height: str
    left: str
    right: str
    top: str
    bottom: str
    half_y: str
    label_x: str
    top_label_y: str
    tick_y: str
    median_x: str | None
    ticks: list[Tick]
    view_box: str


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

    def x(day: float) -> str:
        return svg_number(KM_LEFT + (KM_RIGHT - KM_LEFT) * day / horizon)

    def y(survival: float) -> str:
        return svg_number(KM_TOP + (KM_BOTTOM - KM_TOP) * (1 - survival))

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
        width=svg_number(WIDTH),
        height=svg_number(KM_HEIGHT),
        left=svg_number(KM_LEFT),
        right=svg_number(KM_RIGHT),
        top=svg_number(KM_TOP),
        bottom=svg_number(KM_BOTTOM),
        half_y=y(0.5),
        label_x=svg_number(KM_LEFT - 4),
        top_label_y=svg_number(KM_TOP + 4),
        tick_y=svg_number(KM_BOTTOM + 16),
        median_x=None if median is None else x(median),
        ticks=[Tick(at=x(day), label=label) for day, label in _ticks(horizon)],
        view_box=f"0 0 {svg_number(WIDTH)} {svg_number(KM_HEIGHT)}",
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

    def x(day: int) -> str:
        return svg_number(LEFT + day / last * inner)

    path = [f"M{x(0)},{svg_number(scale_y(0, 0, 1))}"]
    for step in curve.steps:
        path.append(f"H{x(step.time)}")
        path.append(f"V{svg_number(scale_y(1 - step.survival, 0, 1))}")
    path.append(f"H{x(last)}")
    return StepChart(
        path=" ".join(path),
        gridlines=[
            Gridline(svg_number(scale_y(v / 4, 0, 1)), percent_label(v / 4)) for v in range(5)
        ],
        last_day=last,
    )


@dataclass(frozen=True)
class DomainBar:
    label: str
    first_x: str
    latest_x: str
    y: str


def domain_change_bars(
    rows: list[tuple[str, float | None, float | None]], *, low: int, high: int
) -> list[DomainBar]:
    """A dumbbell per domain: first mean → latest mean on the scale (hidden rows skipped)."""
    inner = CARD_WIDTH - 130 - RIGHT

    def x(value: float) -> str:
        return svg_number(130 + (value - low) / ((high - low) or 1) * inner)

    return [
        DomainBar(label=label, first_x=x(first), latest_x=x(latest), y=svg_number(20 + 24 * index))
        for index, (label, first, latest) in enumerate(rows)
        if first is not None and latest is not None
    ]

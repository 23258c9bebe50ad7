"""Small-cell suppression: the one rule for figures that may leave an organisation.

A count below ``settings.AMPARO_REPORT_MIN_CELL`` (default 11, as CTDC uses
for public release) could point at a single survivor, so it is hidden, and so
is anything computed from it (a rate, a median, a time-to-event curve).

A hidden count is always a ``Cell`` with ``suppressed`` set. Pages and CSV
print it with ``str()`` (``"<11"``); the API gives ``Cell.shown`` (``null``).
Nothing else decides how a hidden count looks.
"""

from dataclasses import dataclass

from django.conf import settings

from amparo.reporting.survival import KmCurve


def min_cell() -> int:
    """The smallest count that may be shown when suppression is on."""
    return settings.AMPARO_REPORT_MIN_CELL


@dataclass(frozen=True)
class Cell:
    """A count that knows whether it may be shown."""

    value: int
    suppressed: bool = False

    def __str__(self) -> str:
        return f"<{min_cell()}" if self.suppressed else str(self.value)

    @property
    def shown(self) -> int | None:
        """The count as the API gives it: ``None`` when hidden."""
        return None if self.suppressed else self.value


def cell(value: int, *, suppress: bool) -> Cell:
    """``value`` as a cell, hidden when ``suppress`` and it is small but not zero.

    Zero is shown: it singles nobody out.
    """
    return Cell(value=value, suppressed=suppress and 0 < value < min_cell())


def share(numerator: Cell, denominator: Cell) -> float | None:
    """The ratio of two cells; ``None`` when either is hidden or the denominator is zero."""
    if numerator.suppressed or denominator.suppressed or not denominator.value:
        return None
    return numerator.value / denominator.value


def curve(estimate: KmCurve, *, suppress: bool) -> KmCurve:
    """``estimate``, or an empty curve when ``suppress`` and it rests on too few cases.

    Each step of a curve over a few cases could single one out.
    """
    if suppress and estimate.observations < min_cell():
        return KmCurve(steps=[], observations=0, events=0)
    return estimate


def percent(rate: float | None) -> str:
    """A rate as pages and CSV print it: ``—`` when hidden (or undefined)."""
    return "—" if rate is None else f"{rate:.0%}"

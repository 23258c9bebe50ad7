"""Small-cell suppression for figures that leave an organisation.

Counts below ``settings.AMPARO_REPORT_MIN_CELL`` (default 11, as CTDC uses for
public release) are hidden, and so is any rate computed from a hidden count.
"""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Cell:
    """A count that knows whether it may be shown."""

    value: int
    suppressed: bool = False

    def __str__(self) -> str:
        return f"<{settings.AMPARO_REPORT_MIN_CELL}" if self.suppressed else str(self.value)


def cell(value: int, *, suppress: bool) -> Cell:
    return Cell(value=value, suppressed=suppress and 0 < value < settings.AMPARO_REPORT_MIN_CELL)


def share(numerator: Cell, denominator: Cell) -> float | None:
    if numerator.suppressed or denominator.suppressed or not denominator.value:
        return None
    return numerator.value / denominator.value

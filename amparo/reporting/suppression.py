"""Small-cell suppression: the one rule for figures that may leave an organisation.

A count below ``settings.AMPARO_REPORT_MIN_CELL`` (default 11, as CTDC uses
for public release) could point at a single survivor, so it is hidden, and so
is anything computed from it (a rate, a median, a time-to-event curve).

Hiding the small cells is not enough: "12 with a verdict, 11 convicted"
gives away the one acquitted. ``protect`` hides enough other cells
(complementary suppression) that no hidden value follows from the shown ones
by addition or subtraction, across the relations a table declares
(``amparo.reporting.tables``).

A hidden count is always a ``Cell`` with ``suppressed`` set, and a figure
computed from one a ``Figure`` with ``hidden`` set. Pages, CSV and XLSX
print both as ``HIDDEN`` (``[c]``, the mark the UK's statistics office uses
for confidential cells: a complementary cell may be large, so ``<11`` would
be wrong); the API gives ``null``. Nothing else decides how a hidden figure
looks.
"""

from collections.abc import Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from django.conf import settings

from amparo.reporting.disclosure import Problem, hide_complementary
from amparo.reporting.survival import TimeToEvent

HIDDEN = "[c]"
NOT_DEFINED = "—"


def min_cell() -> int:
    """The smallest count that may be shown when suppression is on."""
    return settings.AMPARO_REPORT_MIN_CELL


@dataclass(frozen=True)
class Cell:
    """A count that knows whether it may be shown."""

    value: int
    suppressed: bool = False

    def __str__(self) -> str:
        return HIDDEN if self.suppressed else str(self.value)

    @property
    def shown(self) -> int | None:
        """The count as the API gives it: ``None`` when hidden."""
        return None if self.suppressed else self.value


@dataclass(frozen=True)
class Figure:
    """A number computed from counts (a share, a median, a mean).

    ``None`` when it is not defined (no denominator, a median not reached);
    ``hidden`` when it rests on a hidden count.
    """

    value: float | None
    hidden: bool = False

    def __str__(self) -> str:
        if self.hidden:
            return HIDDEN
        return NOT_DEFINED if self.value is None else f"{self.value:g}"

    @property
    def shown(self) -> float | None:
        """The number as the API gives it: ``None`` when hidden or not defined."""
        return None if self.hidden else self.value


CellKey = Hashable  # a cell's name within what is protected together, e.g. (table, row, column)


@dataclass(frozen=True)
class Relation:
    """``whole`` = the sum of ``parts``: what lets a hidden cell be recovered by arithmetic."""

    whole: CellKey
    parts: tuple[CellKey, ...]


Key = TypeVar("Key", bound=CellKey)


def protect(
    values: Mapping[Key, int],
    relations: Sequence[Relation],
    *,
    unpublished: Collection[Key] = (),
    fixed: Collection[Key] = (),
    threshold: int | None = None,
) -> frozenset[Key]:
    """The published cells to hide so that no small count can be known, nor a small group's sum.

    Primary: every cell with ``0 < value < threshold`` (default ``min_cell()``);
    zero is shown, it singles nobody out. Complementary: as many more as it
    takes, chosen to lose little (small, non-total, non-zero cells first),
    that no small cell, published or ``unpublished`` (never shown, but it
    follows from others), is determined by the shown cells through
    ``relations``, even using that counts are never negative; and no group of
    hidden cells has a small non-zero sum that the shown ones give away. The
    audit and the choice are in ``amparo.reporting.disclosure``.

    ``fixed`` cells are shown and stay shown (they were published before,
    in an earlier release): complementary cells are chosen among the others.

    Every cell a relation names must have a value, and the values must add
    up as the relations say. The same input always hides the same cells.
    """
    threshold = min_cell() if threshold is None else threshold
    named = {m for rel in relations for m in (rel.whole, *rel.parts)}
    if missing := named - set(values):
        raise ValueError(f"Relations name cells without a value: {sorted(map(repr, missing))}")
    keys = sorted(values, key=repr)
    number: dict[CellKey, int] = {key: i for i, key in enumerate(keys)}
    hidden_anyway = {number[k] for k in unpublished if k in number}
    coefficients = []
    for rel in relations:
        row = {number[rel.whole]: 1}
        for part in rel.parts:
            row[number[part]] = row.get(number[part], 0) - 1
        coefficients.append({c: a for c, a in row.items() if a})
    sensitive = {i for i, key in enumerate(keys) if 0 < values[key] < threshold}
    problem = Problem(
        values=[values[k] for k in keys],
        relations=coefficients,
        published=frozenset(range(len(keys))) - hidden_anyway,
        sensitive=frozenset(sensitive),
        totals=frozenset(number[rel.whole] for rel in relations),
        threshold=threshold,
        fixed=frozenset(number[k] for k in fixed if k in number),
    )
    hidden = hide_complementary(problem, sensitive - hidden_anyway)
    return frozenset(keys[i] for i in hidden)


def protect_curve(estimate: TimeToEvent, *, suppress: bool) -> TimeToEvent:
    """``estimate``, or no curve when ``suppress`` and it rests on too few records.

    Each step of a curve over a few records could single one out, and so
    could a step where fewer than the minimum were still followed: the curve
    is cut where the number at risk falls below it.
    """
    if not suppress:
        return estimate
    if estimate.observations < min_cell():
        return TimeToEvent.empty()
    keep = sum(1 for n in estimate.at_risk if n >= min_cell())
    if keep == len(estimate.times):
        return estimate
    last = estimate.times[keep - 1] if keep else -1

    def within(day: int | None) -> int | None:
        # A median (or its bound) in the cut tail would tell what the hidden steps hold.
        return day if day is not None and day <= last else None

    return replace(
        estimate,
        times=estimate.times[:keep],
        at_risk=estimate.at_risk[:keep],
        events=estimate.events[:keep],
        competing=estimate.competing[:keep],
        censored=estimate.censored[:keep],
        reached=estimate.reached[:keep],
        lower=estimate.lower[:keep],
        upper=estimate.upper[:keep],
        std_error=estimate.std_error[:keep],
        median=within(estimate.median),
        median_lower=within(estimate.median_lower),
        median_upper=within(estimate.median_upper),
    )

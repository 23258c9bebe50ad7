"""The disclosure audit behind complementary suppression, and the choice of cells it makes.

``amparo.reporting.suppression.protect`` hides the small counts of a report
(primary suppression). This module decides which *other* cells to hide
(complementary suppression) so that nobody can work a small count out from
what is shown, and says why the choice is safe.

The attacker's view
-------------------
A report declares how its cells add up: relations ``whole = sum(parts)``
(a table's total row, a row-total column, "with a verdict = convicted + not
convicted", the same figure in two tables). Write them as ``A · x = 0``.
Whoever reads the report knows ``A``, the shown cells, and that counts are
never negative. The hidden cells (suppressed or *unpublished*: never shown,
but linked to others) are the unknowns ``y``.

1. **Linear disclosure.** A hidden cell ``h`` is *determined* when every
   ``y`` with ``A·y = 0`` and ``y`` zero on the shown cells has ``y_h = 0``;
   equivalently, when the unit vector of ``h`` is a combination of the rows
   of ``A`` restricted to the hidden cells. Gauss–Jordan elimination of those
   rows to reduced row echelon form answers it exactly: ``h`` is determined
   iff its pivot row has no other entry. The elimination runs on
   ``fractions.Fraction`` so the answer is exact (floating point could call a
   determined cell free, or the reverse); tables are small enough (hundreds of
   cells) that this costs milliseconds.
2. **Non-negativity.** Counts are at least zero, which tells more than the
   equations do. Any fact ``sum(y over G) = s`` with all coefficients of
   one sign (e.g. "12 with a verdict, 11 convicted": the hidden parts add up to
   1) discloses that the group ``G`` holds ``s`` people: if ``0 < s <
   threshold`` that is a small count given away, and it is an exposure too.
   If ``s = 0``, every member of ``G`` is pinned to zero: they are known, and
   the audit runs again with them known (so "all the other hidden parts are
   zero" cannot hide a determined cell). The facts checked are the declared
   relations and the rows of the reduced echelon form.

The choice
----------
While the audit finds an exposure, hide a shown cell that breaks it: one
that the combination of relations disclosing it involves (a cell outside it
would not change what it discloses). Among those, information loss is kept
small: a non-zero cell before a zero (hiding a zero protects little and
loses a true zero), a cell that is no relation's whole before a total, one
that by itself lifts a disclosed small sum to the threshold, then the
smallest, then the first in a stable order. One cell is chosen per exposure
and round (an exposure already broken by this round's choice waits for the
next audit), and rounds repeat until the audit passes. Greedy choices can
hide more than needed (a later cell may protect what an earlier one was
chosen for), so the complementary cells are then offered back, totals and
large cells first, and each is shown again if the audit still passes; that
audit covers only the relations linked to the cell through hidden ones,
since nothing else changed. Cells are numbered in a stable order by the
caller, so the same report always hides the same cells.

Cost: a few milliseconds of CPU for a 30 × 6 table with totals
(``scripts/bench_suppression.py``).
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

# Exact rationals: int where the number is whole (the relations' ±1, most of what elimination
# makes of them), ``Fraction`` otherwise. Never a float.
Rational = int | Fraction
Coefficients = dict[int, Rational]  # sparse: cell number → coefficient


@dataclass
class _Fact:
    """``sum(coefs[c] · y_c) = a known number``, and how it was combined from the relations.

    ``lam`` maps a relation's number to its multiplier: with it the audit finds
    which shown cells the fact rests on, the only ones whose hiding breaks it.
    """

    coefs: Coefficients
    lam: Coefficients = field(default_factory=dict)


@dataclass(frozen=True)
class Problem:
    """Cells (numbered in a stable order) and how they add up.

    ``relations`` are rows of ``A``: coefficient per cell (+1 for a whole, -1
    for its parts). ``sensitive`` cells are the small counts to protect,
    published or not; ``totals`` are the cells that are a relation's whole.
    """

    values: Sequence[int]
    relations: Sequence[dict[int, int]]
    published: frozenset[int]
    sensitive: frozenset[int]
    totals: frozenset[int]
    threshold: int
    # Shown cells that may not be hidden: already published (an earlier release's cells).
    fixed: frozenset[int] = frozenset()

    @cached_property
    def relations_of(self) -> dict[int, list[int]]:
        """Cell → the numbers of the relations it is in."""
        found: dict[int, list[int]] = {}
        for number, relation in enumerate(self.relations):
            for cell in relation:
                found.setdefault(cell, []).append(number)
        return found


@dataclass(frozen=True)
class Exposure:
    """What the audit found: a determined small cell, or a small sum of a group of hidden cells."""

    cells: tuple[int, ...]
    lam: tuple[tuple[int, Rational], ...]
    disclosed_sum: int | None  # the sum the group discloses; None for a determined cell


def hide_complementary(problem: Problem, primary: set[int]) -> set[int]:
    """The published cells to hide: ``primary`` and enough more that the audit finds no exposure.

    Deterministic: the same problem always gives the same cells; no
    complementary cell could be shown again without an exposure. An
    exposure that no shown cell can break (only when the values do not add up
    as the relations say) is left, rather than looping for ever.
    """
    hidden = set(primary)
    while True:
        chosen: list[int] = []
        for exposure in audit(problem, hidden):
            combined = _combined(problem, exposure.lam)
            if any(combined.get(c) for c in chosen):
                continue  # already broken this round; the next audit tells if enough
            candidates = [
                c
                for c in combined
                if c in problem.published and c not in hidden and c not in problem.fixed
            ]
            if candidates:
                best = min(candidates, key=lambda c: _cost(problem, exposure, combined, c))
                chosen.append(best)
        if not chosen:
            break
        hidden.update(chosen)
    # The greedy choice can hide more than it needs (a later cell may protect what an earlier
    # one did): give back, most informative first, every complementary cell not needed.
    order = sorted(hidden - primary, key=lambda c: (c not in problem.totals, -problem.values[c], c))
    for cell in order:
        trial = hidden - {cell}
        if not audit(problem, trial, explain=False, near=cell):
            hidden = trial
    return hidden


def audit(
    problem: Problem, hidden: set[int], *, explain: bool = True, near: int | None = None
) -> list[Exposure]:
    """Every way the shown cells (all published cells not in ``hidden``) give a small count away.

    Empty when the suppression is safe: no sensitive cell is determined by
    linear combinations of the shown ones (allowing for cells that
    non-negativity pins to zero), and no fact with coefficients of one sign
    gives a group of hidden cells a small non-zero sum. Without ``explain``
    the exposures do not say which relations they rest on (``lam`` is empty):
    enough to know whether there is one, in about half the time. With
    ``near``, only the relations linked to that cell through unknown cells
    are audited: after showing one more cell of a safe suppression, nothing
    else can have changed.
    """
    unknown = set(hidden) | (set(range(len(problem.values))) - problem.published)
    numbers = range(len(problem.relations)) if near is None else _linked(problem, unknown, near)
    while True:
        pivots = _eliminate(_relation_facts(problem, numbers, unknown, explain))
        determined = {c for c, fact in pivots.items() if len(fact.coefs) == 1}
        facts = [f for f in pivots.values() if len(f.coefs) > 1]
        facts += _reduced(
            _relation_facts(problem, numbers, unknown - determined, explain), pivots, determined
        )
        pinned: set[int] = set()
        for fact in facts:
            if _one_sign(fact) and _sum(problem, fact) == 0:
                pinned.update(fact.coefs)
        if not pinned:
            break
        unknown -= pinned  # known to be zero: the attacker treats them as shown
    exposures = [
        Exposure(cells=(c,), lam=tuple(sorted(pivots[c].lam.items())), disclosed_sum=None)
        for c in sorted(determined)
        if c in problem.sensitive
    ]
    for fact in facts:
        total = _sum(problem, fact)
        total = -total if total < 0 else total  # whole: ±1 coefficients times whole counts
        units = all(v in (1, -1) for v in fact.coefs.values())
        if _one_sign(fact) and units and 0 < total < problem.threshold:
            exposures.append(
                Exposure(
                    cells=tuple(sorted(fact.coefs)),
                    lam=tuple(sorted(fact.lam.items())),
                    disclosed_sum=int(total),
                )
            )
    return exposures


def _linked(problem: Problem, unknown: set[int], cell: int) -> list[int]:
    """The relations that reach ``cell`` through unknown cells, in their order."""
    found: set[int] = set()
    reached, todo = {cell}, [cell]
    while todo:
        for number in problem.relations_of.get(todo.pop(), ()):
            if number not in found:
                found.add(number)
                fresh = [c for c in problem.relations[number] if c in unknown and c not in reached]
                reached.update(fresh)
                todo.extend(fresh)
    return sorted(found)


def _relation_facts(
    problem: Problem, numbers: Iterable[int], unknown: set[int], explain: bool
) -> list[_Fact]:
    """Each relation as a fact about the unknown cells (the known ones move to the other side)."""
    facts = []
    for number in numbers:
        relation = problem.relations[number]
        coefs: Coefficients = {c: a for c, a in relation.items() if c in unknown}
        if coefs:
            facts.append(_Fact(coefs=coefs, lam={number: 1} if explain else {}))
    return facts


def _eliminate(facts: list[_Fact]) -> dict[int, _Fact]:
    """Gauss–Jordan elimination to reduced row echelon form: pivot cell → its row.

    Incremental: each fact is reduced by the pivot rows found so far (which
    hold no other pivot cell, so one pass suffices); if anything is left, its
    lowest-numbered cell becomes a pivot, the row is scaled to 1 there, and
    that cell is eliminated from the earlier pivot rows, keeping the form
    reduced. A cell is determined iff its pivot row holds it alone.
    """
    pivots: dict[int, _Fact] = {}
    for fact in facts:
        row = _Fact(coefs=dict(fact.coefs), lam=dict(fact.lam))
        for cell in [c for c in row.coefs if c in pivots]:
            _subtract(row, pivots[cell], row.coefs[cell])
        if not row.coefs:
            continue  # a consequence of the earlier facts: it tells nothing new
        pivot = min(row.coefs)
        scale = _inverse(row.coefs[pivot])
        row.coefs = {c: v * scale for c, v in row.coefs.items()}
        row.lam = {r: v * scale for r, v in row.lam.items()}
        for other in pivots.values():
            if pivot in other.coefs:
                _subtract(other, row, other.coefs[pivot])
        pivots[pivot] = row
    return pivots


def _inverse(value: Rational) -> Rational:
    """``1 / value``, exact; an int while it can be one (almost every pivot is ±1, and ints are fast)."""
    if value in (1, -1):
        return int(value)
    return 1 / Fraction(value)


def _subtract(row: _Fact, source: _Fact, factor: Rational) -> None:
    """``row -= factor · source``, dropping the entries that become zero."""
    _add_multiple(row.coefs, source.coefs, -factor)
    if source.lam:
        _add_multiple(row.lam, source.lam, -factor)


def _add_multiple(target: Coefficients, extra: Coefficients, factor: Rational) -> None:
    # The innermost loop of the audit: kept plain. An entry that becomes 0 was there
    # before (factor and value are never 0), so it can be deleted.
    get = target.get
    for key, value in extra.items():
        new = get(key, 0) + factor * value
        if new:
            target[key] = new
        else:
            del target[key]


def _reduced(facts: list[_Fact], pivots: dict[int, _Fact], determined: set[int]) -> list[_Fact]:
    """The relations with the determined cells taken as known (their derivations folded into ``lam``)."""
    result = []
    for fact in facts:
        row = _Fact(coefs=dict(fact.coefs), lam=dict(fact.lam))
        for cell in [c for c in row.coefs if c in determined]:
            _subtract(row, pivots[cell], row.coefs[cell])
        if row.coefs:
            result.append(row)
    return result


def _one_sign(fact: _Fact) -> bool:
    signs = {v > 0 for v in fact.coefs.values()}
    return len(signs) == 1


def _sum(problem: Problem, fact: _Fact) -> Rational:
    """The fact's known side, from the true values (the relations hold for them)."""
    total: Rational = 0
    for c, v in fact.coefs.items():
        total += v * problem.values[c]
    return total


def _combined(problem: Problem, lam: tuple[tuple[int, Rational], ...]) -> Coefficients:
    """The combination ``lam`` of the relations over every cell: the cells the fact rests on."""
    combined: Coefficients = {}
    for number, multiplier in lam:
        for c, a in problem.relations[number].items():
            new = combined.get(c, 0) + multiplier * a
            if new:
                combined[c] = new
            else:
                combined.pop(c, None)
    return combined


def _cost(
    problem: Problem, exposure: Exposure, combined: Coefficients, cell: int
) -> tuple[bool, bool, bool, int, int]:
    """How much hiding ``cell`` loses, smallest first (see the module's docstring)."""
    value = problem.values[cell]
    enough = True
    if exposure.disclosed_sum is not None:
        # Hidden with the group's sign, the cell joins the group; with the other sign
        # the fact stops being a sum at all.
        group_sign = combined[exposure.cells[0]] > 0
        joins = (combined[cell] > 0) == group_sign
        enough = not joins or exposure.disclosed_sum + value >= problem.threshold
    return (value == 0, cell in problem.totals, not enough, value, cell)

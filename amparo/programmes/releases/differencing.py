"""The differencing check: a draft's cells against every cell already published.

Two cells that count overlapping sets of records (overlapping periods, a
total beside its departments, version 2 beside version 1, convictions among
verdicts) tell apart the records in one and not the other. So the check works
record by record: within one unit of record (``measures.Measure.unit``) each
record's *signature* is the set of cells that count it, each distinct
signature a *region* (a group of records nobody publishes, whose size is
what an attacker would like to know), and every cell is the sum of its
regions. ``amparo.reporting.suppression.protect`` then hides the draft's
small cells and enough others that no small cell and no region smaller than
k can be worked out from all shown cells; earlier releases' shown cells are
fixed (they are public already), their hidden ones stay hidden.

Fixed cells can leave an exposure no draft cell can break (an earlier
release showed a total the draft's departments would complete);
``exposures`` names it, and such a draft cannot be approved.

Pure: members in, keys out. Solved one unit at a time; identical signatures
are one region, so the size of the problem is the number of cells and
distinct overlaps, not of records.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from amparo.reporting.disclosure import Problem, audit
from amparo.reporting.suppression import Relation, protect

DRAFT = 0  # the version tag of the draft's own cells


@dataclass(frozen=True, order=True)
class CellKey:
    """One cell of one release: ``version`` is ``DRAFT`` for the draft being checked."""

    version: int
    measure: str
    start: datetime.date
    end: datetime.date
    area: str


@dataclass(frozen=True)
class Counted:
    key: CellKey
    unit: str
    members: frozenset[int]
    shown: bool = True  # for an earlier release's cell: whether it was published


@dataclass(frozen=True)
class Finding:
    """A group of ``group`` records that the draft's ``cells`` would expose with ``versions``."""

    cells: tuple[CellKey, ...]
    versions: tuple[int, ...]
    group: int


@dataclass(frozen=True)
class _Unit:
    values: dict[object, int]
    relations: list[Relation]
    unpublished: set[object]
    fixed: set[object]


def _by_unit(cells: Iterable[Counted]) -> dict[str, list[Counted]]:
    grouped: dict[str, list[Counted]] = defaultdict(list)
    for cell in cells:
        grouped[cell.unit].append(cell)
    return grouped


def _unit_problem(unit: str, cells: list[Counted]) -> _Unit:
    signatures: dict[int, set[CellKey]] = defaultdict(set)
    for cell in cells:
        for record in cell.members:
            signatures[record].add(cell.key)
    regions: dict[frozenset[CellKey], int] = defaultdict(int)
    for signature in signatures.values():
        regions[frozenset(signature)] += 1
    names = {sig: ("region", unit, i) for i, sig in enumerate(sorted(regions, key=sorted))}
    values: dict[object, int] = {name: regions[sig] for sig, name in names.items()}
    parts: dict[CellKey, list[object]] = defaultdict(list)
    for sig, name in names.items():
        for key in sig:
            parts[key].append(name)
    relations = []
    for cell in cells:
        values[cell.key] = len(cell.members)
        relations.append(Relation(cell.key, tuple(sorted(parts[cell.key], key=repr))))
    unpublished: set[object] = set(names.values()) | {
        c.key for c in cells if c.key.version != DRAFT and not c.shown
    }
    fixed: set[object] = {c.key for c in cells if c.key.version != DRAFT and c.shown}
    return _Unit(values, relations, unpublished, fixed)


def hidden_cells(draft: Iterable[Counted], earlier: Iterable[Counted], *, k: int) -> set[CellKey]:
    """The draft's cells to hide so that nothing smaller than ``k`` follows from all cells shown."""
    hidden: set[CellKey] = set()
    for unit, cells in _by_unit([*draft, *earlier]).items():
        problem = _unit_problem(unit, cells)
        chosen = protect(
            problem.values,
            problem.relations,
            unpublished=problem.unpublished,
            fixed=problem.fixed,
            threshold=k,
        )
        hidden |= {c for c in chosen if isinstance(c, CellKey) and c.version == DRAFT}
    return hidden


def exposures(
    draft: Iterable[Counted],
    earlier: Iterable[Counted],
    *,
    hidden: set[CellKey],
    k: int,
) -> list[Finding]:
    """What the draft, showing every cell but ``hidden``, would give away with the earlier cells.

    Empty when it is safe. Each finding names the draft's cells and the
    earlier versions whose arithmetic discloses a group smaller than ``k``.
    """
    found: list[Finding] = []
    for unit, cells in sorted(_by_unit([*draft, *earlier]).items()):
        unit_problem = _unit_problem(unit, cells)
        problem, keys = _numbered(unit_problem, k)
        unknown = {i for i, key in enumerate(keys) if key in hidden}
        for exposure in audit(problem, unknown):
            wholes = [unit_problem.relations[n].whole for n, _ in exposure.lam]
            if exposure.lam == () and exposure.cells:
                wholes = [keys[c] for c in exposure.cells]
            mine = sorted({w for w in wholes if isinstance(w, CellKey) and w.version == DRAFT})
            if not mine:
                continue  # nothing the draft shows takes part in it
            versions = sorted(
                {w.version for w in wholes if isinstance(w, CellKey) and w.version != DRAFT}
            )
            group = exposure.disclosed_sum
            if group is None:
                group = problem.values[exposure.cells[0]]
            found.append(Finding(tuple(mine), tuple(versions), group))
    return found


def _numbered(unit: _Unit, k: int) -> tuple[Problem, list[object]]:
    """The unit as ``disclosure`` sees it, numbered as ``protect`` numbers it."""
    keys = sorted(unit.values, key=repr)
    number: Mapping[object, int] = {key: i for i, key in enumerate(keys)}
    coefficients = []
    for rel in unit.relations:
        row = {number[rel.whole]: 1}
        for part in rel.parts:
            row[number[part]] = row.get(number[part], 0) - 1
        coefficients.append({c: a for c, a in row.items() if a})
    values = [unit.values[key] for key in keys]
    problem = Problem(
        values=values,
        relations=coefficients,
        published=frozenset(range(len(keys))) - {number[key] for key in unit.unpublished},
        sensitive=frozenset(i for i, v in enumerate(values) if 0 < v < k),
        totals=frozenset(number[rel.whole] for rel in unit.relations),
        threshold=k,
        fixed=frozenset(number[key] for key in unit.fixed),
    )
    return problem, keys

"""k-anonymity for case-level releases: generalise first, then suppress what is still rare.

A record-level file leaves the organisation only if every combination of its
quasi-identifiers (the columns someone could know of a person from outside:
gender, age band, citizenship, place, year) is shared by at least ``k``
records, as CTDC does for its global dataset (k = 11). ``k_anonymise``
applies a release's generalisation steps in their order (wider age bands,
the country instead of the department, …), each to every record, until few
enough records remain in rare combinations; then it leaves out (suppresses)
those records. The result says which steps were applied and how many
records were left out, so the file can state it.

This is the one place that decides it: every figure that leaves an
organisation goes through ``amparo.reporting``.
"""

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

Row = dict[str, str]


@dataclass(frozen=True)
class Generalisation:
    """One step: ``column``'s every value replaced by a coarser one (``coarser(value)``)."""

    column: str
    label: Any  # a lazy translation, e.g. "ages in wider bands"
    coarser: Callable[[str], str]


@dataclass(frozen=True)
class KAnonymity:
    """What a release protects: its quasi-identifier columns and how each may be coarsened."""

    quasi_identifiers: tuple[str, ...]
    steps: tuple[Generalisation, ...] = ()
    # Generalise until at most this share of records would need suppressing.
    max_suppressed_share: float = 0.05


@dataclass
class KAnonymised:
    rows: list[Row]
    k: int
    applied: list[Generalisation] = field(default_factory=list)
    suppressed: int = 0


def release_k() -> int:
    """The k every case-level release must reach (``AMPARO_RELEASE_K``, 11 by default)."""
    return int(getattr(settings, "AMPARO_RELEASE_K", 11))


def class_sizes(rows: Sequence[Row], quasi_identifiers: Sequence[str]) -> Counter[tuple[str, ...]]:
    """How many rows share each combination of the quasi-identifiers."""
    return Counter(tuple(row.get(c, "") for c in quasi_identifiers) for row in rows)


def k_anonymise(rows: Sequence[Row], *, spec: KAnonymity, k: int | None = None) -> KAnonymised:
    """``rows`` made k-anonymous on ``spec.quasi_identifiers``; the input is not changed.

    Guarantees: every combination of quasi-identifiers in the result is
    shared by at least ``k`` rows (or the result is empty); generalisation
    steps are tried, in order, before any row is suppressed, and a step is
    applied only while more than ``spec.max_suppressed_share`` of the rows
    are in combinations rarer than ``k``; the rows kept are in their order.
    """
    k = release_k() if k is None else k
    if k < 1:
        raise ValueError("k must be at least 1.")
    current = [dict(row) for row in rows]
    applied: list[Generalisation] = []
    steps = list(spec.steps)
    while True:
        sizes = class_sizes(current, spec.quasi_identifiers)
        rare = sum(n for n in sizes.values() if n < k)
        if not rare or rare <= spec.max_suppressed_share * len(current) or not steps:
            break
        step = steps.pop(0)
        for row in current:
            row[step.column] = step.coarser(row.get(step.column, ""))
        applied.append(step)
    sizes = class_sizes(current, spec.quasi_identifiers)
    kept = [r for r in current if sizes[tuple(r.get(c, "") for c in spec.quasi_identifiers)] >= k]
    return KAnonymised(rows=kept, k=k, applied=applied, suppressed=len(current) - len(kept))

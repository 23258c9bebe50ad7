"""Tables: the one shape every figure takes, on the page, in CSV and XLSX, and in the API.

A domain module counts (its queries, its vocabularies, its definitions) and
hands the counts to ``count_table``. Reporting does the rest from the same
``Table``: suppression (``protect_tables``), the shares computed after it,
charts (``amparo.reporting.charts``), exports (``amparo.reporting.exports``)
and the API (``amparo.reporting.api.common``). So a page, its CSV, its XLSX
and its API can never disagree, and nothing hidden on one shows on another.

How the cells of a table add up is declared, not guessed: with ``total`` the
rows of every count column add up to the total row; with ``row_total`` the
count columns of a row add up to that column; ``relations`` say anything else
("cases with a verdict = convicted + not convicted", the second an
*unpublished* column that is never shown but that suppression must protect).
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal, cast

from amparo.reporting.suppression import (
    Cell,
    CellKey,
    Figure,
    Relation,
    protect,
)

Kind = Literal["count", "share", "days", "number", "text"]
Value = Cell | Figure | str


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``count`` columns hold ``Cell``; ``share`` columns are computed after
    suppression from ``of`` (a count column of the same row) over ``over`` (a
    count column of the same row) or, with ``over`` empty, over the ``of``
    column of the total row. ``days`` and ``number`` hold ``Figure`` (a
    median, a mean); ``text`` holds a plain string (a label, a period).
    An unpublished column links cells for suppression and is never shown.
    """

    key: str
    label: str
    kind: Kind = "count"
    of: str = ""
    over: str = ""
    published: bool = True
    help: str = ""


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    values: Mapping[str, Value]

    def __getitem__(self, column: str) -> Value:
        return self.values[column]


@dataclass(frozen=True)
class Table:
    """A titled table of labelled rows; ``suppressed`` once ``protect_tables`` hid its small cells."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    total: Row | None = None
    row_total: str = ""
    relations: tuple[Relation, ...] = ()
    description: str = ""
    suppressed: bool = False
    row_heading: str = ""  # what the row labels are ("Status"): heads them in CSV and XLSX

    @property
    def published_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.published)

    def row(self, key: str) -> Row:
        return next(r for r in self.all_rows if r.key == key)

    @property
    def all_rows(self) -> tuple[Row, ...]:
        return (*self.rows, self.total) if self.total else self.rows

    def cell(self, row: str, column: str) -> Value:
        return self.row(row).values[column]

    def counts(self) -> dict[tuple[str, str], int]:
        """Every count (published or not) keyed by (row, column)."""
        return {
            (r.key, c.key): count_in(r, c.key).value
            for r in self.all_rows
            for c in self.columns
            if c.kind == "count"
        }

    def structure(self) -> list[Relation]:
        """The declared relations plus those implied by ``total`` and ``row_total``."""
        counts = [c.key for c in self.columns if c.kind == "count"]
        relations = list(self.relations)
        if self.total:
            for column in counts:
                relations.append(
                    Relation(
                        whole=(self.total.key, column),
                        parts=tuple((r.key, column) for r in self.rows),
                    )
                )
        if self.row_total:
            parts = [c for c in counts if c != self.row_total and self._in_row_total(c)]
            for r in self.all_rows:
                relations.append(
                    Relation(whole=(r.key, self.row_total), parts=tuple((r.key, c) for c in parts))
                )
        return relations

    def _in_row_total(self, column: str) -> bool:
        # Unpublished columns are parts of another relation, not of the row total.
        return next(c for c in self.columns if c.key == column).published


def count_table(
    *,
    key: str,
    title: str,
    columns: Sequence[Column],
    rows: Iterable[tuple[str, str, Mapping[str, int | float | str | None]]],
    total: tuple[str, str] | None = None,
    row_total: str = "",
    relations: Sequence[Relation] = (),
    description: str = "",
    row_heading: str = "",
) -> Table:
    """A table from raw values: ints for count columns, numbers or None for days/number, str for text.

    ``total`` is the (key, label) of a total row computed here as the sum of
    the rows (its count columns only). Share columns are left empty until
    ``protect_tables`` fills them.
    """
    built = []
    for row_key, label, raw in rows:
        built.append(Row(key=row_key, label=label, values=_values(columns, raw)))
    total_row = None
    if total:
        sums: dict[str, int | float | str | None] = {
            c.key: sum(count_in(r, c.key).value for r in built)
            for c in columns
            if c.kind == "count"
        }
        total_row = Row(key=total[0], label=total[1], values=_values(columns, sums))
    return Table(
        key=key,
        title=title,
        columns=tuple(columns),
        rows=tuple(built),
        total=total_row,
        row_total=row_total,
        relations=tuple(relations),
        description=description,
        row_heading=row_heading,
    )


def _values(columns: Sequence[Column], raw: Mapping[str, int | float | str | None]) -> dict:
    values: dict[str, Value] = {}
    for c in columns:
        item = raw.get(c.key)
        if c.kind == "count":
            values[c.key] = Cell(int(item or 0))
        elif c.kind == "text":
            values[c.key] = "" if item is None else str(item)
        elif c.kind == "share":
            values[c.key] = Figure(None)
        else:
            values[c.key] = Figure(None if item is None else float(item))
    return values


@dataclass(frozen=True)
class Link:
    """Cells of different tables that add up: ``whole`` = sum of ``parts``, each (table, row, column).

    The same figure shown in two tables is a link with one part.
    """

    whole: tuple[str, str, str]
    parts: tuple[tuple[str, str, str], ...]


def protect_tables(
    tables: Sequence[Table], *, suppress: bool, links: Sequence[Link] = ()
) -> list[Table]:
    """The tables with small cells hidden (and enough others that none can be derived), shares filled.

    Without ``suppress`` (exact counts, inside the organisation) only the
    shares are filled. With it, the tables of one report are protected
    together, across ``links``: a figure hidden in one is hidden everywhere
    it could be recovered from. A figure computed from a hidden count (a
    share, a median, a mean declared ``depends`` on it) is hidden as well.
    """
    hidden: frozenset[Hashable] = frozenset()
    if suppress:
        values: dict[Hashable, int] = {}
        relations: list[Relation] = []
        unpublished: set[Hashable] = set()
        for t in tables:
            for (row, column), value in t.counts().items():
                values[(t.key, row, column)] = value
            for rel in t.structure():
                relations.append(
                    Relation(
                        whole=_in_table(t.key, rel.whole),
                        parts=tuple(_in_table(t.key, p) for p in rel.parts),
                    )
                )
            for r in t.all_rows:
                for c in t.columns:
                    if c.kind == "count" and not c.published:
                        unpublished.add((t.key, r.key, c.key))
        for link in links:
            relations.append(Relation(whole=link.whole, parts=link.parts))
        hidden = protect(values, relations, unpublished=unpublished)
    return [_apply(t, hidden, suppress=suppress) for t in tables]


def _in_table(table: str, key: CellKey) -> tuple[str, str, str]:
    """A table's (row, column) key named within the whole report."""
    row, column = cast(tuple[str, str], key)
    return (table, row, column)


def count_in(row: Row, column: str) -> Cell:
    """The count in ``column`` of ``row`` (a count column always holds a ``Cell``)."""
    value = row.values[column]
    if not isinstance(value, Cell):
        raise TypeError(f"{column!r} is not a count column")
    return value


def _apply(table: Table, hidden: frozenset[Hashable], *, suppress: bool) -> Table:
    def hide(row: Row) -> Row:
        values = dict(row.values)
        for c in table.columns:
            if c.kind == "count" and (table.key, row.key, c.key) in hidden:
                values[c.key] = Cell(count_in(row, c.key).value, suppressed=True)
        return replace(row, values=values)

    rows = tuple(hide(r) for r in table.rows)
    total = hide(table.total) if table.total else None
    rows = tuple(_shares(table, r, total) for r in rows)
    total = _shares(table, total, total) if total else None
    return replace(table, rows=rows, total=total, suppressed=suppress)


def _shares(table: Table, row: Row, total: Row | None) -> Row:
    values = dict(row.values)
    for c in table.columns:
        if c.kind != "share":
            continue
        numerator = count_in(row, c.of)
        denominator = (
            count_in(row, c.over) if c.over else (count_in(total, c.of) if total else None)
        )
        values[c.key] = share_of(numerator, denominator)
    return replace(row, values=values)


def share_of(numerator: Cell, denominator: Cell | None) -> Figure:
    """``numerator / denominator``; hidden when either is, undefined (None) when the denominator is 0."""
    if denominator is None:
        return Figure(None)
    if numerator.suppressed or denominator.suppressed:
        return Figure(None, hidden=True)
    if not denominator.value:
        return Figure(None)
    return Figure(numerator.value / denominator.value)


def sort_rows(table: Table, column: str, *, descending: bool = True) -> Table:
    """Rows ordered by ``column`` as shown: hidden rows go last, in label order.

    Sorting by a hidden cell's true value would tell where it lies.
    """

    def key(row: Row) -> tuple:
        value = row.values[column]
        if isinstance(value, Cell) and value.suppressed:
            return (1, 0, row.label)
        number = value.value if isinstance(value, Cell | Figure) else 0
        number = number or 0
        return (0, -number if descending else number, row.label)

    return replace(table, rows=tuple(sorted(table.rows, key=key)))


@dataclass
class Report:
    """The tables (and curves) of one dashboard, as pages, exports and the API give them.

    ``filters`` says, in the user's words, what was chosen; ``view`` is
    ``cohort`` (what happened to the cases that started in the period) or
    ``period`` (what happened in the period), and every page says which.
    """

    key: str
    title: str
    tables: list[Table]
    suppressed: bool
    filters: list[tuple[str, str]] = field(default_factory=list)
    view: str = ""
    curves: dict = field(default_factory=dict)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

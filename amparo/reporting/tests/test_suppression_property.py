"""The attacker's side of complementary suppression: no hidden small count can be recovered.

Hypothesis builds random reports (1-D and 2-D tables with totals, a nested
unpublished complement, a second breakdown of the same total linked across
tables; zeros and small cells), protects them as a report would, and then
tries to recover every small count with a solver that shares nothing with
``amparo.reporting.disclosure``: numpy's rank for linear combinations, and
scipy's linear programming for the bounds non-negativity gives.
"""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from amparo.reporting.suppression import Cell, Figure, Relation
from amparo.reporting.tables import Column, Link, count_table, protect_tables, sort_rows
from amparo.reporting.tests.attacker import MIN, attack

counts = st.one_of(st.just(0), st.integers(1, MIN - 1), st.integers(MIN, 60))


@st.composite
def flat_table(draw, key="flat"):
    """One count column, a share of the total, and maybe 'yes' with an unpublished 'no'."""
    nested = draw(st.booleans())
    columns = [Column("n", "N"), Column("share", "Share", kind="share", of="n")]
    relations = []
    rows = []
    n_rows = draw(st.integers(1, 6))
    if nested:
        columns += [Column("yes", "Yes"), Column("no", "No", published=False)]
    for i in range(n_rows):
        if nested:
            yes, no = draw(counts), draw(counts)
            raw = {"n": yes + no, "yes": yes, "no": no}
        else:
            raw = {"n": draw(counts)}
        rows.append((f"r{i}", f"Row {i}", raw))
    if nested:
        for r in [*(row[0] for row in rows), "total"]:
            relations.append(Relation(whole=(r, "n"), parts=((r, "yes"), (r, "no"))))
    return count_table(
        key=key,
        title=key,
        columns=columns,
        rows=rows,
        total=("total", "Total"),
        relations=relations,
    )


@st.composite
def grid_table(draw, key="grid"):
    """Up to 6 × 5 counts with a row-total column and a total row.

    Nested: the first column also splits into a shown part and an unpublished
    rest (the row sums are then declared as relations, not ``row_total``).
    """
    n_rows, n_cols = draw(st.integers(1, 6)), draw(st.integers(1, 5))
    nested = draw(st.booleans())
    parts = [f"c{j}" for j in range(n_cols)]
    columns = [Column(c, c.upper()) for c in parts] + [Column("all", "All")]
    if nested:
        columns += [Column("part", "Part"), Column("rest", "Rest", published=False)]
    rows = []
    for i in range(n_rows):
        raw = {c: draw(counts) for c in parts}
        raw["all"] = sum(raw.values())
        if nested:
            raw["part"] = draw(st.integers(0, raw["c0"]))
            raw["rest"] = raw["c0"] - raw["part"]
        rows.append((f"r{i}", f"Row {i}", raw))
    relations = []
    if nested:
        for r in [*(row[0] for row in rows), "total"]:
            relations.append(Relation(whole=(r, "all"), parts=tuple((r, c) for c in parts)))
            relations.append(Relation(whole=(r, "c0"), parts=((r, "part"), (r, "rest"))))
    return count_table(
        key=key,
        title=key,
        columns=columns,
        rows=rows,
        total=("total", "Total"),
        row_total="" if nested else "all",
        relations=relations,
    )


@st.composite
def report(draw):
    """One or two tables; with two, the second breaks the first's total down again, linked."""
    first = draw(st.one_of(flat_table(), grid_table()))
    if not draw(st.booleans()):
        return [first], []
    column = "all" if first.key == "grid" else "n"
    whole = first.cell("total", column).value
    cuts = sorted(draw(st.lists(st.integers(0, whole), min_size=0, max_size=4)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, whole], strict=True)]
    second = count_table(
        key="again",
        title="again",
        columns=[Column("n", "N")],
        rows=[(f"p{i}", f"Part {i}", {"n": v}) for i, v in enumerate(parts)],
        total=("total", "Total"),
    )
    link = Link(whole=(first.key, "total", column), parts=(("again", "total", "n"),))
    return [first, second], [link]


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(report())
def test_no_hidden_small_count_can_be_recovered(settings_min_cell, drawn):
    tables, links = drawn
    protected = protect_tables(tables, suppress=True, links=links)
    values, relations, shown, results = attack(protected, links)
    assert not any(0 < values[k] < MIN for k in shown), "a small count is shown"
    for key, (determined, low, high) in results.items():
        assert not determined, f"{key} follows from the shown cells"
        assert low - 1e-6 <= values[key] <= high + 1e-6
        assert high - low >= 1 - 1e-6, f"{key} is pinned to [{low}, {high}]"
    for whole, parts in relations:
        if whole in shown:
            rest = sum(values[p] for p in parts if p not in shown)
            assert rest == 0 or rest >= MIN, f"the hidden parts of {whole} add up to {rest}"
    for t in protected:
        for r in t.all_rows:
            if "share" in r.values:
                hidden = r.values["n"].suppressed or t.total.values["n"].suppressed
                assert r.values["share"].hidden == hidden


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(report())
def test_protecting_is_deterministic_and_changes_nothing_shown(settings_min_cell, drawn):
    tables, links = drawn
    once = protect_tables(tables, suppress=True, links=links)
    again = protect_tables(list(reversed(tables)), suppress=True, links=links)
    assert {t.key: t for t in once} == {t.key: t for t in again}
    for before, after in zip(tables, once, strict=True):
        for r0, r1 in zip(before.all_rows, after.all_rows, strict=True):
            for c in before.columns:
                if c.kind == "count":
                    assert r0.values[c.key].value == r1.values[c.key].value


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(grid_table(), st.sampled_from(["c0", "all"]))
def test_sorted_rows_put_the_hidden_last_in_label_order(settings_min_cell, table, column):
    protected = protect_tables([table], suppress=True)[0]
    ordered = sort_rows(protected, column)
    flags = [r.values[column].suppressed for r in ordered.rows]
    assert flags == sorted(flags)
    hidden = [r.label for r in ordered.rows if r.values[column].suppressed]
    assert hidden == sorted(hidden)
    shown = [r.values[column].value for r in ordered.rows if not r.values[column].suppressed]
    assert shown == sorted(shown, reverse=True)


@pytest.fixture
def settings_min_cell(settings):
    settings.AMPARO_REPORT_MIN_CELL = MIN
    return MIN


def test_the_kinds_of_value_are_the_contracts():
    assert str(Cell(3, suppressed=True)) == "[c]"
    assert str(Figure(None, hidden=True)) == "[c]"
    assert Cell(3, suppressed=True).shown is None

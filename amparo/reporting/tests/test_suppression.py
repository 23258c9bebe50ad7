"""Complementary suppression on the issue's examples: what is hidden, and that nothing can be recovered."""

from dataclasses import replace

import pytest

from amparo.reporting.suppression import Cell, Relation, protect, protect_curve
from amparo.reporting.survival import TimeToEvent
from amparo.reporting.tables import Column, Link, count_table, protect_tables, sort_rows
from amparo.reporting.tests.attacker import MIN, attack, bounds


@pytest.fixture(autouse=True)
def _min_cell(settings):
    settings.AMPARO_REPORT_MIN_CELL = MIN


def _safe(tables, links=()):
    """The attacker recovers nothing from the protected tables (see ``attacker``)."""
    values, _, shown, results = attack(tables, links)
    assert not any(0 < values[k] < MIN for k in shown)
    for key, (determined, low, high) in results.items():
        assert not determined, key
        assert high - low >= 1, (key, low, high)


def test_postponed_hearings_by_reason_no_longer_give_the_small_reason_by_subtraction():
    # The issue: 12 postponed, 11 for the judge, "<11" for the defence: anyone gets 1.
    values = {"all": 12, "judge": 11, "defence": 1, "other": 0}
    hidden = protect(values, [Relation("all", ("judge", "defence", "other"))], threshold=MIN)
    assert hidden == {"defence", "judge"}  # the zero stays shown, and so does the total


def test_postponed_hearings_as_a_table_hide_the_defence_and_one_more():
    table = count_table(
        key="postponed",
        title="Postponed hearings",
        columns=[Column("n", "Hearings"), Column("share", "Share", kind="share", of="n")],
        rows=[("judge", "Judge", {"n": 11}), ("defence", "Defence", {"n": 3})],
        total=("all", "All"),
    )
    [protected] = protect_tables([table], suppress=True)
    assert str(protected.cell("defence", "n")) == "[c]"
    assert str(protected.cell("judge", "n")) == "[c]"
    assert str(protected.cell("all", "n")) == "14"
    assert protected.cell("defence", "share").hidden
    assert protected.cell("judge", "share").hidden
    assert protected.cell("all", "share").value == 1
    _safe([protected])


def test_twelve_with_a_verdict_and_eleven_convicted_do_not_give_the_one_acquitted():
    table = count_table(
        key="verdicts",
        title="Verdicts",
        columns=[
            Column("verdict", "With a verdict"),
            Column("convicted", "Convicted"),
            Column("not_convicted", "Not convicted", published=False),
        ],
        rows=[("lima", "Lima", {"verdict": 12, "convicted": 11, "not_convicted": 1})],
        relations=[
            Relation(("lima", "verdict"), (("lima", "convicted"), ("lima", "not_convicted")))
        ],
    )
    [protected] = protect_tables([table], suppress=True)
    assert protected.cell("lima", "convicted").suppressed
    assert not protected.cell("lima", "verdict").suppressed  # the total is kept
    _safe([protected])


def test_one_small_cell_of_a_table_with_totals_hides_the_cheapest_rectangle():
    rows = [[20, 3, 15], [12, 30, 25], [40, 14, 18]]
    table = count_table(
        key="grid",
        title="Grid",
        columns=[*(Column(f"c{j}", f"C{j}") for j in range(3)), Column("all", "All")],
        rows=[
            (f"r{i}", f"R{i}", {**{f"c{j}": v for j, v in enumerate(row)}, "all": sum(row)})
            for i, row in enumerate(rows)
        ],
        total=("total", "Total"),
        row_total="all",
    )
    [protected] = protect_tables([table], suppress=True)
    hidden = {(r.key, c) for r in protected.all_rows for c in r.values if r.values[c].suppressed}
    # The small 3, the smallest in its row (15), in its column (14), and the corner closing them.
    assert hidden == {("r0", "c1"), ("r0", "c2"), ("r2", "c1"), ("r2", "c2")}
    _safe([protected])


def test_the_same_figure_in_two_tables_is_protected_in_both():
    by_department = count_table(
        key="department",
        title="By department",
        columns=[Column("n", "Cases")],
        rows=[("lima", "Lima", {"n": 25}), ("cusco", "Cusco", {"n": 5})],
        total=("all", "All"),
    )
    lima_by_court = count_table(
        key="lima",
        title="Lima by court",
        columns=[Column("n", "Cases")],
        rows=[("first", "First court", {"n": 12}), ("second", "Second court", {"n": 13})],
        total=("all", "All of Lima"),
    )
    link = Link(whole=("department", "lima", "n"), parts=(("lima", "all", "n"),))
    alone = protect_tables([by_department, lima_by_court], suppress=True)
    # Without the link, Lima's total (25) is shown in the second table and 30 − 25 gives Cusco.
    assert not alone[1].cell("all", "n").suppressed
    linked = protect_tables([by_department, lima_by_court], suppress=True, links=[link])
    assert linked[0].cell("cusco", "n").suppressed
    _safe(linked, [link])


def test_hidden_parts_that_add_up_to_a_small_number_are_protected_as_a_group():
    # 3 and 5 hidden, 30 and 38 shown: 38 − 30 = 8 people in the two hidden rows.
    values = {"all": 38, "a": 3, "b": 5, "c": 30}
    hidden = protect(values, [Relation("all", ("a", "b", "c"))], threshold=MIN)
    assert hidden == {"a", "b", "c"}


def test_cells_that_non_negativity_pins_to_zero_do_not_hide_a_small_count():
    # Hiding the 17 leaves a = 3 + p: linearly free. But the shown 0 = o + p pins the
    # unpublished o and p to zero, so a = 3 (the names make the elimination see a − p = 3 and
    # o + p = 0, not a one-signed a + o = 3: only the non-negativity rule catches it).
    values = {"all": 20, "a": 3, "b": 17, "b_total": 17, "p": 0, "o": 0, "none": 0}
    relations = [
        Relation("all", ("a", "b")),
        Relation("b_total", ("b", "p")),
        Relation("none", ("o", "p")),
    ]
    hidden = protect(values, relations, unpublished={"o", "p"}, threshold=MIN)
    assert hidden == {"a", "b", "b_total"}
    shown = set(values) - hidden - {"o", "p"}
    as_pairs = [(r.whole, list(r.parts)) for r in relations]
    for key, (determined, low, high) in bounds(values, as_pairs, shown).items():
        assert not determined, key
        assert high - low >= 1, (key, low, high)


def test_zeros_are_shown_and_large_cells_alone_hide_nothing():
    values = {"all": 40, "a": 0, "b": 40}
    assert protect(values, [Relation("all", ("a", "b"))], threshold=MIN) == frozenset()


def test_the_same_input_hides_the_same_cells_whatever_its_order():
    values = {f"r{i}": v for i, v in enumerate([3, 20, 4, 30, 11, 2])} | {"all": 70}
    relation = Relation("all", tuple(f"r{i}" for i in range(6)))
    first = protect(values, [relation], threshold=MIN)
    second = protect(dict(reversed(values.items())), [relation], threshold=MIN)
    assert first == second


def test_a_relation_naming_a_cell_without_a_value_is_refused():
    with pytest.raises(ValueError, match="without a value"):
        protect({"all": 3}, [Relation("all", ("missing",))], threshold=MIN)


def test_without_suppression_exact_counts_and_their_shares_are_kept():
    table = count_table(
        key="t",
        title="T",
        columns=[Column("n", "N"), Column("share", "Share", kind="share", of="n")],
        rows=[("a", "A", {"n": 1}), ("b", "B", {"n": 3})],
        total=("all", "All"),
    )
    [exact] = protect_tables([table], suppress=False)
    assert exact.cell("a", "n") == Cell(1)
    assert exact.cell("a", "share").value == 0.25
    assert not exact.suppressed


def test_hidden_rows_sort_last_by_label_not_by_their_true_value():
    table = count_table(
        key="t",
        title="T",
        columns=[Column("n", "N")],
        rows=[
            ("z", "Zeta", {"n": 1}),
            ("a", "Alpha", {"n": 9}),
            ("big", "Big", {"n": 50}),
            ("mid", "Mid", {"n": 20}),
        ],
        total=("all", "All"),
    )
    [protected] = protect_tables([table], suppress=True)
    ordered = [r.label for r in sort_rows(protected, "n").rows]
    hidden = [r.label for r in protected.rows if r.values["n"].suppressed]
    assert ordered[: len(ordered) - len(hidden)] == [
        label for label in ("Big", "Mid") if label not in hidden
    ]
    assert ordered[len(ordered) - len(hidden) :] == sorted(hidden)


def test_a_wide_table_with_totals_and_many_small_cells_is_protected():
    rows = []
    for i in range(30):
        raw = {f"c{j}": (i * 7 + j * 3) % 13 if (i + j) % 4 == 0 else 15 + i + j for j in range(5)}
        raw["all"] = sum(raw.values())
        rows.append((f"r{i}", f"R{i}", raw))
    table = count_table(
        key="wide",
        title="Wide",
        columns=[*(Column(f"c{j}", f"C{j}") for j in range(5)), Column("all", "All")],
        rows=rows,
        total=("total", "Total"),
        row_total="all",
    )
    [protected] = protect_tables([table], suppress=True)  # timed in scripts/bench_suppression.py
    _safe([protected])


def test_a_curve_is_cut_where_fewer_than_the_minimum_are_still_followed():
    curve = TimeToEvent(
        method="kaplan_meier",
        times=(10, 20, 30),
        at_risk=(30, 12, 5),
        events=(3, 2, 1),
        competing=(0, 0, 0),
        censored=(15, 5, 4),
        reached=(0.1, 0.2, 0.35),
        lower=(0.05, 0.1, 0.2),
        upper=(0.2, 0.3, 0.5),
        observations=30,
    )
    cut = protect_curve(curve, suppress=True)
    assert cut.times == (10, 20)
    assert cut.upper == (0.2, 0.3)
    assert cut.observations == 30
    assert protect_curve(curve, suppress=False) is curve
    few = replace(curve, observations=5)
    assert protect_curve(few, suppress=True) == TimeToEvent.empty()


def test_fixed_cells_stay_shown_and_others_are_hidden_in_their_place():
    # A total already published elsewhere: "all = a + b" with a = 3. Without ``fixed`` the
    # cheapest complement could be the total; with it, b must go instead.
    from amparo.reporting.suppression import Relation, protect

    values = {"all": 40, "a": 3, "b": 37}
    relations = [Relation("all", ("a", "b"))]
    hidden = protect(values, relations, fixed={"all"}, threshold=11)
    assert hidden == frozenset({"a", "b"})
    assert "all" not in hidden

"""No hidden cell of the suppressed justice report can be worked out from the cells it shows.

The check is independent of how ``protect`` chooses: every relation the
report's cells obey (each table's own and those between tables) is a linear
equation; a sensitive count (0 < n < min cell, shown or not) is exposed if
the equations with the shown cells substituted pin it down. Exact rational
elimination over the unknown cells decides it.
"""

import datetime
from fractions import Fraction

import pytest

from amparo.justice.models import Court, Hearing
from amparo.reporting.api.common import report_data
from amparo.reporting.justice import PERIOD, JusticeFilters, justice_report
from amparo.reporting.justice.breakdowns import breakdown_tables
from amparo.reporting.justice.counts import case_counts
from amparo.reporting.justice.report import justice_links
from amparo.reporting.justice.selection import legal_cases_for_report
from amparo.reporting.suppression import Cell, Figure, min_cell
from amparo.reporting.tests.test_justice import legal_case

D = datetime.date
START, END, TODAY = D(2025, 1, 1), D(2025, 12, 31), D(2026, 3, 1)


def determined(unknown: list, equations: list[dict]) -> set:
    """The unknowns fixed by ``equations`` (each {cell: coefficient}, known cells moved out)."""
    index = {cell: i for i, cell in enumerate(unknown)}
    rows = []
    for equation in equations:
        row = [Fraction(0)] * len(unknown)
        for cell, coefficient in equation.items():
            if cell in index:
                row[index[cell]] += coefficient
        if any(row):
            rows.append(row)
    pivots = []
    r = 0
    for c in range(len(unknown)):
        pivot = next((i for i in range(r, len(rows)) if rows[i][c] != 0), None)
        if pivot is None:
            continue
        rows[r], rows[pivot] = rows[pivot], rows[r]
        rows[r] = [v / rows[r][c] for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][c] != 0:
                factor = rows[i][c]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append((r, c))
        r += 1
    pivot_columns = {c for _r, c in pivots}
    fixed = set()
    for row_index, c in pivots:
        if all(rows[row_index][j] == 0 for j in range(len(unknown)) if j not in pivot_columns):
            fixed.add(unknown[c])
    return fixed


def exposed(cast, *, view):
    """The sensitive counts of the suppressed report that its shown counts determine."""
    filters = JusticeFilters(start=START, end=END, view=view)
    shown = justice_report(user=cast.analyst, filters=filters, suppress=True, today=TODAY)
    exact = justice_report(user=cast.analyst, filters=filters, suppress=False, today=TODAY)
    period = filters.period(TODAY)
    periods = {
        "current": period,
        "previous": period.previous(),
        "year_before": period.year_before(),
    }
    _totals, groups = case_counts(
        legal_cases_for_report(user=cast.analyst, filters=filters),
        view=view,
        periods=periods,
        today=TODAY,
    )
    values, hidden = {}, set()
    relations = []
    for table in exact.tables:
        for (row, column), value in table.counts().items():
            values[(table.key, row, column)] = value
        for rel in table.structure():
            relations.append(((table.key, *rel.whole), [(table.key, *p) for p in rel.parts]))
    for table in shown.tables:
        published = {c.key for c in table.published_columns}
        for row in table.all_rows:
            for column in table.columns:
                if column.kind != "count":
                    continue
                cell = row.values[column.key]
                if cell.suppressed or column.key not in published:
                    hidden.add((table.key, row.key, column.key))
    breakdowns = breakdown_tables(view, groups)
    for link in justice_links(view, breakdowns, groups):
        relations.append((link.whole, list(link.parts)))
    equations = []
    for whole, parts in relations:
        equation = {whole: Fraction(1)}
        for part in parts:
            equation[part] = equation.get(part, Fraction(0)) - 1
        equations.append(equation)
    unknown = sorted(hidden, key=repr)
    sensitive = {k for k in hidden if 0 < values[k] < min_cell()}
    return shown, sensitive & determined(unknown, equations)


@pytest.fixture
def caseload(cast):
    """30 complaints of 2025: 12 with a verdict (11 convicted), 3 withdrawn, the rest open; two courts."""
    courts = list(Court.objects.order_by("admin1", "pk"))
    first, other = courts[0], next(c for c in courts if c.admin1 != courts[0].admin1)
    for i in range(12):
        legal_case(
            cast,
            D(2025, 2, 1 + i),
            court=first if i < 9 else other,
            investigation_on=D(2025, 3, 1),
            charges_on=D(2025, 4, 1),
            trial_on=D(2025, 6, 1),
            verdict_on=D(2025, 9, 1 + i),
            convicted=i != 0,
        )
    for i in range(3):
        legal_case(
            cast,
            D(2025, 3, 1 + i),
            court=other,
            closed_on=D(2025, 5, 1),
            closure_reason="withdrawn",
        )
    for i in range(15):
        legal_case(
            cast,
            D(2025, 4, 1 + i),
            court=first,
            offence="trafficking",
            investigation_on=D(2025, 5, 1),
        )
    lc = legal_case(cast, D(2025, 1, 5), court=first, charges_on=D(2025, 2, 1))
    for reason in ["defence"] * 12 + ["judge"] * 11 + ["schedule"] * 3:
        Hearing.objects.create(
            legal_case=lc,
            scheduled_for=datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC),
            kind="trial",
            court=first,
            outcome="postponed",
            postponement_reason=reason,
            created_by=cast.supervisor,
        )
    return cast


@pytest.mark.parametrize("view", ["cohort", PERIOD])
def test_no_hidden_count_can_be_worked_out(caseload, view):
    shown, found = exposed(caseload, view=view)
    assert shown.suppressed
    assert not found, sorted(found, key=repr)


def test_the_issues_examples_are_protected(caseload):
    shown, _found = exposed(caseload, view="cohort")
    headline = shown.table("headline")
    # "12 with a verdict, 11 convicted" must not give the one acquitted.
    assert (
        headline.cell("verdict", "current").suppressed
        or headline.cell("convicted", "current").suppressed
    )
    # Postponed 26, judge 11, defence 12, schedule 3: the 3 and another are hidden.
    reasons = {r.key: r["hearings"] for r in shown.table("postponements").rows}
    assert reasons["schedule"].suppressed
    assert (
        sum(
            1
            for c in [*reasons.values(), shown.table("postponements").total["hearings"]]
            if c.suppressed
        )
        >= 2
    )
    # Hidden rows are sorted last, by label, not by their true value.
    keys = [r.key for r in shown.table("postponements").rows]
    hidden_keys = [r.key for r in shown.table("postponements").rows if r["hearings"].suppressed]
    assert keys[-len(hidden_keys) :] == hidden_keys


def test_figures_resting_on_hidden_counts_are_hidden_and_null_in_the_api(caseload):
    filters = JusticeFilters(start=START, end=END)
    shown = justice_report(user=caseload.analyst, filters=filters, suppress=True, today=TODAY)
    for table in shown.tables:
        for row in table.all_rows:
            for column in table.columns:
                value = row.values[column.key]
                if column.kind == "share" and column.of:
                    over = row.values[column.over] if column.over else table.total.values[column.of]
                    if row.values[column.of].suppressed or over.suppressed:
                        assert value.hidden, (table.key, row.key, column.key)
    data = report_data(shown)
    for table, api_table in zip(shown.tables, data["tables"], strict=True):
        for row, api_row in zip(table.all_rows, api_table["rows"], strict=True):
            for column in table.published_columns:
                value = row.values[column.key]
                if (isinstance(value, Cell) and value.suppressed) or (
                    isinstance(value, Figure) and value.hidden
                ):
                    assert api_row["values"][column.key] is None
    # A curve over the hidden: cut where fewer than the minimum are still followed.
    for curve in shown.curves.values():
        assert all(n >= min_cell() for n in curve.at_risk)


def test_funnel_shares_do_not_give_away_hidden_complaints(cast):
    for _ in range(5):
        legal_case(cast, D(2025, 2, 1), investigation_on=D(2025, 3, 1))
    filters = JusticeFilters(start=START, end=END)
    shown = justice_report(user=cast.analyst, filters=filters, suppress=True, today=TODAY)
    funnel = shown.table("funnel")
    assert funnel.cell("complaint", "cases").suppressed
    assert all(row["share"].hidden for row in funnel.rows)

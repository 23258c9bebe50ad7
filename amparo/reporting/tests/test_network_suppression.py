"""Suppression of the network report: every small cell hidden, none recoverable by arithmetic."""

import datetime
from fractions import Fraction

import pytest

from amparo.reporting.network import LINKS, network_report
from amparo.reporting.suppression import Cell, Figure, min_cell
from amparo.reporting.tables import Report
from amparo.reporting.tests.network_example import MARCH, at, example, refer, serve

__all__ = ["example"]


def _rank(rows: list[dict]) -> int:
    """Rank of sparse rational rows ({unknown: coefficient})."""
    rows = [dict(r) for r in rows if r]
    rank = 0
    while rows:
        pivot_row = rows.pop()
        pivot = next(iter(pivot_row))
        rank += 1
        reduced = []
        for r in rows:
            if pivot in r:
                factor = r[pivot] / pivot_row[pivot]
                r = {k: r.get(k, 0) - factor * pivot_row.get(k, 0) for k in r.keys() | pivot_row}
                r = {k: v for k, v in r.items() if v}
            if r:
                reduced.append(r)
        rows = reduced
    return rank


def recoverable(report: Report) -> set:
    """The unknown counts (hidden, or small unpublished ones) that the shown cells determine.

    Every relation of every table and every link between them is an equation;
    a cell is determined when its unit vector lies in the span of the
    equations restricted to the unknowns.
    """
    values, unknown = {}, set()
    relations = [(link.whole, link.parts) for link in LINKS]
    for table in report.tables:
        for row in table.all_rows:
            for c in table.columns:
                if c.kind == "count":
                    key = (table.key, row.key, c.key)
                    values[key] = row.values[c.key].value
                    if row.values[c.key].suppressed or not c.published:
                        unknown.add(key)
        for rel in table.structure():
            relations.append(((table.key, *rel.whole), tuple((table.key, *p) for p in rel.parts)))
    equations = []
    for whole, parts in relations:
        equation = {whole: Fraction(1)} if whole in unknown else {}
        for part in parts:
            if part in unknown:
                equation[part] = equation.get(part, 0) - 1
        equations.append({k: v for k, v in equation.items() if v})
    base = _rank(equations)
    sensitive = {k for k in unknown if 0 < values[k] < min_cell()}
    return {k for k in unknown if _rank([*equations, {k: Fraction(1)}]) == base} & (
        sensitive | {k for k in unknown if values[k] and k[2] in _published(report, k)}
    )


def _published(report: Report, key: tuple) -> set[str]:
    return {c.key for c in report.table(key[0]).published_columns}


def every_count(report: Report):
    for table in report.tables:
        for row in table.all_rows:
            for c in table.published_columns:
                yield table, row, c, row.values[c.key]


@pytest.fixture
def lopsided(net):
    """20 referrals to Refugio and 3 to Tercera; 15 services by Refugio, 2 by Tercera."""
    cast = net.cast
    for n in range(20):
        refer(net, cast.lex, cast.refugio, "accepted", sent_at=at("2024-03-05"), answer_hours=n + 1)
    for _n in range(3):
        refer(net, cast.lex, cast.tercera, "accepted", sent_at=at("2024-03-06"), answer_hours=5)
    for _n in range(15):
        serve(net, cast.case, cast.refugio, "psychosocial", "2024-03-10")
    for _n in range(2):
        serve(net, cast.case, cast.tercera, "psychosocial", "2024-03-11")
    for _n in range(12):
        serve(net, cast.case, cast.lex, "legal", "2024-03-12")
    return net


def test_every_small_count_is_hidden_and_none_can_be_recovered(example):
    report = network_report(user=example.cast.analyst, period=MARCH)
    for _table, _row, _column, value in every_count(report):
        if isinstance(value, Cell) and 0 < value.value < min_cell():
            assert value.suppressed and str(value) == "[c]"
    assert recoverable(report) == set()


def test_a_hidden_partner_row_cannot_be_recovered_from_the_totals(lopsided):
    cast = lopsided.cast
    report = network_report(user=cast.analyst, period=MARCH)
    partners = report.table("partners")
    tercera = partners.row(str(cast.tercera.pk))
    assert tercera["sent_to"].suppressed and tercera["services"].suppressed
    # Enough else is hidden that 3 (and 2) follow from no sum or difference of the shown cells.
    assert recoverable(report) == set()
    # Hidden rows come last, whatever their true value.
    assert partners.rows[-1].key == str(cast.tercera.pk)


def test_rates_medians_and_changes_built_on_a_hidden_count_are_hidden(lopsided):
    cast = lopsided.cast
    refer(lopsided, cast.refugio, cast.lex, "declined", sent_at=at("2024-03-07"), answer_hours=30)
    report = network_report(user=cast.analyst, period=MARCH)
    received = report.table("responses").row("received")
    assert received["answered"].suppressed
    for figure in (received["acceptance"], received["median_days"]):
        assert figure == Figure(None, hidden=True) and str(figure) == "[c]"
    for row in report.table("comparison").rows:
        for name, change in (("previous", "change_previous"), ("year_before", "change_year")):
            if row["current"].suppressed or row[name].suppressed:
                assert row[change].hidden
    # 23 sent and 24 referrals in all would give away the one received: one of them is hidden.
    sent = report.table("responses").row("sent")
    both = report.table("partners").cell("all", "referrals")
    assert sent["total"].value == 23 and (sent["total"].suppressed or both.suppressed)  # type: ignore[union-attr]  # a count


def test_without_suppression_every_count_is_exact(lopsided):
    report = network_report(user=lopsided.cast.analyst, period=MARCH, suppress=False)
    assert not report.suppressed
    for _table, _row, _column, value in every_count(report):
        assert not getattr(value, "suppressed", False) and not getattr(value, "hidden", False)


def test_an_empty_period_hides_nothing(net):
    report = network_report(user=net.cast.analyst, period=MARCH, today=datetime.date(2024, 3, 31))
    for _table, _row, _column, value in every_count(report):
        assert str(value) in ("0", "—")

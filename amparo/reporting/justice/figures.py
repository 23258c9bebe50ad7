"""Figures computed from the headline counts once they are protected: the changes and the rates.

Computed after suppression, from the cells as shown, so a figure resting
on a hidden count is hidden too (a change of a shown and a hidden count
would give the hidden one away).
"""

from dataclasses import replace

from django.utils.translation import gettext as _

from amparo.reporting.justice.tables import COMPARED
from amparo.reporting.suppression import Cell, Figure
from amparo.reporting.tables import Column, Row, Table, share_of

CHANGES = (("change_previous", "previous"), ("change_year_before", "year_before"))


def _difference(latest: Figure | Cell, earlier: Figure | Cell, *, scale: float = 1) -> Figure:
    hidden = any(
        getattr(v, "suppressed", False) or getattr(v, "hidden", False) for v in (latest, earlier)
    )
    if hidden:
        return Figure(None, hidden=True)
    if latest.value is None or earlier.value is None:
        return Figure(None)
    return Figure(round((latest.value - earlier.value) * scale, 1))


def with_changes(headline: Table) -> Table:
    """The headline with each count's change on the previous period and on a year before."""
    rows = []
    for row in headline.rows:
        values = dict(row.values)
        for key, earlier in CHANGES:
            values[key] = _difference(row.values["current"], row.values[earlier])  # type: ignore[arg-type]  # count cells
        rows.append(replace(row, values=values))
    return replace(headline, rows=tuple(rows))


def headline_rates(headline: Table) -> Table:
    """The conviction rate and convictions per complaint for each compared period, and their changes."""
    definitions = [
        (
            "conviction_rate",
            _("Conviction rate (convicted ÷ with a verdict)"),
            "convicted",
            "verdict",
        ),
        (
            "per_complaint",
            _("Convictions per complaint (convicted ÷ complaints filed)"),
            "convicted",
            "filed",
        ),
    ]
    rows = []
    for key, label, numerator, denominator in definitions:
        values: dict = {
            p: share_of(headline.cell(numerator, p), headline.cell(denominator, p))  # type: ignore[arg-type]  # count cells
            for p in COMPARED
        }
        for change, earlier in CHANGES:
            values[change] = _difference(values["current"], values[earlier], scale=100)
        rows.append(Row(key=key, label=str(label), values=values))
    columns = tuple(
        Column(c.key, c.label, "share" if c.key in COMPARED else "number") for c in headline.columns
    )
    return Table(
        key="headline_rates",
        title=_("Headline rates"),
        columns=tuple(
            replace(c, label=f"{c.label} ({_('percentage points')})") if c.kind == "number" else c
            for c in columns
        ),
        rows=tuple(rows),
        suppressed=headline.suppressed,
    )


def funnel_shares(funnel: Table) -> Table:
    """The funnel's shares, hidden where the complaints they divide by are.

    Each share is over an unpublished copy of the complaints filed, which
    suppression never marks hidden; the published complaint count decides.
    """
    complaint = funnel.rows[0].values["cases"] if funnel.rows else None
    if not isinstance(complaint, Cell) or not complaint.suppressed:
        return funnel
    rows = [
        replace(row, values={**row.values, "share": Figure(None, hidden=True)})
        if "share" in row.values
        else row
        for row in funnel.rows
    ]
    return replace(funnel, rows=tuple(rows))

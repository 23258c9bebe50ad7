"""The restoration report's figures computed after suppression: changes, time to restoration, means.

Each is built from what ``protect_tables`` already decided, so a figure
resting on a hidden count is hidden too.
"""

from dataclasses import replace

from django.utils.translation import gettext as _

from amparo.aftercare import measures
from amparo.reporting.restoration_queries import COHORT
from amparo.reporting.suppression import Cell, Figure
from amparo.reporting.survival import TimeToEvent
from amparo.reporting.tables import Column, Row, Table


def time_table(
    curve: TimeToEvent, estimate: TimeToEvent, *, suppress: bool, view: str = COHORT
) -> Table:
    """Median and milestones of the (protected) curve; hidden where the protection cut it."""
    last_shown = curve.times[-1] if curve.times else -1
    hidden_after = suppress and estimate.times[-1:] != curve.times[-1:]

    def figure(value: float | None, day: int | None) -> Figure:
        if suppress and not curve.observations and estimate.observations:
            return Figure(None, hidden=True)
        if hidden_after and (day is None or day > last_shown):
            return Figure(None, hidden=True)
        return Figure(value)

    rows = [
        Row(
            "median",
            _("Median days to restoration"),
            {
                "estimate": figure(estimate.median, estimate.median),
                "lower": figure(estimate.median_lower, estimate.median_lower),
                "upper": figure(estimate.median_upper, estimate.median_upper),
            },
        )
    ]
    for day, key, label in measures.MILESTONES:
        index = next((i for i, t in enumerate(estimate.times) if t > day), len(estimate.times))
        at = index - 1
        values = {
            "estimate": estimate.reached[at] if at >= 0 else 0.0,
            "lower": estimate.lower[at] if at >= 0 else 0.0,
            "upper": estimate.upper[at] if at >= 0 else 0.0,
        }
        # Shares as percentages (one decimal), as the column says.
        values = {k: round(v * 100, 1) for k, v in values.items()}
        rows.append(Row(key, str(label), {k: figure(v, day) for k, v in values.items()}))
    return Table(
        key="time_to_restoration",
        title=(
            _("Time to restoration, cases opened in the period")
            if view == COHORT
            else _("Time to restoration, every case opened up to the end of the period")
        ),
        columns=(
            Column("estimate", _("Estimate"), "number"),
            Column("lower", _("Lower bound (95%)"), "number"),
            Column("upper", _("Upper bound (95%)"), "number"),
        ),
        rows=tuple(rows),
        description=_(
            "Cumulative incidence: a case closed without restoration can no longer be "
            "restored (a competing outcome); open cases are followed up to today."
        ),
        suppressed=suppress,
    )


def hide_means(tables: list[Table]) -> list[Table]:
    """A mean over a hidden number of cases is hidden too."""
    result = []
    for t in tables:
        if t.key == "domains":
            rows = []
            for r in t.rows:
                if isinstance(r["cases"], Cell) and r["cases"].suppressed:
                    hidden = Figure(None, hidden=True)
                    r = replace(
                        r, values={**r.values, "first": hidden, "latest": hidden, "change": hidden}
                    )
                rows.append(r)
            t = replace(t, rows=tuple(rows))
        result.append(t)
    return result


def changes_table(comparison: Table) -> Table:
    """This period less the previous one, and less a year before: hidden where either side is."""
    current = comparison.row("current")
    columns = tuple(
        Column(
            c.key,
            f"{c.label} ({_('percentage points')})" if c.kind == "share" else c.label,
            "number",
        )
        for c in comparison.published_columns
    )

    def diff(a: object, b: object) -> Figure:
        if isinstance(a, Cell) and isinstance(b, Cell):
            return (
                Figure(None, hidden=True)
                if a.suppressed or b.suppressed
                else Figure(a.value - b.value)
            )
        assert isinstance(a, Figure) and isinstance(b, Figure)
        if a.hidden or b.hidden:
            return Figure(None, hidden=True)
        if a.value is None or b.value is None:
            return Figure(None)
        return Figure(round((a.value - b.value) * 100, 1))  # shares: in percentage points

    rows = tuple(
        Row(
            f"vs_{name}",
            label,
            {c.key: diff(current[c.key], comparison.row(name)[c.key]) for c in columns},
        )
        for name, label in (
            ("previous", _("Change against the previous period")),
            ("year_before", _("Change against a year before")),
        )
    )
    return Table(
        key="changes",
        title=_("Change, this period less the one compared"),
        columns=columns,
        rows=rows,
        suppressed=comparison.suppressed,
    )

"""Time from the complaint to each stage: cumulative incidence with competing closures.

A legal case closed without reaching a stage can no longer reach it, so it
is a competing outcome (``time_to_event`` then gives Aalen–Johansen), not
censored: counting it as censored would pretend its verdict could still
come, and overstate how many cases reach one.
"""

from collections.abc import Mapping
from dataclasses import replace

from django.utils.translation import gettext as _

from amparo.justice import measures
from amparo.reporting.justice.durations import Durations
from amparo.reporting.justice.selection import COHORT
from amparo.reporting.suppression import Cell, Figure, Relation, protect_curve
from amparo.reporting.survival import TimeToEvent, time_to_event
from amparo.reporting.tables import Column, Table, count_table

FIGURES = (
    "median",
    "median_lower",
    "median_upper",
    *(f"by_{d}" for d, _l in measures.REACHED_BY_DAYS),
)


def estimates(durations: Mapping[str, Durations]) -> dict[str, TimeToEvent]:
    """The estimate for every timed stage."""
    return {
        stage: time_to_event(events=d.events, censored=d.censored, competing=d.competing)
        for stage, d in durations.items()
    }


def _by(curve: TimeToEvent, day: int) -> float | None:
    if not curve.times or day > curve.times[-1]:
        return None  # nobody followed that long: not estimable
    return round(100 * curve.reached_by(day), 1)


def timings_table(curves: Mapping[str, TimeToEvent], *, view: str = COHORT) -> Table:
    """One row per timed stage: who was followed, how each ended, the median and shares by 1 and 2 years."""
    rows = []
    for stage in measures.TIMED_STAGES:
        curve = curves[stage]
        reached, ended, still = sum(curve.events), sum(curve.competing), sum(curve.censored)
        rows.append(
            (
                stage,
                str(measures.STAGE_LABELS[stage]),
                {
                    "followed": curve.observations,
                    "reached": reached,
                    "ended": ended,
                    "open": still,
                    "median": curve.median,
                    "median_lower": curve.median_lower,
                    "median_upper": curve.median_upper,
                    **{f"by_{d}": _by(curve, d) for d, _label in measures.REACHED_BY_DAYS},
                },
            )
        )
    return count_table(
        key="timings",
        title=_("Time from the complaint to each stage"),
        columns=[
            Column("followed", _("Legal cases followed")),
            Column("reached", _("Reached the stage")),
            Column("ended", _("Closed without reaching it")),
            Column("open", _("Still open")),
            Column("median", _("Median days"), "days"),
            Column("median_lower", _("Median: lower bound (95%)"), "days"),
            Column("median_upper", _("Median: upper bound (95%)"), "days"),
            *(Column(f"by_{d}", str(label), "number") for d, label in measures.REACHED_BY_DAYS),
        ],
        rows=rows,
        relations=[
            Relation((s, "followed"), ((s, "reached"), (s, "ended"), (s, "open")))
            for s in measures.TIMED_STAGES
        ],
        description=(
            _("The complaints filed in the period, followed until today.")
            if view == COHORT
            else _("Every complaint filed up to the end of the period, followed until today.")
        )
        + " "
        + _(
            "A case closed without "
            "reaching a stage (withdrawn, dismissed, transferred) can no longer reach it and "
            "counts as such, not as still possible; the median is the day half of the cases "
            "had reached the stage (none when fewer than half ever do)."
        ),
    )


def protect_timings(
    table: Table, curves: Mapping[str, TimeToEvent], *, suppress: bool
) -> tuple[Table, dict[str, TimeToEvent]]:
    """The curves as they may be shown, and the table's figures hidden where their curve is.

    With ``suppress``: a curve over hidden counts is not shown, and a
    figure that lies beyond where its curve is cut (too few still followed) is hidden.
    """
    shown = {stage: protect_curve(curve, suppress=suppress) for stage, curve in curves.items()}
    if not suppress:
        return table, shown
    rows = []
    for row in table.rows:
        curve = shown[row.key]
        values = dict(row.values)
        rests_on_hidden = any(
            isinstance(cell, Cell) and cell.suppressed
            for cell in (values["followed"], values["reached"])
        )
        if rests_on_hidden:
            curve = shown[row.key] = TimeToEvent.empty()
        cut = curve.times[-1] if curve.times else -1
        for figure in FIGURES:
            value = values[figure]
            day = int(figure[3:]) if figure.startswith("by_") else value.value  # type: ignore[union-attr]  # figures
            beyond = day is None or day > cut
            if rests_on_hidden or (beyond and (curve.times != curves[row.key].times)):
                values[figure] = Figure(None, hidden=True)
        rows.append(replace(row, values=values))
    return replace(table, rows=tuple(rows)), shown

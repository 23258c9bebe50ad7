"""The justice report's tables, from the counts, each with the relations that bind its cells.

Every table is a ``count_table``; how its cells add up is declared here so
that suppression (``protect_tables``) can hide enough of them. Figures
computed from counts after suppression (rates, changes, medians) are filled
in by ``amparo.reporting.justice.figures``.
"""

from collections.abc import Mapping

from django.utils.translation import gettext as _

from amparo.justice import measures, vocab
from amparo.reporting.justice.selection import COHORT
from amparo.reporting.periods import Period
from amparo.reporting.suppression import Relation
from amparo.reporting.tables import Column, Link, Table, count_table

COMPARED = ("current", "previous", "year_before")


def period_label(period: Period) -> str:
    """A period in words for a column header: its first and last day."""
    return f"{period.start.isoformat()} – {period.end.isoformat()}"


def headline(view: str, counts: Mapping[str, int], periods: Mapping[str, Period]) -> Table:
    """The headline counts of this period, the previous one and the same period a year before.

    Cohort: complaints filed = with a verdict + without one; with a verdict
    = convicted + not convicted. Period: verdicts = convictions + verdicts
    without a conviction (complaints and closures in the period are other cases).
    """
    names = {
        "current": _("This period"),
        "previous": _("Previous period"),
        "year_before": _("A year before"),
    }
    columns = [Column(p, f"{names[p]} ({period_label(periods[p])})", "count") for p in COMPARED] + [
        Column("change_previous", _("Change on the previous period"), "number"),
        Column("change_year_before", _("Change on a year before"), "number"),
    ]

    def get(p: str, figure: str) -> int:
        return counts[f"{p}:{figure}"]

    relations = []
    if view == COHORT:
        labels = {
            "filed": _("Complaints filed"),
            "verdict": _("With a verdict"),
            "convicted": _("Convicted"),
            "not_convicted": _("With a verdict, not convicted"),
            "without_verdict": _("Without a verdict"),
        }
        raw = {
            p: {
                "filed": get(p, "filed"),
                "verdict": get(p, "verdict"),
                "convicted": get(p, "convicted"),
                "not_convicted": get(p, "verdict") - get(p, "convicted"),
                "without_verdict": get(p, "filed") - get(p, "verdict"),
            }
            for p in COMPARED
        }
        for p in COMPARED:
            relations.append(Relation(("filed", p), (("verdict", p), ("without_verdict", p))))
    else:
        labels = {
            "filed": _("Complaints filed"),
            "verdict": _("Verdicts"),
            "convicted": _("Convictions"),
            "not_convicted": _("Verdicts without a conviction"),
            "closed_without": _("Closed without a verdict"),
        }
        raw = {
            p: {
                "filed": get(p, "filed"),
                "verdict": get(p, "verdict"),
                "convicted": get(p, "convicted"),
                "not_convicted": get(p, "verdict") - get(p, "convicted"),
                "closed_without": get(p, "closed_without"),
            }
            for p in COMPARED
        }
    for p in COMPARED:
        relations.append(Relation(("verdict", p), (("convicted", p), ("not_convicted", p))))
    return count_table(
        key="headline",
        title=_("Headline figures"),
        columns=columns,
        rows=[(k, label, {p: raw[p][k] for p in COMPARED}) for k, label in labels.items()],
        relations=relations,
        description=_(
            "Each figure for this period, the previous one and the same period a year before."
        ),
    )


def funnel(view: str, counts: Mapping[str, int]) -> Table:
    """Legal cases reaching each stage.

    In the cohort view the stages nest (a stage's cases are among its
    parent's, ``measures.FUNNEL_PARENT``): the unpublished ``not_reached``
    cells say so, so a small difference between two stages stays hidden.
    """
    labels = measures.STAGE_LABELS
    stage = {s: counts[f"funnel:{s}"] for s in measures.STAGES}
    if view != COHORT:
        return count_table(
            key="funnel",
            title=_("Stages reached during the period"),
            columns=[Column("cases", _("Legal cases"))],
            rows=[(s, str(labels[s]), {"cases": stage[s]}) for s in measures.STAGES],
            description=_("Legal cases that reached each stage on a date in the period."),
        )
    filed = stage[vocab.Stage.COMPLAINT_FILED]
    rows, relations = [], []
    for s in measures.STAGES:
        parent = measures.FUNNEL_PARENT[s]
        not_reached = max(stage[parent] - stage[s], 0) if parent else 0
        rows.append(
            (s, str(labels[s]), {"cases": stage[s], "filed": filed, "not_reached": not_reached})
        )
        relations.append(Relation(("complaint", "cases"), ((s, "filed"),)))
        if parent:
            relations.append(Relation((parent, "cases"), ((s, "cases"), (s, "not_reached"))))
    return count_table(
        key="funnel",
        title=_("Attrition: legal cases reaching each stage"),
        columns=[
            Column("cases", _("Legal cases")),
            Column("share", _("Share of the complaints"), "share", of="cases", over="filed"),
            Column("filed", _("Complaints filed"), published=False),
            Column("not_reached", _("Not reached"), published=False),
        ],
        rows=rows,
        relations=relations,
        description=_("Of the complaints filed in the period, how many reached each stage so far."),
    )


def convictions(view: str, counts: Mapping[str, int], charges: Mapping[str, int]) -> Table:
    """Conviction rates per legal case, per accused and per charge, and convictions per complaint.

    Each row says what it divides. ``not_convicted`` (unpublished) completes
    every denominator, so "12 with a verdict, 11 convicted" cannot give the one.
    """
    rows_raw = [
        (
            "legal_case",
            _("Conviction rate per legal case"),
            counts["current:verdict"],
            counts["current:convicted"],
            _("Legal cases with a conviction on at least one charge ÷ legal cases with a verdict."),
        ),
        (
            "accused",
            _("Conviction rate per accused"),
            charges["accused_verdict"],
            charges["accused_convicted"],
            _("Accused convicted on at least one charge ÷ accused with a verdict on at least one."),
        ),
        (
            "charge",
            _("Conviction rate per charge"),
            charges["charge_verdict"],
            charges["charge_convicted"],
            _("Charges ending in a conviction ÷ charges with a verdict."),
        ),
        (
            "complaint",
            _("Convictions per complaint"),
            counts["current:filed"],
            counts["current:convicted"],
            _(
                "Convicted legal cases ÷ complaints filed in the period; comparable with "
                "published figures: 6 to 13 in every 100 reported cases end in a conviction."
            )
            if view == COHORT
            else _(
                "Convictions in the period ÷ complaints filed in the period (different cases: "
                "a flow, not the outcome of these complaints)."
            ),
        ),
    ]
    relations = [Relation(("complaint", "convicted"), (("legal_case", "convicted"),))]
    rows: list[tuple[str, str, dict[str, int | str]]] = []
    for key, label, base, convicted, definition in rows_raw:
        nested = view == COHORT or key != "complaint"
        rows.append(
            (
                key,
                str(label),
                {
                    "base": base,
                    "convicted": convicted,
                    "not_convicted": max(base - convicted, 0) if nested else 0,
                    "definition": str(definition),
                },
            )
        )
        if nested:
            relations.append(Relation((key, "base"), ((key, "convicted"), (key, "not_convicted"))))
    return count_table(
        key="convictions",
        title=_("Convictions, by what is counted"),
        columns=[
            Column("base", _("Counted")),
            Column("convicted", _("Convicted")),
            Column("rate", _("Rate"), "share", of="convicted", over="base"),
            Column("definition", _("Definition"), "text"),
            Column("not_convicted", _("Not convicted"), published=False),
        ],
        rows=rows,
        relations=relations,
    )


def pending(view: str, counts: Mapping[str, int]) -> Table:
    """Open legal cases by whole calendar months since the complaint (``measures.PENDING_BANDS``)."""
    return count_table(
        key="pending",
        title=_("Age of the pending legal cases"),
        columns=[
            Column("cases", _("Legal cases")),
            Column("share", _("Share"), "share", of="cases"),
        ],
        rows=[
            (str(months), str(label), {"cases": counts[f"pending:{index}"]})
            for index, (months, label) in enumerate(measures.PENDING_BANDS)
        ],
        total=("total", _("All pending")),
        description=_("Complaints of the period still open today, by time since the complaint.")
        if view == COHORT
        else _("Legal cases open at the end of the period, by time since the complaint then."),
    )


def trend(counts: Mapping[tuple[str, str], int], period: Period) -> Table:
    """Complaints, verdicts and convictions dated in each month of the period (rows "YYYY-MM")."""
    rows = []
    for month in period.months():
        key = month.strftime("%Y-%m")
        verdicts = counts.get((key, "verdict"), 0)
        convicted = counts.get((key, "convicted"), 0)
        rows.append(
            (
                key,
                key,
                {
                    "filed": counts.get((key, "filed"), 0),
                    "verdict": verdicts,
                    "convicted": convicted,
                    "not_convicted": verdicts - convicted,
                },
            )
        )
    return count_table(
        key="trend",
        title=_("Month by month"),
        columns=[
            Column("filed", _("Complaints filed")),
            Column("verdict", _("Verdicts")),
            Column("convicted", _("Convictions")),
            Column("not_convicted", _("Verdicts without a conviction"), published=False),
        ],
        rows=rows,
        total=("total", _("Whole period")),
        relations=[
            Relation((r[0], "verdict"), ((r[0], "convicted"), (r[0], "not_convicted")))
            for r in [*rows, ("total",)]
        ],
        description=_("Events dated in each month of the period."),
    )


def links(view: str, breakdowns: list[Table]) -> list[Link]:
    """The same figure in two tables, and the departments as sums of their courts."""
    found = [
        Link(("headline", "filed", "current"), (("funnel", "complaint", "cases"),)),
        Link(("headline", "verdict", "current"), (("funnel", "verdict", "cases"),)),
        Link(("headline", "verdict", "current"), (("convictions", "legal_case", "base"),)),
        Link(("headline", "convicted", "current"), (("convictions", "legal_case", "convicted"),)),
        Link(("headline", "filed", "current"), (("convictions", "complaint", "base"),)),
        Link(("headline", "filed", "current"), (("trend", "total", "filed"),)),
    ]
    if view != COHORT:
        found += [
            Link(("headline", "verdict", "current"), (("trend", "total", "verdict"),)),
            Link(("headline", "convicted", "current"), (("trend", "total", "convicted"),)),
        ]
    for t in breakdowns:
        for column in ("filed", "verdict", "convicted"):
            found.append(Link(("headline", column, "current"), ((t.key, "total", column),)))
    for stage in measures.TIMED_STAGES:
        found.append(Link(("headline", "filed", "current"), (("timings", stage, "followed"),)))
        if view == COHORT:
            found.append(Link(("funnel", stage, "cases"), (("timings", stage, "reached"),)))
    return found

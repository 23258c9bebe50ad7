"""Breakdowns side by side: by department, court and offence category, each with its total."""

from collections import defaultdict
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from amparo.justice import vocab
from amparo.reporting.justice.selection import COHORT
from amparo.reporting.suppression import Relation
from amparo.reporting.tables import Column, Link, Table, count_table

FIGURES = ("filed", "verdict", "convicted")


def _columns(view: str) -> list[Column]:
    cohort = view == COHORT
    return [
        Column("filed", _("Complaints filed")),
        Column("verdict", _("With a verdict") if cohort else _("Verdicts")),
        Column("convicted", _("Convicted") if cohort else _("Convictions")),
        Column("rate", _("Conviction rate"), "share", of="convicted", over="verdict"),
        Column("not_convicted", _("Not convicted"), published=False),
        Column("without_verdict", _("Without a verdict"), published=False),
    ]


def _table(
    view: str, key: str, title: str, groups: Mapping[str, tuple[str, Mapping[str, int]]]
) -> Table:
    rows, relations = [], []
    for row_key, (label, sums) in sorted(groups.items(), key=lambda item: item[1][0]):
        nested = view == COHORT
        rows.append(
            (
                row_key,
                label,
                {
                    **sums,
                    "not_convicted": sums["verdict"] - sums["convicted"],
                    "without_verdict": sums["filed"] - sums["verdict"] if nested else 0,
                },
            )
        )
    for row_key in [*(r[0] for r in rows), "total"]:
        relations.append(
            Relation((row_key, "verdict"), ((row_key, "convicted"), (row_key, "not_convicted")))
        )
        if view == COHORT:
            relations.append(
                Relation((row_key, "filed"), ((row_key, "verdict"), (row_key, "without_verdict")))
            )
    return count_table(
        key=key,
        title=title,
        columns=_columns(view),
        rows=rows,
        total=("total", _("All")),
        relations=relations,
    )


def breakdown_tables(view: str, groups: Iterable[Mapping[str, object]]) -> list[Table]:
    """The three breakdowns, summed from the (court, offence) groups of one query."""
    by: dict[str, dict[str, tuple[str, dict[str, int]]]] = {
        "department": {},
        "court": {},
        "offence": {},
    }
    offence_labels = dict(vocab.OffenceCategory.choices)
    for group in groups:
        keys = {
            "department": (str(group["court__admin1"]), str(group["court__admin1"])),
            "court": (str(group["court_id"]), str(group["court__name"])),
            "offence": (
                str(group["offence_category"]),
                str(offence_labels.get(str(group["offence_category"]), group["offence_category"])),
            ),
        }
        for dimension, (row_key, label) in keys.items():
            _label, sums = by[dimension].setdefault(row_key, (label, defaultdict(int)))
            for figure in FIGURES:
                sums[figure] += int(group[figure])  # type: ignore[call-overload]  # counts from the query
    return [
        _table(view, "by_department", _("By department"), by["department"]),
        _table(view, "by_court", _("By court"), by["court"]),
        _table(view, "by_offence", _("By offence category"), by["offence"]),
    ]


def department_links(groups: Iterable[Mapping[str, object]]) -> list[Link]:
    """Each department's figures are the sums of its courts'."""
    courts: dict[str, set[str]] = defaultdict(set)
    for group in groups:
        courts[str(group["court__admin1"])].add(str(group["court_id"]))
    return [
        Link(
            ("by_department", department, figure),
            tuple(("by_court", court, figure) for court in sorted(members)),
        )
        for department, members in courts.items()
        for figure in FIGURES
    ]

"""A release's ``Content`` labelled in the reader's language, as ``_content.html`` shows it.

Codes become labels here (``measures.MEASURES``, ``indicators.INDICATORS``,
``vocab.GoalStatus``); numbers stay as they were published, a hidden one is
``[c]``, a figure without a denominator ``—``.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from amparo.programmes.content import Content
from amparo.programmes.indicators import INDICATORS
from amparo.programmes.measures import MEASURES
from amparo.programmes.releases.guarantee import guarantee_text
from amparo.programmes.vocab import Breakdown, GoalStatus
from amparo.reporting.suppression import HIDDEN, NOT_DEFINED


@dataclass(frozen=True)
class Table:
    code: str
    label: str
    definition: str
    headers: list[str]
    rows: list[tuple[str, list[str]]]


def _count(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def _rate(value: float | None, hidden: bool) -> str:
    if hidden:
        return HIDDEN
    return NOT_DEFINED if value is None else f"{value:g}%"


def _area(area: str) -> str:
    return area or _("All departments")


def present(content: Content) -> dict:
    """Tables of counts and rates, goals and the guarantee, ready for the template."""
    if not content:
        return {}
    periods = [p["key"] for p in content["periods"]]
    areas = ["", *content["areas"]]
    counts = {(c["measure"], c["period"], c["area"]): c["value"] for c in content["cells"]}
    tables = []
    for code in content["measures"]:
        measure = MEASURES[code]
        rows = [(_area(a), [_count(counts.get((code, p, a))) for p in periods]) for a in areas]
        tables.append(Table(code, str(measure.label), str(measure.definition), periods, rows))
    rates = {(r["indicator"], r["period"], r["area"]): r for r in content["rates"]}
    rate_tables = []
    for code in dict.fromkeys(r["indicator"] for r in content["rates"]):
        indicator = INDICATORS[code]
        rows = []
        for a in areas:
            found = [rates.get((code, p, a)) for p in periods]
            rows.append(
                (_area(a), [_rate(r["value"], r["hidden"]) if r else NOT_DEFINED for r in found])
            )
        rate_tables.append(
            Table(code, str(indicator.label), str(indicator.definition), periods, rows)
        )
    goals = [
        {
            **goal,
            "indicator_label": str(INDICATORS[goal["indicator"]].label)
            if goal["indicator"] in INDICATORS
            else goal["indicator"],
            "area_label": _area(goal["area"]),
            "status_label": str(GoalStatus(goal["status"]).label),
            "current_text": NOT_DEFINED if goal["current"] is None else f"{goal['current']:g}",
        }
        for goal in content["goals"]
    ]
    return {
        "title": content["title"],
        "programme": content["programme"],
        "version": content["version"],
        "published_on": content["published_on"],
        "period": content["period"],
        "as_of": content["as_of"],
        "breakdown": str(Breakdown(content["breakdown"]).label),
        "tables": tables,
        "rate_tables": rate_tables,
        "goals": goals,
        "people_protected": content["people_protected"],
        "guarantee": guarantee_text(content["guarantee"]),
        "supersedes": content["supersedes"],
        "change_note": content["change_note"],
    }

"""A draft's figures: cells, suppression, noise, rounding, rates, goals, people protected.

``build`` reads the members of each cell (``measures.members``, one query a
measure and period) and is otherwise pure: given the members and the cells
of the programme's published releases it answers the ``Content`` to publish
(``content``, schema 1), the ``ReleaseCell`` rows to keep inside the
organisation and the findings of the differencing check.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from amparo.programmes import measures, protection, results
from amparo.programmes.content import (
    SCHEMA,
    CellEntry,
    Content,
    GoalEntry,
    Guarantee,
    PeriodPart,
    ProtectedEntry,
    RateEntry,
)
from amparo.programmes.indicators import INDICATORS, LIVE
from amparo.programmes.models import Programme
from amparo.programmes.releases import differencing, noise
from amparo.programmes.releases.differencing import DRAFT, CellKey, Counted
from amparo.programmes.vocab import Breakdown, PeriodSplit


@dataclass(frozen=True)
class Plan:
    """What the drafter asked for."""

    programme: Programme
    title: str
    period_start: datetime.date
    period_end: datetime.date
    measures: tuple[str, ...]
    split: str
    breakdown: str
    min_cell: int
    rounding_base: int
    epsilon: Decimal | None
    as_of: datetime.date
    supersedes_version: int | None = None
    change_note: str = ""


@dataclass(frozen=True)
class BuiltCell:
    measure: str
    start: datetime.date
    end: datetime.date
    area: str
    value: int
    published: int | None
    members: list[int]


@dataclass(frozen=True)
class Built:
    content: Content
    cells: list[BuiltCell]
    checks: list[dict]


def period_parts(start: datetime.date, end: datetime.date, split: str) -> list[PeriodPart]:
    """The release's periods: the whole of it, or each calendar year clipped to it."""
    if split == PeriodSplit.WHOLE:
        return [_part(start, end)]
    parts = []
    for year in range(start.year, end.year + 1):
        parts.append(
            _part(max(start, datetime.date(year, 1, 1)), min(end, datetime.date(year, 12, 31)))
        )
    return parts


def _part(start: datetime.date, end: datetime.date) -> PeriodPart:
    whole_year = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
    key = str(start.year) if whole_year and start.year == end.year else f"{start}/{end}"
    return {"key": key, "start": start.isoformat(), "end": end.isoformat()}


def areas_of(programme: Programme, breakdown: str) -> list[str]:
    if breakdown != Breakdown.DEPARTMENT:
        return []
    return [area.admin1 for area in programme.areas.all()]


def draft_counted(plan: Plan) -> list[Counted]:
    """The draft's cells with their members: the total and each department, per measure and period."""
    programme = plan.programme
    org_ids = (programme.organisation_id, *programme.partners.values_list("pk", flat=True))
    scope = measures.Scope(organisation_ids=tuple(sorted(set(org_ids))))
    areas = areas_of(programme, plan.breakdown)
    cells = []
    for code in plan.measures:
        unit = measures.MEASURES[code].unit
        for part in period_parts(plan.period_start, plan.period_end, plan.split):
            start = datetime.date.fromisoformat(part["start"])
            end = datetime.date.fromisoformat(part["end"])
            found = measures.members(code, scope=scope, start=start, end=end, as_of=plan.as_of)
            everyone = frozenset().union(*found.values()) if found else frozenset()
            cells.append(Counted(CellKey(DRAFT, code, start, end, ""), unit, everyone))
            for area in areas:
                members = found.get(area, frozenset())
                cells.append(Counted(CellKey(DRAFT, code, start, end, area), unit, members))
    return cells


def build(plan: Plan, earlier: list[Counted], *, checked_against: list[int]) -> Built:
    """The draft's content, cells and checks; ``earlier`` are the published releases' cells."""
    counted = draft_counted(plan)
    hidden = differencing.hidden_cells(counted, earlier, k=plan.min_cell)
    findings = differencing.exposures(counted, earlier, hidden=hidden, k=plan.min_cell)
    shown = {c.key: len(c.members) for c in counted if c.key not in hidden}
    spread = None
    if plan.epsilon is not None:
        spread = noise.sensitivity(
            [f"{c.unit}:{m}" for m in c.members] for c in counted if c.members
        )
        shown = noise.add_noise(shown, epsilon=plan.epsilon, sensitivity=spread)
    published = {key: noise.round_count(value, plan.rounding_base) for key, value in shown.items()}
    parts = period_parts(plan.period_start, plan.period_end, plan.split)
    cells = [
        BuiltCell(
            c.key.measure,
            c.key.start,
            c.key.end,
            c.key.area,
            len(c.members),
            published.get(c.key),
            sorted(c.members),
        )
        for c in counted
    ]
    guarantee: Guarantee = {
        "min_cell": plan.min_cell,
        "rounding_base": plan.rounding_base,
        "epsilon": None if plan.epsilon is None else float(plan.epsilon),
        "mechanism": noise.MECHANISM if plan.epsilon is not None else None,
        "sensitivity": spread,
        "checked_against": checked_against,
    }
    content_cells = [_cell_entry(cell, parts) for cell in cells]
    rates = _rates(plan, content_cells, parts)
    programme = plan.programme
    content: Content = {
        "schema": SCHEMA,
        "programme": {
            "name": programme.name,
            "slug": programme.slug,
            "countries": list(programme.countries),
            "summary": programme.summary,
        },
        "version": None,
        "published_on": None,
        "title": plan.title,
        "as_of": plan.as_of.isoformat(),
        "period": _part(plan.period_start, plan.period_end),
        "periods": parts,
        "breakdown": plan.breakdown,
        "measures": list(plan.measures),
        "areas": areas_of(programme, plan.breakdown),
        "cells": content_cells,
        "rates": rates,
        "goals": _goals(plan, content_cells, rates, parts),
        "people_protected": _people_protected(plan),
        "guarantee": guarantee,
        "supersedes": plan.supersedes_version,
        "change_note": plan.change_note,
    }
    return Built(content, cells, findings_as_checks(findings, parts))


def findings_as_checks(findings: list[differencing.Finding], parts: list[PeriodPart]) -> list[dict]:
    """The findings as ``Release.checks`` keeps them: codes and numbers, labelled when shown."""
    keys = {(p["start"], p["end"]): p["key"] for p in parts}
    return [
        {
            "cells": [
                [c.measure, keys.get((c.start.isoformat(), c.end.isoformat()), ""), c.area]
                for c in finding.cells
            ],
            "versions": list(finding.versions),
            "group": finding.group,
        }
        for finding in findings
    ]


def _cell_entry(cell: BuiltCell, parts: list[PeriodPart]) -> CellEntry:
    key = next(p["key"] for p in parts if p["start"] == cell.start.isoformat())
    return {"measure": cell.measure, "period": key, "area": cell.area, "value": cell.published}


def _rates(plan: Plan, cells: list[CellEntry], parts: list[PeriodPart]) -> list[RateEntry]:
    values = {(c["measure"], c["period"], c["area"]): c["value"] for c in cells}
    rates: list[RateEntry] = []
    areas = ["", *areas_of(plan.programme, plan.breakdown)]
    for code, indicator in INDICATORS.items():
        if indicator.ratio is None or not set(indicator.ratio) <= set(plan.measures):
            continue
        top, bottom = indicator.ratio
        for part in parts:
            for area in areas:
                num = values[(top, part["key"], area)]
                den = values[(bottom, part["key"], area)]
                hidden = num is None or den is None
                value = None
                if num is not None and den:
                    value = round(100 * num / den, 1)
                rates.append(
                    {
                        "indicator": code,
                        "period": part["key"],
                        "area": area,
                        "value": value,
                        "hidden": hidden,
                    }
                )
    return rates


def _goals(
    plan: Plan, cells: list[CellEntry], rates: list[RateEntry], parts: list[PeriodPart]
) -> list[GoalEntry]:
    last = parts[-1]["key"]
    rate_of = {(r["indicator"], r["period"], r["area"]): r["value"] for r in rates}
    count_of = {(c["measure"], c["period"], c["area"]): c["value"] for c in cells}
    goals = plan.programme.goals.filter(archived_at__isnull=True).select_related("area")
    entries: list[GoalEntry] = []
    for goal in goals.prefetch_related("milestones"):
        indicator = INDICATORS[goal.indicator]
        area = goal.area.admin1 if goal.area else ""
        lower = upper = None
        if indicator.source == LIVE:
            current: float | None = rate_of.get((goal.indicator, last, area))
            if current is None and indicator.measure:
                count = count_of.get((indicator.measure, last, area))
                current = None if count is None else float(count)
        else:
            estimate = results.indicator_estimate(
                programme=plan.programme,
                code=goal.indicator,
                start=plan.period_start,
                end=plan.period_end,
                area=area or None,
            )
            current = None if estimate.hidden else estimate.value
            lower, upper = estimate.lower, estimate.upper
        entries.append(
            {
                "title": goal.title,
                "indicator": goal.indicator,
                "area": area,
                "unit": indicator.unit,
                "baseline": float(goal.baseline_value),
                "baseline_on": goal.baseline_on.isoformat(),
                "target": float(goal.target_value),
                "target_on": goal.target_on.isoformat(),
                "milestones": [
                    [m.due_on.isoformat(), float(m.value)] for m in goal.milestones.all()
                ],
                "current": current,
                "lower": lower,
                "upper": upper,
                "status": results.goal_status(goal=goal, current=current, as_of=plan.period_end),
            }
        )
    return entries


def _people_protected(plan: Plan) -> ProtectedEntry:
    result = protection.people_protected(programme=plan.programme, as_of=plan.period_end)
    return {
        "method_version": result.method_version,
        "people": result.people,
        "areas": [
            {
                "country": a.country,
                "admin1": a.admin1,
                "population": a.population,
                "protected": a.protected,
            }
            for a in result.areas
        ],
    }

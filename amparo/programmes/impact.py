"""The impact report's figures, from one published release's content and nothing else.

A release is a period (with, perhaps, one column per year): the report shows,
for each of its periods, the programme-wide figures it holds — people served
in each pillar, legal outcomes, survivors restored, the share of work led by
partners — then progress towards each goal, people protected and the
guarantee. Rates are post-processing of published counts (or the release's own
rates), so they add no risk; a figure resting on a hidden count is hidden.
Labels are in the active language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from amparo.programmes import labels
from amparo.programmes.content import Content, GoalEntry, ProtectedEntry

PILLARS = ("survivors_intake", "survivors_justice", "survivors_restoration")
LEGAL = ("complaints", "verdicts", "convictions")
RESTORED = ("survivors_restored",)
RATIOS = {
    # indicator → (numerator, denominator): read from the release's rates, else computed.
    "conviction_rate": ("convictions", "verdicts"),
    "partner_service_share": ("services_by_partners", "services"),
}


@dataclass(frozen=True)
class Figure:
    value: float | None
    hidden: bool
    unit: str

    @property
    def text(self) -> str:
        """``[c]`` when hidden, a dash when the release does not hold it, else the figure."""
        if self.hidden:
            return labels.HIDDEN
        return "—" if self.value is None else labels.value_label(self.value, self.unit)


@dataclass(frozen=True)
class FigureRow:
    code: str
    label: str
    figures: tuple[Figure, ...]  # one per period, in the release's order


@dataclass(frozen=True)
class GoalBar:
    goal: GoalEntry
    label: str  # the indicator's label
    status_label: str
    baseline: str
    current: str
    target: str
    # How far from baseline to target the current value is, 0–1 (None without one).
    progress: float | None

    @property
    def width(self) -> float:
        """The bar's length in the SVG's 300 units."""
        return round(300 * (self.progress or 0), 1)

    @property
    def percent(self) -> int | None:
        return None if self.progress is None else round(100 * self.progress)


@dataclass(frozen=True)
class ImpactReport:
    content: Content
    periods: tuple[str, ...]  # labels, one per column
    pillars: tuple[FigureRow, ...]
    legal: tuple[FigureRow, ...]
    restored: tuple[FigureRow, ...]
    partners: tuple[FigureRow, ...]
    goals: tuple[GoalBar, ...]
    people_protected: ProtectedEntry | None
    guarantee: tuple[str, ...]
    hidden_note: str

    @property
    def version(self) -> int:
        return int(self.content["version"] or 0)

    @property
    def sections(self) -> tuple[tuple[str, tuple[FigureRow, ...]], ...]:
        return tuple(
            (title, rows)
            for title, rows in (
                (_("People served in each pillar"), self.pillars),
                (_("Legal outcomes"), self.legal),
                (_("Survivors restored"), self.restored),
                (_("Work led by partners"), self.partners),
            )
            if rows
        )


def _cells(content: Content) -> dict[tuple[str, str], int | None]:
    return {(c["measure"], c["period"]): c["value"] for c in content["cells"] if c["area"] == ""}


def _count_row(content: Content, code: str, cells: dict) -> FigureRow | None:
    if code not in content["measures"]:
        return None
    figures = []
    for period in content["periods"]:
        value = cells.get((code, period["key"]))
        figures.append(Figure(value=value, hidden=value is None, unit="count"))
    return FigureRow(code, labels.measure_label(code), tuple(figures))


def _rate_row(content: Content, indicator: str, cells: dict) -> FigureRow | None:
    top, bottom = RATIOS[indicator]
    published = {
        r["period"]: r for r in content["rates"] if r["indicator"] == indicator and r["area"] == ""
    }
    if not published and not {top, bottom} <= set(content["measures"]):
        return None
    figures = []
    for period in content["periods"]:
        rate = published.get(period["key"])
        if rate is not None:
            figures.append(Figure(rate["value"], rate["hidden"], "percent"))
            continue
        numerator, denominator = cells.get((top, period["key"])), cells.get((bottom, period["key"]))
        if numerator is None or denominator is None:
            figures.append(Figure(None, True, "percent"))
        else:
            value = round(100 * numerator / denominator, 1) if denominator else None
            figures.append(Figure(value, False, "percent"))
    return FigureRow(indicator, labels.indicator_label(indicator), tuple(figures))


def _progress(goal: GoalEntry) -> float | None:
    if goal["current"] is None or goal["target"] == goal["baseline"]:
        return None
    share = (goal["current"] - goal["baseline"]) / (goal["target"] - goal["baseline"])
    return max(0.0, min(1.0, share))


def _goal_bar(goal: GoalEntry) -> GoalBar:
    unit = goal["unit"]
    return GoalBar(
        goal=goal,
        label=labels.indicator_label(goal["indicator"]),
        status_label=labels.goal_status_label(goal["status"]),
        baseline=labels.value_label(goal["baseline"], unit),
        current="—" if goal["current"] is None else labels.value_label(goal["current"], unit),
        target=labels.value_label(goal["target"], unit),
        progress=_progress(goal),
    )


def _time_to_verdict(content: Content) -> FigureRow | None:
    """The legal outcomes' last row: time to verdict, when a goal on it holds a current value."""
    for goal in content["goals"]:
        if goal["indicator"] == "time_to_verdict" and goal["area"] == "":
            last = [Figure(None, False, "days")] * (len(content["periods"]) - 1)
            figure = Figure(goal["current"], goal["current"] is None, "days")
            return FigureRow(
                "time_to_verdict", labels.indicator_label("time_to_verdict"), (*last, figure)
            )
    return None


def impact_report(*, content: Content) -> ImpactReport:
    """The report of one published release: its figures for the programme as a whole."""
    cells = _cells(content)

    def rows(*found: FigureRow | None) -> tuple[FigureRow, ...]:
        return tuple(row for row in found if row is not None)

    return ImpactReport(
        content=content,
        periods=tuple(labels.period_label(p) for p in content["periods"]),
        pillars=rows(*(_count_row(content, code, cells) for code in PILLARS)),
        legal=rows(
            *(_count_row(content, code, cells) for code in LEGAL),
            _rate_row(content, "conviction_rate", cells),
            _time_to_verdict(content),
        ),
        restored=rows(*(_count_row(content, code, cells) for code in RESTORED)),
        partners=rows(
            _count_row(content, "services", cells),
            _count_row(content, "services_by_partners", cells),
            _rate_row(content, "partner_service_share", cells),
        ),
        goals=tuple(_goal_bar(goal) for goal in content["goals"]),
        people_protected=content["people_protected"],
        guarantee=tuple(labels.guarantee_sentences(content["guarantee"])),
        hidden_note=labels.hidden_note(content["guarantee"]),
    )


def impact_data(report: ImpactReport) -> dict[str, object]:
    """The report as JSON (the API's body): numbers as numbers, labels in the active language."""
    keys = [p["key"] for p in report.content["periods"]]

    def row(r: FigureRow) -> dict[str, object]:
        values = [
            {"period": key, "value": f.value, "hidden": f.hidden, "text": f.text}
            for key, f in zip(keys, r.figures, strict=True)
        ]
        return {"code": r.code, "label": r.label, "values": values}

    return {
        "version": report.version,
        "title": report.content["title"],
        "programme": report.content["programme"],
        "published_on": report.content["published_on"],
        "period": report.content["period"],
        "periods": [
            {"key": key, "label": label} for key, label in zip(keys, report.periods, strict=True)
        ],
        "pillars": [row(r) for r in report.pillars],
        "legal": [row(r) for r in report.legal],
        "restored": [row(r) for r in report.restored],
        "partners": [row(r) for r in report.partners],
        "goals": [
            {
                "title": bar.goal["title"],
                "indicator": bar.goal["indicator"],
                "label": bar.label,
                "area": bar.goal["area"],
                "unit": bar.goal["unit"],
                "baseline": bar.goal["baseline"],
                "current": bar.goal["current"],
                "target": bar.goal["target"],
                "target_on": bar.goal["target_on"],
                "status": bar.goal["status"],
                "status_label": bar.status_label,
                "progress": bar.progress,
            }
            for bar in report.goals
        ],
        "people_protected": report.people_protected,
        "guarantee": report.content["guarantee"],
        "guarantee_text": list(report.guarantee),
        "hidden_note": report.hidden_note,
    }

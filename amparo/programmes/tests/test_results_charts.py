"""The goal chart's geometry: what is drawn, what is not, and numbers that never localise."""

import datetime
import re
from decimal import Decimal

from django.utils import translation

from amparo.programmes.charts import goal_chart, goal_rows, hidden_label, value_text
from amparo.programmes.indicators import Estimate
from amparo.programmes.models import Goal
from amparo.programmes.results import GoalProgress

D = datetime.date
NUMBER = re.compile(r"-?\d+(\.\d)?")


def progress(trend, current) -> GoalProgress:
    goal = Goal(
        pk=1,
        indicator="would_report_police",
        title="More would report",
        baseline_value=Decimal("30.5"),
        baseline_on=D(2024, 1, 1),
        target_value=Decimal("60"),
        target_on=D(2030, 12, 31),
    )
    goal._prefetched_objects_cache = {"milestones": []}  # as prefetched: no milestone
    return GoalProgress(goal, "percent", current, tuple(trend), 35.0, "on_track")


def test_a_hidden_year_breaks_the_line_and_draws_no_whisker():
    trend = [
        (D(2024, 12, 31), Estimate(31.5, 29.5, 33.5)),
        (D(2025, 12, 31), Estimate(None, hidden=True)),
        (D(2026, 12, 31), Estimate(40, 38, 42)),
        (D(2027, 12, 31), Estimate(41, 39, 43)),
    ]
    chart = goal_chart(progress(trend, Estimate(41, 39, 43)), as_of=D(2027, 12, 31))
    assert len(chart.trend) == 1  # 2024 stands alone; 2026–2027 is one run
    assert len(chart.trend_marks) == 3
    assert len(chart.whiskers) == 3
    assert chart.current is not None
    assert [t.label for t in chart.years] == [str(y) for y in range(2024, 2031)]


def test_a_hidden_current_value_is_not_drawn_and_reads_fewer_than_k():
    chart = goal_chart(progress([], Estimate(None, hidden=True)), as_of=D(2026, 6, 30))
    assert chart.current is None
    rows = goal_rows(progress([], Estimate(None, hidden=True)), as_of=D(2026, 6, 30), k=11)
    current = next(row for row in rows if row.label == "Current value")
    assert current.value == "[c] fewer than 11" == hidden_label(11)
    assert current.interval == "—"
    assert [row.label for row in rows] == ["Baseline", "Current value", "Target"]


def test_coordinates_keep_a_dot_in_spanish_and_labels_a_comma():
    trend = [(D(2024, 12, 31), Estimate(31.25, 29.5, 33.5))]
    with translation.override("es"):
        chart = goal_chart(progress(trend, Estimate(31.25, 29.5, 33.5)), as_of=D(2024, 12, 31))
        label = value_text(31.25, "percent")
    numbers = [chart.baseline.x, chart.baseline.y, chart.target.y, chart.current.x]
    numbers += [w.low for w in chart.whiskers] + [g.at for g in chart.gridlines]
    assert all(NUMBER.fullmatch(n) for n in numbers), numbers
    assert all(NUMBER.fullmatch(p) for p in chart.path.replace(",", " ").split())
    assert label == "31,2 %"

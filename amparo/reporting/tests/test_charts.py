"""Chart geometry from tables and curves, rendered in English and Spanish.

Whatever the language, every number in the markup has a dot (Spanish once
printed ``width="300,0"``, which a browser reads as no width at all); a
hidden cell draws nothing; a hidden month breaks its line.
"""

import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from amparo.core.svg import svg_number, svg_points
from amparo.reporting import charts
from amparo.reporting.chart_parts import WIDTH, nice_ceiling
from amparo.reporting.periods import add_months
from amparo.reporting.suppression import HIDDEN, Cell, Figure
from amparo.reporting.survival import time_to_event
from amparo.reporting.tables import Column, Row, Table, count_table, protect_tables

NUMBER = r"-?\d+(?:\.\d+)?"
NUMERIC = {"x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height", "rx", "dy"}
ATTRIBUTE = re.compile(r'([\w:-]+)="([^"]*)"')


def assert_clean_markup(html: str) -> None:
    """Every geometric attribute is plain dot-decimal numbers; nothing anywhere has ``1,5``-style decimals."""
    assert "<svg" in html
    for name, value in ATTRIBUTE.findall(html):
        if name in NUMERIC:
            assert re.fullmatch(NUMBER + "%?", value), f"{name}={value!r}"
        elif name == "viewBox":
            assert re.fullmatch(rf"{NUMBER}( {NUMBER}){{3}}", value), value
        elif name == "points":
            assert re.fullmatch(rf"{NUMBER},{NUMBER}( {NUMBER},{NUMBER})*", value), value
        elif name == "d":
            assert re.fullmatch(rf"M{NUMBER},{NUMBER}( ?[LHV]{NUMBER}(,{NUMBER})?)*( Z)?", value), (
                value
            )


def render(name: str, chart: object, language: str) -> str:
    with translation.override(language):
        return render_to_string(
            f"reporting/charts/{name}.html", {"chart": chart, "id": name, "title": "T"}
        )


def months_table(values: dict[str, list[int]], *, start: datetime.date, suppress: bool) -> Table:
    """Rows keyed ``YYYY-MM`` from ``start``, month by month (a 31st steps to 29 February in 2024)."""
    months = [add_months(start, i) for i in range(len(values["a"]))]
    table = count_table(
        key="trend",
        title="Trend",
        columns=[Column("a", "Complaints"), Column("b", "Verdicts")],
        rows=[
            (f"{m:%Y-%m}", f"{m:%Y-%m}", {k: v[i] for k, v in values.items()})
            for i, m in enumerate(months)
        ],
    )
    return protect_tables([table], suppress=suppress)[0]


@pytest.fixture
def stages() -> Table:
    table = count_table(
        key="funnel",
        title="Funnel",
        columns=[
            Column("cases", "Cases"),
            Column("all", "All", published=False),
            Column("share", "Share", kind="share", of="cases", over="all"),
        ],
        rows=[
            ("complaint", "Complaint filed", {"cases": 404, "all": 404}),
            ("trial", "Trial opened", {"cases": 120, "all": 404}),
            ("verdict", "Verdict", {"cases": 3, "all": 404}),
            ("none", "Nothing yet", {"cases": 0, "all": 404}),
        ],
    )
    return protect_tables([table], suppress=True)[0]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (300.0, "300"),
        (300.04, "300"),
        (12.25, "12.2"),
        (0.5, "0.5"),
        (-0.04, "0"),
        (1e6, "1000000"),
    ],
)
def test_svg_number_has_a_dot_and_no_noise(value, text):
    assert svg_number(value) == text
    assert svg_number(float("nan")) == "0" and svg_number(float("inf")) == "0"
    assert svg_points([(1.25, 2), (3, 4.5)]) == "1.2,2 3,4.5"


@pytest.mark.parametrize("language", ["en", "es"])
def test_bars_have_a_width_for_each_shown_value_and_none_for_a_hidden_one(stages, language):
    with translation.override(language):
        chart = charts.bar_chart(stages, "cases")
    html = render("bar", chart, language)
    assert_clean_markup(html)
    by_label = {bar.full_label: bar for bar in chart.bars}
    assert float(by_label["Complaint filed"].width) == WIDTH - charts.VALUE_ROOM
    assert 0 < float(by_label["Trial opened"].width) < float(by_label["Complaint filed"].width)
    hidden = by_label["Verdict"]
    assert hidden.value == HIDDEN and not hidden.drawn
    assert not by_label["Nothing yet"].drawn and by_label["Nothing yet"].value == "0"
    assert html.count("<rect") == 2
    assert 'width="300,0"' not in html and "404" in html


def test_a_hidden_value_never_sets_the_scale():
    table = Table(
        key="t",
        title="",
        columns=(Column("n", "N"),),
        rows=(
            Row("big", "Big but hidden", {"n": Cell(1000, suppressed=True)}),
            Row("shown", "Shown", {"n": Cell(20)}),
        ),
    )
    chart = charts.bar_chart(table, "n")
    assert float(chart.bars[1].width) == WIDTH - charts.VALUE_ROOM
    assert not chart.bars[0].drawn


@pytest.mark.parametrize("language", ["en", "es"])
def test_shares_are_labelled_in_the_language_and_drawn_with_a_dot(stages, language):
    with translation.override(language):
        chart = charts.bar_chart(stages, "share", rows=["trial", "complaint"])
    html = render("bar", chart, language)
    assert_clean_markup(html)
    assert [bar.full_label for bar in chart.bars] == ["Trial opened", "Complaint filed"]
    assert chart.bars[1].value.replace(" ", "") == "100%"  # "100 %" in Spanish


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_breakdown_side_by_side_has_a_bar_per_column_and_a_legend(language):
    table = count_table(
        key="courts",
        title="Courts",
        columns=[Column("filed", "Filed"), Column("decided", "Decided")],
        rows=[
            ("a", "Escuintla", {"filed": 40, "decided": 25}),
            ("b", "Petén", {"filed": 30, "decided": 2}),
        ],
    )
    table = protect_tables([table], suppress=True)[0]
    with translation.override(language):
        chart = charts.grouped_bar_chart(table, ["filed", "decided"])
    html = render("grouped", chart, language)
    assert_clean_markup(html)
    assert [item.label for item in chart.legend] == ["Filed", "Decided"]
    assert all(len(group.bars) == 2 for group in chart.groups)
    drawn = [bar for group in chart.groups for bar in group.bars if bar.drawn]
    assert all(float(bar.width) > 0 for bar in drawn)
    hidden = [bar for group in chart.groups for bar in group.bars if bar.value == HIDDEN]
    assert hidden and not any(bar.drawn for bar in hidden)
    assert html.count('class="bar ') == len(drawn)


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_trend_breaks_its_line_at_a_hidden_month(language):
    table = months_table(
        {"a": [20, 25, 3, 30, 35, 40], "b": [12, 14, 15, 16, 18, 20]},
        start=datetime.date(2023, 11, 30),
        suppress=True,
    )
    assert table.cell("2024-01", "a").suppressed  # type: ignore[union-attr]  # count cell
    with translation.override(language):
        chart = charts.trend_chart(table, ["a", "b"])
    html = render("trend", chart, language)
    assert_clean_markup(html)
    complaints, _verdicts = chart.series
    assert len(complaints.segments) == 2  # Nov–Dec, then Feb–Apr
    assert [len(s.split()) for s in complaints.segments] == [2, 3]
    assert len(complaints.dots) == 5
    labels = [m.label.lower() for m in chart.months]
    assert labels[:3] == (["nov", "dec", "jan"] if language == "en" else ["nov", "dic", "ene"])
    assert [y.label for y in chart.years] == ["2023", "2024"]
    assert chart.gridlines[0].label == "0"
    assert all(float(g.at) <= float(chart.bottom) for g in chart.gridlines)


def test_a_trend_across_a_leap_february_and_month_ends():
    table = months_table(
        {"a": [11, 12, 13], "b": [11, 11, 11]}, start=datetime.date(2024, 1, 31), suppress=False
    )
    assert [r.key for r in table.rows] == ["2024-01", "2024-02", "2024-03"]
    chart = charts.trend_chart(table, ["a"])
    assert [m.label for m in chart.months] == ["Jan", "Feb", "Mar"]
    assert len(chart.series[0].segments) == 1 and not chart.legend  # one line needs no legend


def test_a_trend_of_shares_runs_from_0_to_100_percent():
    table = Table(
        key="t",
        title="",
        columns=(Column("s", "Share", kind="share"),),
        rows=(
            Row("2026-01", "", {"s": Figure(0.25)}),
            Row("2026-02", "", {"s": Figure(None, hidden=True)}),
            Row("2026-03", "", {"s": Figure(0.5)}),
        ),
    )
    chart = charts.trend_chart(table, ["s"])
    assert chart.gridlines[-1].label == "100%"
    assert chart.series[0].segments == ()  # two single points, no line across the hidden month
    assert len(chart.series[0].dots) == 2


def test_nice_ceiling():
    assert [nice_ceiling(v) for v in (0, 0.3, 1, 7, 11, 404, 5000)] == [
        1,
        0.5,
        1,
        10,
        20,
        500,
        5000,
    ]


def path_points(d: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in re.findall(rf"({NUMBER}),({NUMBER})", d)]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_incidence_chart_rises_inside_its_band_and_marks_the_median(language):
    curve = time_to_event(events={10: 5, 50: 8, 100: 6}, censored={120: 3}, competing={30: 2})
    with translation.override(language):
        chart = charts.incidence_chart(curve)
    assert chart is not None
    html = render("incidence", chart, language)
    assert_clean_markup(html)
    (drawn,) = chart.curves
    line = path_points(drawn.path)
    assert line[0] == (float(chart.left), float(chart.bottom))
    ys = [y for _x, y in line]
    assert ys == sorted(ys, reverse=True)  # rising: y only goes up the box
    assert all(float(chart.top) <= y <= float(chart.bottom) for y in ys)
    band = path_points(drawn.band)
    assert drawn.band.startswith("M") and drawn.band.endswith(" Z") and band[0] == band[-1]
    assert drawn.median_x is not None and curve.median == 50
    assert [t.label.replace(" ", "") for t in chart.y_ticks] == ["0%", "50%", "100%"]
    assert chart.x_ticks[0].label == "0 d" and len(chart.x_ticks) >= 3


def test_several_curves_share_the_axes_and_get_a_legend():
    now = time_to_event(events={30: 6, 60: 6}, censored={90: 2})
    before = time_to_event(events={40: 3, 400: 2}, censored={800: 7})
    chart = charts.incidence_chart([("This period", now), ("Previous period", before)])
    assert chart is not None
    assert [item.label for item in chart.legend] == ["This period", "Previous period"]
    assert [c.series for c in chart.curves] == [0, 1]
    assert chart.x_ticks[-1].label == "2 y"
    assert chart.curves[1].median_x is None and "not reached" in chart.curves[1].median_text
    assert_clean_markup(render("incidence", chart, "es"))


def test_no_curve_draws_the_empty_state():
    from amparo.reporting.survival import TimeToEvent

    assert charts.incidence_chart(TimeToEvent.empty()) is None
    with translation.override("es"):
        html = render_to_string("reporting/charts/incidence.html", {"chart": None, "id": "x"})
    assert "<svg" not in html and 'class="empty"' in html


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_dumbbell_draws_known_scores_and_marks_a_hidden_one(language):
    with translation.override(language):
        chart = charts.dumbbell_chart(
            [
                ("Health", 1.5, 3.25),
                ("Safety", Figure(None, hidden=True), 2.0),
                ("Work", None, 2.0),
            ],
            low=1,
            high=4,
        )
    html = render("dumbbell", chart, language)
    assert_clean_markup(html)
    health, safety, work = chart.rows
    assert health.drawn and float(health.first_x) < float(health.latest_x)
    assert health.latest == ("3.2" if language == "en" else "3,2")  # a label: localised
    assert not safety.drawn and safety.value == HIDDEN
    assert not work.drawn and work.value == "—"
    assert html.count("<circle") == 2
    assert [t.label for t in chart.ticks] == ["1", "2", "3", "4"]


def test_the_trajectory_of_a_case_file_draws_with_dots_in_spanish():
    from amparo.aftercare.charts import trajectory_chart

    series = [(datetime.date(2024, 2, 29), 1.5), (datetime.date(2024, 8, 31), 3.25)]
    with translation.override("es"):
        chart = trajectory_chart(series, low=1, high=4)
        html = render_to_string(
            "aftercare/_trajectory.html",
            {"t": {"code": "health", "label": "Salud", "chart": chart, "rows": series}},
        )
    assert_clean_markup(html)
    assert chart.points[0].value == "1,5"  # the value shown in a tooltip is a label
    assert re.fullmatch(rf"{NUMBER},{NUMBER} {NUMBER},{NUMBER}", chart.polyline)


@pytest.mark.parametrize(
    ("values", "labels"),
    [
        ([41, 12], ["0", "10", "20", "30", "40", "50"]),
        ([404, 120], ["0", "100", "200", "300", "400", "500"]),
        ([3, 0], ["0", "1", "2", "3"]),
        ([0, 0], ["0", "1"]),
    ],
)
def test_a_trend_has_round_gridlines_just_above_its_largest_value(values, labels):
    table = months_table(
        {"a": values, "b": [0, 0]}, start=datetime.date(2026, 1, 1), suppress=False
    )
    chart = charts.trend_chart(table, ["a"])
    assert [g.label for g in chart.gridlines] == labels
    assert float(chart.gridlines[-1].at) == float(chart.top)

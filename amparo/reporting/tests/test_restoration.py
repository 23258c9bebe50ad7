"""The restoration report against hand-counted figures (``restoration_world``)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from amparo.reporting.periods import Period
from amparo.reporting.restoration import report_period, restoration_report
from amparo.reporting.restoration_queries import RestorationFilters
from amparo.reporting.suppression import Cell, Figure
from amparo.reporting.tests.restoration_world import OPENED, TODAY, add_case, build_world

YEAR = Period(start=OPENED, end=TODAY)
OUTCOMES = ("cases", "restored", "closed", "open", "outcomes")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def world(cast):
    build_world(cast)
    return cast


def _report(cast, *, period=YEAR, view="cohort", suppress=False, **dims):
    filters = RestorationFilters(period=period, view=view, **dims)
    return restoration_report(user=cast.analyst, filters=filters, suppress=suppress, today=TODAY)


def _counts(table, row):
    return tuple(table.cell(row, o).value for o in OUTCOMES)


def _value(table, row, column):
    value = table.cell(row, column)
    return value.value if isinstance(value, Cell | Figure) else value


def test_cohort_outcomes_and_rates(world):
    report = _report(world)
    comparison = report.table("comparison")
    assert _counts(comparison, "current") == (10, 4, 4, 2, 8)
    assert _value(comparison, "current", "rate_cases") == pytest.approx(0.4)
    assert _value(comparison, "current", "rate_outcomes") == pytest.approx(0.5)
    assert report.view == "cohort" and dict(report.filters)["View"].startswith("Cases opened")


def test_time_to_restoration_counts_closures_as_competing(world):
    report = _report(world)
    curve = report.curves["time_to_restoration"]
    assert curve.method == "aalen_johansen"
    assert curve.times == (50, 100, 200, 364)
    assert curve.at_risk == (10, 6, 4, 2)
    assert curve.reached == pytest.approx((0.0, 0.2, 0.4, 0.4))
    # Never half restored: no median (a KM censoring the closures would say 200 days).
    assert curve.median is None
    time = report.table("time_to_restoration")
    assert str(time.cell("median", "estimate")) == "—"
    assert _value(time, "by_6_months", "estimate") == pytest.approx(20.0)  # per cent
    assert _value(time, "by_12_months", "estimate") == pytest.approx(40.0)


def test_period_view_counts_what_happened_in_the_period(world):
    first_quarter = Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 3, 31))
    second_quarter = Period(start=datetime.date(2026, 4, 1), end=datetime.date(2026, 6, 30))
    q1 = _report(world, period=first_quarter, view="period").table("comparison")
    assert _counts(q1, "current") == (10, 0, 4, 6, 4)
    q2 = _report(world, period=second_quarter, view="period")
    comparison = q2.table("comparison")
    # The four closed in February are done before April: not followed in the second quarter.
    assert _counts(comparison, "current") == (6, 2, 0, 4, 2)
    assert _value(comparison, "current", "rate_outcomes") == pytest.approx(1.0)
    # Previous: the 91 days before (2025-12-31 to 2026-03-31); a year before: nothing yet.
    assert _counts(comparison, "previous") == (10, 0, 4, 6, 4)
    assert _counts(comparison, "year_before") == (0, 0, 0, 0, 0)
    changes = q2.table("changes")
    assert [_value(changes, "vs_previous", o) for o in OUTCOMES] == [-4, 2, -4, -2, -2]
    assert _value(changes, "vs_year_before", "restored") == 2
    assert str(changes.cell("vs_year_before", "rate_cases")) == "—"  # no cases a year before


def test_cohort_comparisons_read_each_period_by_its_own_intakes(world):
    add_case(world, opened=datetime.date(2025, 3, 1), restored=datetime.date(2025, 9, 1))
    comparison = _report(world).table("comparison")
    assert _counts(comparison, "previous") == (1, 1, 0, 0, 1)
    assert _counts(comparison, "year_before") == (1, 1, 0, 0, 1)
    assert _counts(comparison, "current") == (10, 4, 4, 2, 8)


def test_monthly_trends(world):
    trends = _report(world).table("trends")
    assert [r.key for r in trends.rows] == [f"2026-{m:02}" for m in range(1, 13)]
    assert _value(trends, "2026-01", "intakes") == 10
    assert _value(trends, "2026-02", "closures") == 4
    assert _value(trends, "2026-04", "restorations") == 2
    assert _value(trends, "2026-07", "restorations") == 2
    assert (_value(trends, "total", "restorations"), _value(trends, "total", "closures")) == (4, 4)


def test_breakdowns_add_up_to_the_headline(world):
    report = _report(world)
    departments = report.table("by_department")
    assert [(r.label, r["cases"].value) for r in departments.rows] == [
        ("Escuintla", 6),
        ("Petén", 3),
        ("Not recorded", 1),
    ]
    offences = report.table("by_offence")
    assert [(r.key, r["cases"].value) for r in offences.rows] == [
        ("physical_assault", 3),
        ("rape", 6),
        ("none", 1),
    ]
    headline = _counts(report.table("comparison"), "current")
    assert _counts(departments, "total") == headline == _counts(offences, "total")
    partners = report.table("by_partner")
    assert [(r.label, *_counts(partners, r.key)) for r in partners.rows] == [
        (world.refugio.name, 3, 2, 1, 0, 3)
    ]


def test_filters_by_department_offence_and_partner(world):
    assert _counts(_report(world, admin1="Petén").table("comparison"), "current") == (3, 2, 0, 1, 2)
    by_offence = _report(world, offence="rape").table("comparison")
    assert _counts(by_offence, "current") == (6, 2, 4, 0, 6)
    by_partner = _report(world, partner_id=world.refugio.pk).table("comparison")
    assert _counts(by_partner, "current") == (3, 2, 1, 0, 3)


def test_domain_scores_first_to_latest(world):
    domains = _report(world).table("domains")
    assert _value(domains, "safety", "cases") == 8
    assert _value(domains, "safety", "first") == 2.0
    assert _value(domains, "safety", "latest") == 2.5
    assert _value(domains, "safety", "change") == 0.5
    assert _value(domains, "mental", "cases") == 0
    assert str(domains.cell("mental", "first")) == "—"


def test_means_over_a_hidden_number_of_cases_are_hidden(world):
    domains = _report(world, suppress=True).table("domains")
    assert domains.cell("safety", "cases").suppressed
    assert all(domains.cell("safety", k).hidden for k in ("first", "latest", "change"))


def test_the_default_period_is_twelve_calendar_months_also_on_29_february():
    leap = report_period(start=None, end=None, today=datetime.date(2024, 2, 29))
    assert (leap.start, leap.end) == (datetime.date(2023, 3, 1), datetime.date(2024, 2, 29))
    assert leap.year_before() == Period(datetime.date(2022, 3, 1), datetime.date(2023, 2, 28))
    month_end = report_period(start=None, end=None, today=datetime.date(2026, 1, 31))
    assert month_end.start == datetime.date(2025, 2, 1)
    assert [m.month for m in month_end.months()][:2] == [2, 3] and len(month_end.months()) == 12
    late_start = report_period(start=datetime.date(2027, 1, 1), end=None, today=TODAY)
    assert late_start.end == datetime.date(2027, 1, 1)


@pytest.mark.parametrize("name", ["caseworker", "counsellor", "lawyer", "outsider"])
def test_only_aggregate_roles(cast, name):
    filters = RestorationFilters(period=YEAR)
    with pytest.raises(PermissionDenied):
        restoration_report(user=cast.user(name), filters=filters, suppress=False, today=TODAY)

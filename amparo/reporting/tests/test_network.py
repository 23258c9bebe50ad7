"""The network report: hand-checked figures, comparisons across month ends and 29 February."""

import datetime
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied

from amparo.reporting.network import network_report
from amparo.reporting.network_counts import median
from amparo.reporting.periods import Period
from amparo.reporting.tests.network_example import MARCH, at, example, refer, serve

__all__ = ["example"]


def column(table, key):
    """``{row key: shown value}`` of one column (a Cell's count, a Figure's number)."""
    return {r.key: r.values[key].value for r in table.all_rows}


@pytest.fixture
def exact(settings):
    settings.AMPARO_REPORT_MIN_CELL = 1


def test_referrals_by_status_and_how_they_were_answered(example, exact):
    report = network_report(user=example.cast.analyst, period=MARCH)
    statuses = report.table("referrals")
    assert column(statuses, "sent") == {
        "pending": 1,
        "accepted": 2,
        "declined": 1,
        "revoked": 2,
        "completed": 1,
        "all": 7,
    }
    assert column(statuses, "received") == {
        "pending": 0,
        "accepted": 1,
        "declined": 1,
        "revoked": 0,
        "completed": 0,
        "all": 2,
    }
    responses = report.table("responses")
    sent, received = responses.row("sent"), responses.row("received")
    shown = ("total", "answered", "accepted", "declined", "open")
    assert [sent[k].value for k in shown] == [7, 5, 4, 1, 2]
    assert [received[k].value for k in shown] == [2, 2, 1, 1, 0]
    assert sent["acceptance"].value == 0.8 and received["acceptance"].value == 0.5
    # Delays of 0.5, 1, 2, 3 and 4 days; of 0.5 and 1.5.
    assert sent["median_days"].value == 2.0 and received["median_days"].value == 1.0
    assert [c.key for c in responses.published_columns] == [
        *shown,
        "acceptance",
        "median_days",
    ]
    assert report.view == "cohort" and report.suppressed


def test_services_by_type_and_by_partner(example, exact):
    report = network_report(user=example.cast.supervisor, period=MARCH)
    services = report.table("services")
    assert [r.key for r in services.rows] == ["medical", "psychosocial", "legal"]
    assert column(services, "by_partners") == {
        "medical": 1,
        "psychosocial": 2,
        "legal": 1,
        "all": 4,
    }
    assert column(services, "by_us") == {"medical": 0, "psychosocial": 1, "legal": 1, "all": 2}
    assert column(services, "for_partners") == {
        "medical": 0,
        "psychosocial": 0,
        "legal": 1,
        "all": 1,
    }
    assert services.cell("all", "partner_share").value == pytest.approx(4 / 6)
    assert services.cell("medical", "partner_share").value == 1.0
    partners = report.table("partners")
    cast = example.cast
    assert [(r.label, r["sent_to"].value, r["received_from"].value) for r in partners.rows] == [
        (cast.refugio.name, 6, 2),
        (cast.tercera.name, 1, 0),
    ]
    assert [r["services"].value for r in partners.all_rows] == [3, 1, 4]
    assert [r["referrals"].value for r in partners.all_rows] == [8, 1, 9]


def test_compared_with_the_period_before_and_a_year_before(example, exact):
    report = network_report(user=example.cast.analyst, period=MARCH)
    # March 2024 (31 days) follows 30 January – 29 February 2024 (leap day included).
    assert dict(report.filters)["Previous period"] == "2024-01-30..2024-02-29"
    assert dict(report.filters)["Same period a year before"] == "2023-03-01..2023-03-31"
    comparison = report.table("comparison")
    rows = {
        r.key: tuple(r[c].value for c in ("current", "previous", "change_previous"))
        + tuple(r[c].value for c in ("year_before", "change_year"))
        for r in comparison.rows
    }
    assert rows == {
        "sent": (7, 1, 6.0, 1, 6.0),
        "received": (2, 0, 2.0, 0, 2.0),
        "accepted": (4, 1, 3.0, 0, 4.0),
        "by_partners": (4, 0, 4.0, 1, 3.0),
        "by_us": (2, 1, 1.0, 0, 2.0),
        "on_our_cases": (6, 1, 5.0, 1, 5.0),
        "for_partners": (1, 0, 1.0, 0, 1.0),
    }


def test_a_period_ending_on_29_february_compares_with_28_february(net, exact):
    cast = net.cast
    february = Period(datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2024-02-29", "23:59"))
    refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2023-02-28", "23:59"))
    refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2023-03-01", "00:00"))
    # The previous 28 days: 3 to 31 January.
    refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2024-01-03", "00:00"))
    refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2024-01-02", "23:59"))
    report = network_report(user=cast.analyst, period=february)
    assert dict(report.filters)["Previous period"] == "2024-01-03..2024-01-31"
    assert dict(report.filters)["Same period a year before"] == "2023-02-01..2023-02-28"
    sent = report.table("comparison").row("sent")
    assert (sent["current"].value, sent["previous"].value, sent["year_before"].value) == (1, 1, 1)


def test_monthly_trend_covers_every_month_of_the_period(net, exact):
    cast = net.cast
    period = Period(datetime.date(2024, 1, 15), datetime.date(2024, 3, 10))
    refer(
        net, cast.lex, cast.refugio, "accepted", sent_at=at("2024-01-31", "23:30"), answer_hours=2
    )
    refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2024-03-01", "00:10"))
    refer(net, cast.lex, cast.refugio, "pending", sent_at=at("2024-01-14", "23:59"))  # before
    serve(net, cast.case, cast.refugio, "medical", "2024-02-29")
    serve(net, cast.case, cast.lex, "medical", "2024-02-29")  # ours: not a partner's
    trend = network_report(user=cast.analyst, period=period).table("trend")
    assert [r.label for r in trend.all_rows] == ["2024-01", "2024-02", "2024-03", "Whole period"]
    assert column(trend, "sent") == {"2024-01": 1, "2024-02": 0, "2024-03": 1, "all": 2}
    assert column(trend, "accepted") == {"2024-01": 1, "2024-02": 0, "2024-03": 0, "all": 1}
    assert column(trend, "services_by_partners")["2024-02"] == 1


def test_the_partner_sees_its_own_side(example, exact):
    report = network_report(user=example.cast.partner_supervisor, period=MARCH)
    total = report.table("referrals").row("all")
    assert (total["received"].value, total["sent"].value) == (6, 3)
    services = report.table("services").row("all")
    assert (services["for_partners"].value, services["by_us"].value) == (3, 1)


def test_the_default_period_is_the_year_up_to_today(example, exact):
    report = network_report(user=example.cast.analyst, today=datetime.date(2024, 3, 31))
    assert dict(report.filters)["From"] == "2023-04-01"
    # March, 29 February and 1 April 2023 at midnight; not 31 March 2023.
    assert report.table("referrals").cell("all", "sent").value == 9
    with pytest.raises(ValueError):
        network_report(user=example.cast.analyst, view="period")


@pytest.mark.parametrize("who", ["caseworker", "lawyer", "counsellor", "outsider"])
def test_refused_without_aggregates(net, who):
    with pytest.raises(PermissionDenied):
        network_report(user=net.cast.user(who))


def test_median_of_counted_values():
    assert median(Counter()) is None
    assert median(Counter({5.0: 1})) == 5.0
    assert median(Counter({1.0: 2, 3.0: 2})) == 2.0
    assert median(Counter({1.0: 1, 2.0: 5, 9.0: 1})) == 2.0

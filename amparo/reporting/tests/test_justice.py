"""The justice report's figures on small hand-built datasets, against numbers worked out by hand."""

import datetime

import pytest
from django.utils import translation

from amparo.justice.models import Accused, Charge, Court, Hearing, LegalCase, Offence
from amparo.reporting.justice import PERIOD, JusticeFilters, justice_report

D = datetime.date


@pytest.fixture(autouse=True)
def english():
    """Labels are checked in English, whatever an earlier test left active."""
    with translation.override("en"):
        yield


def legal_case(cast, complaint, *, court=None, offence="sexual_violence", **fields):
    """A legal case of Lex with the given stage dates (``verdict_on=...``) and status."""
    if fields.get("closed_on") and "status" not in fields:
        fields["status"] = "closed"
    return LegalCase.objects.create(
        organisation=cast.lex,
        title="t",
        reference="r",
        court=court or Court.objects.order_by("pk").first(),
        offence_category=offence,
        created_by=cast.supervisor,
        complaint_on=complaint,
        **fields,
    )


def report(cast, *, start, end, today, view="cohort", suppress=False, **filters):
    return justice_report(
        user=cast.analyst,
        filters=JusticeFilters(start=start, end=end, view=view, **filters),
        suppress=suppress,
        today=today,
    )


def values(table, column):
    return {row.key: row.values[column].value for row in table.all_rows}


def test_the_issues_example_counts_closures_as_competing_not_censored(cast):
    """10 withdrawn at day 50, 8 verdicts at day 100, 2 pending: 40% by day 100, no median.

    By hand (Aalen–Johansen): day 50, 20 at risk, 10 end another way: nobody
    has a verdict, half remain. Day 100: 8 of the 10 left get one: 0.5 × 8/10 = 0.4.
    Treating the withdrawals as censored would say 8/10 = 80% and a median of 100 days.
    """
    complaint = D(2026, 1, 10)
    for _ in range(10):
        legal_case(
            cast,
            complaint,
            closed_on=complaint + datetime.timedelta(days=50),
            closure_reason="withdrawn",
        )
    for _ in range(8):
        legal_case(
            cast,
            complaint,
            charges_on=complaint + datetime.timedelta(days=20),
            trial_on=complaint + datetime.timedelta(days=60),
            verdict_on=complaint + datetime.timedelta(days=100),
        )
    for _ in range(2):
        legal_case(cast, complaint)
    result = report(cast, start=D(2026, 1, 1), end=D(2026, 6, 30), today=D(2026, 7, 29))
    verdict = result.table("timings").row("verdict")
    assert {k: verdict[k].value for k in ("followed", "reached", "ended", "open")} == {
        "followed": 20,
        "reached": 8,
        "ended": 10,
        "open": 2,
    }
    assert verdict["median"].value is None  # 40% never reaches one half
    curve = result.curves["verdict"]
    assert curve.method == "aalen_johansen"
    assert curve.reached_by(99) == 0
    assert curve.reached_by(100) == pytest.approx(0.4)
    assert curve.reached_by(199) == pytest.approx(0.4)
    assert curve.median is None
    # Followed for 200 days at most: a share by one year is not estimable.
    assert verdict["by_365"].value is None
    # The charges stage: 8 at day 20, before any withdrawal: 8/20.
    assert result.curves["charges"].reached_by(20) == pytest.approx(0.4)


def test_conviction_rates_per_legal_case_accused_and_charge_and_per_complaint(cast):
    """Case A: accused X convicted on one of two charges, accused Y acquitted; case B: acquitted; C pending.

    Per legal case 1 of 2 with a verdict; per accused 1 of 3; per charge 1 of 4; per complaint 1 of 3.
    """
    rape = Offence.objects.get(code="rape")
    a = legal_case(
        cast, D(2025, 3, 1), trial_on=D(2025, 6, 1), verdict_on=D(2025, 9, 1), convicted=True
    )
    b = legal_case(cast, D(2025, 4, 1), trial_on=D(2025, 6, 1), verdict_on=D(2025, 9, 1))
    legal_case(cast, D(2025, 5, 1))
    x = Accused.objects.create(legal_case=a, pseudonym="X", created_by=cast.supervisor)
    y = Accused.objects.create(legal_case=a, pseudonym="Y", created_by=cast.supervisor)
    z = Accused.objects.create(legal_case=b, pseudonym="Z", created_by=cast.supervisor)
    for accused, verdict in [
        (x, "convicted"),
        (x, "acquitted"),
        (y, "acquitted"),
        (z, "acquitted"),
    ]:
        Charge.objects.create(
            accused=accused, offence=rape, verdict=verdict, verdict_on=D(2025, 9, 1)
        )
    result = report(cast, start=D(2025, 1, 1), end=D(2025, 12, 31), today=D(2026, 1, 15))
    convictions = result.table("convictions")
    assert values(convictions, "base") == {
        "legal_case": 2,
        "accused": 3,
        "charge": 4,
        "complaint": 3,
    }
    assert values(convictions, "convicted") == {
        "legal_case": 1,
        "accused": 1,
        "charge": 1,
        "complaint": 1,
    }
    rates = values(convictions, "rate")
    assert rates["legal_case"] == 0.5
    assert rates["accused"] == pytest.approx(1 / 3)
    assert rates["charge"] == 0.25
    assert rates["complaint"] == pytest.approx(1 / 3)
    # Each says what it divides.
    definitions = {row.key: row["definition"] for row in convictions.rows}
    assert "÷ legal cases with a verdict" in definitions["legal_case"]
    assert "÷ accused with a verdict" in definitions["accused"]
    assert "÷ charges with a verdict" in definitions["charge"]
    assert (
        "÷ complaints filed" in definitions["complaint"]
        and "6 to 13 in every 100" in definitions["complaint"]
    )
    rate_rows = values(result.table("headline_rates"), "current")
    assert rate_rows == {"conviction_rate": 0.5, "per_complaint": pytest.approx(1 / 3)}


def test_cohort_and_period_views_select_different_cases(cast):
    """A 2024 complaint convicted in 2025, a 2025 complaint still open: 2025 as cohort or as period."""
    legal_case(
        cast, D(2024, 6, 1), trial_on=D(2024, 12, 1), verdict_on=D(2025, 3, 1), convicted=True
    )
    legal_case(cast, D(2025, 2, 1), investigation_on=D(2025, 2, 10))
    kwargs = {"start": D(2025, 1, 1), "end": D(2025, 12, 31), "today": D(2026, 1, 15)}
    cohort = report(cast, **kwargs)
    assert values(cohort.table("headline"), "current") == {
        "filed": 1,
        "verdict": 0,
        "convicted": 0,
        "not_convicted": 0,
        "without_verdict": 1,
    }
    assert values(cohort.table("funnel"), "cases")["investigation"] == 1
    assert values(cohort.table("funnel"), "cases")["verdict"] == 0
    assert cohort.view == "cohort"
    period = report(cast, view=PERIOD, **kwargs)
    assert period.view == "period"
    headline = values(period.table("headline"), "current")
    assert headline["filed"] == 1 and headline["verdict"] == 1 and headline["convicted"] == 1
    funnel = values(period.table("funnel"), "cases")
    assert funnel["complaint"] == 1 and funnel["verdict"] == 1 and funnel["trial"] == 0
    assert dict(period.filters)["View"].startswith("Period")
    assert dict(cohort.filters)["View"].startswith("Cohort")


def test_pending_age_is_counted_in_calendar_months(cast):
    """On 2026-12-01 a complaint of 2023-12-02 is 35 whole months old (2–3 years); of 2023-12-01, 36."""
    legal_case(cast, D(2023, 12, 2))
    legal_case(cast, D(2023, 12, 1))
    legal_case(cast, D(2023, 6, 1), closed_on=D(2024, 1, 1), closure_reason="dismissed")
    cohort = report(cast, start=D(2023, 1, 1), end=D(2023, 12, 31), today=D(2026, 12, 1))
    assert values(cohort.table("pending"), "cases") == {
        "0": 0,
        "6": 0,
        "12": 0,
        "24": 1,
        "36": 1,
        "total": 2,
    }
    # The period view ages what was pending at the end of the period, at that date.
    period = report(
        cast, view=PERIOD, start=D(2026, 1, 1), end=D(2026, 12, 1), today=D(2026, 12, 1)
    )
    assert values(period.table("pending"), "cases")["24"] == 1
    assert values(period.table("pending"), "cases")["36"] == 1


@pytest.mark.parametrize(
    ("today", "band"),
    [(D(2024, 8, 28), "0"), (D(2024, 8, 29), "6"), (D(2025, 2, 27), "6"), (D(2025, 2, 28), "12")],
)
def test_pending_age_from_29_february(cast, today, band):
    """2024-02-29 is six months old on 2024-08-29 and a year old on 2025-02-28 (no 29th)."""
    legal_case(cast, D(2024, 2, 29))
    result = report(cast, start=D(2024, 2, 1), end=D(2024, 2, 29), today=today)
    pending = values(result.table("pending"), "cases")
    assert pending[band] == 1 and pending["total"] == 1


def test_comparisons_across_month_ends_and_29_february(cast):
    """February 2024 (29 days) against the 29 days before it and February 2023."""
    legal_case(
        cast, D(2024, 2, 29), trial_on=D(2024, 3, 1), verdict_on=D(2024, 3, 2), convicted=True
    )
    legal_case(cast, D(2024, 1, 3))  # the first day of the previous period
    legal_case(cast, D(2024, 1, 2))  # in neither
    legal_case(cast, D(2023, 2, 28))
    legal_case(cast, D(2023, 2, 1), trial_on=D(2023, 3, 1), verdict_on=D(2023, 4, 1))
    result = report(cast, start=D(2024, 2, 1), end=D(2024, 2, 29), today=D(2024, 6, 1))
    headline = result.table("headline")
    labels = [c.label for c in headline.columns]
    assert "2024-02-01 – 2024-02-29" in labels[0]
    assert "2024-01-03 – 2024-01-31" in labels[1]
    assert "2023-02-01 – 2023-02-28" in labels[2]
    filed = headline.row("filed")
    assert (filed["current"].value, filed["previous"].value, filed["year_before"].value) == (
        1,
        1,
        2,
    )
    assert filed["change_previous"].value == 0 and filed["change_year_before"].value == -1
    verdict = headline.row("verdict")
    assert (verdict["current"].value, verdict["year_before"].value) == (1, 1)
    rates = result.table("headline_rates").row("conviction_rate")
    assert rates["current"].value == 1.0 and rates["year_before"].value == 0.0
    assert rates["change_year_before"].value == 100.0  # percentage points
    assert rates["previous"].value is None  # no verdict: not defined
    assert [r.key for r in result.table("trend").rows] == ["2024-02"]


def test_monthly_trend_counts_events_dated_in_each_month(cast):
    legal_case(
        cast, D(2025, 1, 31), trial_on=D(2025, 2, 1), verdict_on=D(2025, 3, 31), convicted=True
    )
    legal_case(cast, D(2025, 3, 1), trial_on=D(2025, 3, 2), verdict_on=D(2025, 3, 3))
    legal_case(cast, D(2024, 12, 31), trial_on=D(2025, 1, 2), verdict_on=D(2025, 1, 3))
    result = report(cast, start=D(2025, 1, 15), end=D(2025, 3, 31), today=D(2025, 4, 1))
    trend = result.table("trend")
    assert [r.key for r in trend.rows] == ["2025-01", "2025-02", "2025-03"]
    assert values(trend, "filed") == {"2025-01": 1, "2025-02": 0, "2025-03": 1, "total": 2}
    # The verdict of 2025-01-03 is before the period starts (15 January).
    assert values(trend, "verdict") == {"2025-01": 0, "2025-02": 0, "2025-03": 2, "total": 2}
    assert values(trend, "convicted") == {"2025-01": 0, "2025-02": 0, "2025-03": 1, "total": 1}


def test_funnel_nests_and_shares_are_of_the_complaints(cast):
    for stages in [
        {},
        {"investigation_on": D(2025, 2, 1)},
        {"charges_on": D(2025, 3, 1), "trial_on": D(2025, 4, 1)},
    ]:
        legal_case(cast, D(2025, 1, 10), **stages)
    legal_case(
        cast,
        D(2025, 1, 10),
        charges_on=D(2025, 3, 1),
        trial_on=D(2025, 4, 1),
        verdict_on=D(2025, 5, 1),
    )
    result = report(cast, start=D(2025, 1, 1), end=D(2025, 12, 31), today=D(2026, 1, 1))
    funnel = result.table("funnel")
    assert values(funnel, "cases") == {
        "complaint": 4,
        "investigation": 1,
        "arrest": 0,
        "charges": 2,
        "trial": 2,
        "verdict": 1,
        "sentence": 0,
        "appeal": 0,
    }
    assert values(funnel, "share")["charges"] == 0.5
    assert values(funnel, "not_reached")["verdict"] == 1  # of the 2 at trial
    assert "not_reached" not in [c.key for c in funnel.published_columns]


def test_breakdowns_side_by_side_add_up_to_the_headline(cast):
    courts = list(Court.objects.order_by("admin1", "pk"))
    first = courts[0]
    other = next(c for c in courts if c.admin1 != first.admin1)
    legal_case(
        cast,
        D(2025, 2, 1),
        court=first,
        trial_on=D(2025, 3, 1),
        verdict_on=D(2025, 4, 1),
        convicted=True,
    )
    legal_case(cast, D(2025, 2, 1), court=first, offence="trafficking")
    legal_case(
        cast,
        D(2025, 2, 1),
        court=other,
        offence="trafficking",
        trial_on=D(2025, 3, 1),
        verdict_on=D(2025, 5, 1),
    )
    result = report(cast, start=D(2025, 1, 1), end=D(2025, 12, 31), today=D(2026, 1, 1))
    by_court = result.table("by_court")
    assert values(by_court, "filed") == {str(first.pk): 2, str(other.pk): 1, "total": 3}
    assert values(by_court, "verdict") == {str(first.pk): 1, str(other.pk): 1, "total": 2}
    assert values(by_court, "rate") == {str(first.pk): 1.0, str(other.pk): 0.0, "total": 0.5}
    by_department = result.table("by_department")
    assert values(by_department, "filed") == {first.admin1: 2, other.admin1: 1, "total": 3}
    by_offence = result.table("by_offence")
    assert values(by_offence, "filed") == {"sexual_violence": 1, "trafficking": 2, "total": 3}
    assert values(by_offence, "convicted") == {"sexual_violence": 1, "trafficking": 0, "total": 1}
    headline = values(result.table("headline"), "current")
    for table in (by_court, by_department, by_offence):
        assert table.total["filed"].value == headline["filed"]
        assert table.total["convicted"].value == headline["convicted"]
    # Filtered to one court, only its cases.
    only = report(
        cast, start=D(2025, 1, 1), end=D(2025, 12, 31), today=D(2026, 1, 1), court_id=other.pk
    )
    assert values(only.table("headline"), "current")["filed"] == 1


def _hearing(lc, cast, outcome, reason="", testified=False, setting=""):
    return Hearing.objects.create(
        legal_case=lc,
        scheduled_for=datetime.datetime(2025, 3, 1, 9, tzinfo=datetime.UTC),
        kind="trial",
        court=lc.court,
        outcome=outcome,
        postponement_reason=reason,
        survivor_testified=testified,
        testimony_setting=setting,
        created_by=cast.supervisor,
    )


def test_hearings_postponements_and_testimony(cast):
    lc = legal_case(cast, D(2025, 1, 10), charges_on=D(2025, 2, 1))
    for reason in ["defence", "defence", "judge"]:
        _hearing(lc, cast, "postponed", reason)
    _hearing(lc, cast, "held", testified=True, setting="gesell")
    _hearing(lc, cast, "held", testified=True, setting="open_court")
    _hearing(lc, cast, "cancelled")
    result = report(cast, start=D(2025, 1, 1), end=D(2025, 12, 31), today=D(2026, 1, 1))
    hearings = result.table("hearings")
    assert values(hearings, "hearings") == {"held": 2, "postponed": 3, "total": 5}
    assert values(hearings, "share")["postponed"] == 0.6  # the postponement rate
    reasons = result.table("postponements")
    assert [r.key for r in reasons.rows[:2]] == ["defence", "judge"]  # largest first
    assert reasons.total["hearings"].value == 3
    testimony = result.table("testimony")
    assert values(testimony, "share")["friendly"] == 0.5
    # The period view counts the hearings scheduled in the period.
    later = report(cast, view=PERIOD, start=D(2025, 4, 1), end=D(2025, 12, 31), today=D(2026, 1, 1))
    assert later.table("hearings").total["hearings"].value == 0

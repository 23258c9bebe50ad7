"""``goal_progress``: each current goal's value, trend, expected value and status."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from amparo.programmes.results import goal_progress
from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.results_records import goal, legal_cases, study, survey
from amparo.programmes.vocab import GoalStatus

D = datetime.date
AS_OF = D(2026, 12, 31)


@pytest.fixture
def records(cast):
    return programme_records(cast)


@pytest.fixture
def goals(cast, records):
    programme = records.lex_programme
    study(
        cast,
        records.guatemala,
        wave="baseline",
        start=D(2024, 3, 1),
        estimate=12,
        lower=11,
        upper=13,
        sample_size=900,
    )
    study(
        cast,
        records.guatemala,
        wave="endline",
        start=D(2026, 3, 1),
        estimate=8,
        lower=7,
        upper=9,
        sample_size=900,
    )
    study(
        cast,
        records.quetzaltenango,
        wave="endline",
        start=D(2026, 3, 1),
        estimate=5.5,
        lower=4.5,
        upper=6.5,
        sample_size=600,
    )
    survey(cast, programme, "would_report_police", end=D(2026, 6, 30), estimate=42)
    # Five convictions in 2026: below k, so the conviction rate is hidden.
    legal_cases(cast, 20, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1))
    legal_cases(cast, 5, complaint=D(2025, 5, 1), verdict_on=D(2026, 6, 1), convicted=True)
    made = {
        # 12% → 10%: the endline's 8% has met it.
        "met": goal(cast, programme, "prevalence", baseline=12, target=10, area=records.guatemala),
        # 6% → 2% by 2030: the straight line is at 4.3% at the end of 2026; 5.5% is behind.
        "off": goal(
            cast, programme, "prevalence", baseline=6, target=2, area=records.quetzaltenango
        ),
        # 30% → 60%, with 40% due at the end of 2026: 42% is on track.
        "on": goal(
            cast,
            programme,
            "would_report_police",
            baseline=30,
            target=60,
            milestones=((D(2026, 12, 31), 40),),
        ),
        "none": goal(cast, programme, "confidence_justice", baseline=30, target=60),
        "hidden": goal(cast, programme, "conviction_rate", baseline=20, target=40),
    }
    archived = goal(cast, programme, "prevalence", baseline=12, target=1, title="Archived")
    archived.archived_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    archived.save()
    return made


def test_each_current_goal_has_its_status(goals, records):
    progress = {p.goal.pk: p for p in goal_progress(programme=records.lex_programme, as_of=AS_OF)}

    assert set(progress) == {g.pk for g in goals.values()}
    assert {name: progress[g.pk].status for name, g in goals.items()} == {
        "met": GoalStatus.MET,
        "off": GoalStatus.OFF_TRACK,
        "on": GoalStatus.ON_TRACK,
        "none": GoalStatus.NO_DATA,
        "hidden": GoalStatus.NO_DATA,
    }
    on = progress[goals["on"].pk]
    assert (on.current.value, on.expected, on.unit) == (42, 40, "percent")
    assert progress[goals["off"].pk].expected == pytest.approx(6 - 4 * 1095 / 2556)
    assert progress[goals["hidden"].pk].current.hidden


def test_the_trend_runs_by_calendar_year_from_the_baseline(goals, records):
    progress = {p.goal.pk: p for p in goal_progress(programme=records.lex_programme, as_of=AS_OF)}
    trend = progress[goals["met"].pk].trend
    assert [day for day, _ in trend] == [D(2024, 12, 31), D(2025, 12, 31), D(2026, 12, 31)]
    assert [point.value for _, point in trend] == [12, 12, 8]
    partial = goal_progress(programme=records.lex_programme, as_of=D(2025, 6, 30))
    assert [day for day, _ in partial[0].trend] == [D(2024, 12, 31), D(2025, 6, 30)]


def test_milestones_are_read_once_for_all_goals(goals, records, django_assert_max_num_queries):
    # Per goal: its current value and one per trend year (a few queries each for live
    # indicators); milestones are prefetched, not read per goal.
    with django_assert_max_num_queries(60):
        goal_progress(programme=records.lex_programme, as_of=AS_OF)


def test_the_partners_counted_are_read_once_for_all_goals(goals, records):
    # Every live estimate counts the records of the owner and its partners: read once,
    # not once per goal and trend year (thirty times for the demo's nine goals).
    with CaptureQueriesContext(connection) as queries:
        goal_progress(programme=records.lex_programme, as_of=AS_OF)
    partners = [q for q in queries.captured_queries if "programmes_programme_partners" in q["sql"]]
    assert len(partners) == 1

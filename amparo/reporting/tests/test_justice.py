import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from amparo.justice.inputs import AccusedInput, HearingOutcomeInput, LegalCaseInput
from amparo.justice.models import Court, Hearing, Offence
from amparo.justice.services import (
    accused_add,
    charge_add,
    hearing_record_outcome,
    hearing_schedule,
    legal_case_open,
    stage_record,
    verdict_record,
)
from amparo.justice.tests.conftest import days_ago
from amparo.reporting.justice import IndicatorFilters, justice_indicators

TODAY = timezone.localdate()


def _legal_case(cast, complaint_days_ago, court=None):
    return legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="t",
            court_id=(court or Court.objects.first()).pk,
            offence_category="sexual_violence",
            complaint_on=days_ago(complaint_days_ago),
            victim_case_ids=[cast.case.pk],
        ),
    )


def _to_verdict(cast, lc, trial_days_ago, verdict_days_ago, verdict):
    stage_record(
        actor=cast.supervisor,
        legal_case=lc,
        stage="charges",
        occurred_on=days_ago(trial_days_ago + 10),
    )
    stage_record(
        actor=cast.supervisor, legal_case=lc, stage="trial", occurred_on=days_ago(trial_days_ago)
    )
    accused = accused_add(actor=cast.supervisor, legal_case=lc, data=AccusedInput(pseudonym="A"))
    charge = charge_add(
        actor=cast.supervisor, accused=accused, offence_id=Offence.objects.get(code="rape").pk
    )
    verdict_record(
        actor=cast.supervisor, charge=charge, verdict=verdict, verdict_on=days_ago(verdict_days_ago)
    )


@pytest.fixture
def system(cast):
    """Four legal cases: one convicted, one acquitted, two pending."""
    convicted = _legal_case(cast, 500)
    _to_verdict(cast, convicted, 200, 100, "convicted")  # 400 days to verdict
    acquitted = _legal_case(cast, 300)
    _to_verdict(cast, acquitted, 150, 100, "acquitted")  # 200 days to verdict
    _legal_case(cast, 600)  # pending, censored at 600
    _legal_case(cast, 50)  # pending, censored at 50
    return cast


def test_funnel_conviction_and_km(system):
    result = justice_indicators(
        user=system.analyst, filters=IndicatorFilters(), suppress=False, today=TODAY
    )
    funnel = {row.stage: row.count.value for row in result.funnel}
    assert funnel["complaint"] == 4 and funnel["trial"] == 2 and funnel["verdict"] == 2
    assert result.conviction_rate == 0.5
    verdict = next(t for t in result.timings if t.stage == "verdict")
    # Times: 50+, 200, 400, 600+ → S(200)=2/3, S(400)=1/3: median 400 days.
    assert [round(s.survival, 3) for s in verdict.curve.steps] == [1.0, 0.667, 0.333, 0.333]
    assert verdict.median_days == 400
    ages = dict((label, c.value) for label, c in result.pending_age)
    assert sum(ages.values()) == 4


def test_small_cells_are_suppressed_when_leaving_the_organisation(system):
    shown = justice_indicators(
        user=system.analyst, filters=IndicatorFilters(), suppress=True, today=TODAY
    )
    assert shown.cases.suppressed and str(shown.cases) == "[c]"
    assert shown.conviction_rate is None
    assert all(t.curve.steps == [] and t.median_days is None for t in shown.timings)
    with override_settings(AMPARO_REPORT_MIN_CELL=2):
        shown = justice_indicators(
            user=system.analyst, filters=IndicatorFilters(), suppress=True, today=TODAY
        )
        # 4 cases and 2 verdicts may be shown; 1 conviction may not, so neither may its rate.
        assert not shown.cases.suppressed and not shown.with_verdict.suppressed
        assert shown.convicted.suppressed and shown.conviction_rate is None
    with override_settings(AMPARO_REPORT_MIN_CELL=1):
        shown = justice_indicators(
            user=system.analyst, filters=IndicatorFilters(), suppress=True, today=TODAY
        )
        assert shown.conviction_rate == 0.5 and shown.timings[0].curve.steps


def test_filters(system):
    other_court = Court.objects.exclude(pk=Court.objects.first().pk).first()
    _legal_case(system, 30, court=other_court)
    only = justice_indicators(
        user=system.analyst, filters=IndicatorFilters(court_id=other_court.pk), suppress=False
    )
    assert only.cases.value == 1
    recent = justice_indicators(
        user=system.analyst, filters=IndicatorFilters(start=days_ago(100)), suppress=False
    )
    assert recent.cases.value == 2


def test_hearing_postponements_and_victim_friendly_testimony(system, legal_case):
    from django.utils import timezone

    past = timezone.now() - datetime.timedelta(days=3)
    for outcome, reason, testified, setting in [
        ("postponed", "defence", False, ""),
        ("postponed", "judge", False, ""),
        ("held", "", True, "gesell"),
        ("held", "", True, "open_court"),
    ]:
        hearing = hearing_schedule(
            actor=system.lawyer, legal_case=legal_case, scheduled_for=past, kind="trial"
        )
        hearing_record_outcome(
            actor=system.lawyer,
            hearing=hearing,
            expected_version=hearing.version,
            data=HearingOutcomeInput(
                outcome=outcome,
                postponement_reason=reason,
                survivor_testified=testified,
                testimony_setting=setting,
            ),
        )
    result = justice_indicators(user=system.analyst, filters=IndicatorFilters(), suppress=False)
    assert result.postponement_rate == 0.5 and result.victim_friendly_share == 0.5
    assert {label for label, _c in result.postponement_reasons} == {
        "Defence lawyer absent or changed",
        "Judge unavailable",
    }
    assert Hearing.objects.count() == 4


def test_hearing_outcome_rules(cast, legal_case):
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    future = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() + datetime.timedelta(days=5),
        kind="trial",
    )
    for data in (
        HearingOutcomeInput(outcome="held"),  # not yet happened
        HearingOutcomeInput(outcome="postponed"),  # no reason
    ):
        with pytest.raises(ValidationError):
            hearing_record_outcome(
                actor=cast.lawyer, hearing=future, expected_version=future.version, data=data
            )
    future.refresh_from_db()
    assert future.outcome == "scheduled"

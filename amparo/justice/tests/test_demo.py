import random

from amparo.justice.demo import seed_legal_cases
from amparo.justice.models import LegalCase, StageEvent
from amparo.reporting.justice import IndicatorFilters, justice_indicators


def test_demo_legal_cases_look_like_a_real_system(cast):
    n = seed_legal_cases(
        rng=random.Random(7),
        organisation=cast.lex,
        count=600,
        created_by_id=cast.supervisor.pk,
        lawyer_ids=[cast.lawyer.pk],
        victim_case_ids=[cast.case.pk],
    )
    assert n == LegalCase.objects.count() == 600
    result = justice_indicators(user=cast.analyst, filters=IndicatorFilters(), suppress=False)
    funnel = {row.stage: row.share for row in result.funnel}
    assert funnel["verdict"] < 0.3  # most never reach a verdict
    convictions = result.convicted.value / result.cases.value
    assert 0.04 <= convictions <= 0.15
    verdict_timing = next(t for t in result.timings if t.stage == "verdict")
    assert verdict_timing.median_days is None or verdict_timing.median_days > 365
    assert result.postponement_rate and 0.3 < result.postponement_rate < 0.6
    # The denormalised dates agree with the stage events.
    lc = LegalCase.objects.filter(trial_on__isnull=False).first()
    assert StageEvent.objects.get(legal_case=lc, stage="trial").occurred_on == lc.trial_on

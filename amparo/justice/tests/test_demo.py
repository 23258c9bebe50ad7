import datetime
import random

from django.utils import timezone

from amparo.justice.demo import seed_legal_cases
from amparo.justice.models import LegalCase, StageEvent
from amparo.reporting.justice import JusticeFilters, justice_report


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
    # The whole four years the demo spans, as one cohort.
    report = justice_report(
        user=cast.analyst,
        filters=JusticeFilters(start=timezone.localdate() - datetime.timedelta(days=5 * 365)),
        suppress=False,
    )
    funnel = report.table("funnel")
    assert funnel.cell("verdict", "share").value < 0.3  # most never reach a verdict
    per_complaint = report.table("convictions").cell("complaint", "rate").value
    assert 0.04 <= per_complaint <= 0.15
    verdict = report.table("timings").row("verdict")
    assert verdict["median"].value is None or verdict["median"].value > 365
    postponed = report.table("hearings").cell("postponed", "share").value
    assert 0.3 < postponed < 0.6
    # The denormalised dates agree with the stage events.
    lc = LegalCase.objects.filter(trial_on__isnull=False).first()
    assert StageEvent.objects.get(legal_case=lc, stage="trial").occurred_on == lc.trial_on

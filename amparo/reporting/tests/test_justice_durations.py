"""The durations query (grouping sets on PostgreSQL, a union on SQLite) against a plain Python count."""

import datetime
import random
from collections import Counter

from amparo.justice import measures, vocab
from amparo.justice.demo import seed_legal_cases
from amparo.justice.models import LegalCase
from amparo.reporting.justice.durations import stage_durations

TODAY = datetime.date(2026, 3, 1)


def _by_hand(cases, today):
    """Per stage: (events, competing, censored) counted case by case, as the module docstring says."""
    result = {stage: (Counter(), Counter(), Counter()) for stage in measures.TIMED_STAGES}
    for case in cases:
        if case.complaint_on is None:
            continue
        closed = case.closed_on is not None or case.status == vocab.LegalCaseStatus.CLOSED
        for stage in measures.TIMED_STAGES:
            events, competing, censored = result[stage]
            reached = getattr(case, f"{stage}_on")
            if reached is not None and reached <= today:
                events[max(0, (reached - case.complaint_on).days)] += 1
            elif closed:
                competing[max(0, ((case.closed_on or today) - case.complaint_on).days)] += 1
            else:
                censored[max(0, (today - case.complaint_on).days)] += 1
    return result


def _varied(cast):
    """Seeded cases plus the awkward ones: closed without a date, stages after today or before the complaint."""
    seed_legal_cases(
        rng=random.Random(13),
        organisation=cast.lex,
        count=160,
        created_by_id=cast.lawyer.pk,
        lawyer_ids=[cast.lawyer.pk],
        today=TODAY,
        with_details=False,
    )
    rng = random.Random(7)
    cases = list(LegalCase.objects.filter(organisation=cast.lex).order_by("pk"))
    for case in rng.sample(cases, 40):
        change = rng.choice(("closed_undated", "future", "early", "no_complaint"))
        if change == "closed_undated":
            case.status, case.closed_on = vocab.LegalCaseStatus.CLOSED, None
        elif change == "future":
            case.verdict_on = TODAY + datetime.timedelta(days=rng.randint(1, 90))
        elif change == "early":
            case.investigation_on = case.complaint_on - datetime.timedelta(days=rng.randint(1, 9))
        else:
            case.complaint_on = None
        case.save()


def test_the_grouped_query_counts_what_a_case_by_case_count_gives(cast):
    _varied(cast)
    cases = LegalCase.objects.filter(organisation=cast.lex)
    expected = _by_hand(cases, TODAY)
    found = stage_durations(cases, today=TODAY)
    for stage in measures.TIMED_STAGES:
        events, competing, censored = expected[stage]
        assert dict(found[stage].events) == dict(events), stage
        assert dict(found[stage].competing) == dict(competing), stage
        assert dict(found[stage].censored) == dict(censored), stage
    assert sum(sum(c.values()) for c in expected["verdict"]) > 100


def test_a_cohort_subset_reads_only_its_cases(cast):
    _varied(cast)
    cohort = LegalCase.objects.filter(
        organisation=cast.lex, complaint_on__gte=datetime.date(2025, 1, 1)
    )
    found = stage_durations(cohort, today=TODAY)
    expected = _by_hand(cohort, TODAY)
    assert {s: dict(found[s].events) for s in found} == {s: dict(expected[s][0]) for s in expected}

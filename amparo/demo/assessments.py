"""The assessment history of the open cases no restoration journey follows.

Organisations that run restoration assessments owe one on every open case
from the day it opens, so a demo that assessed only its journeys would greet
each worker with a hundred "initial assessment" items overdue. The journeys
run the real services one case at a time and are bounded; the rest of the
open cases get their history planned with the rules the assessment service
applies (its schedule, its domain means, its closure rule, the instrument's
scale) and bulk inserted, with one audit event per assessment, as the case
files are (see ``amparo.demo.seeding``). A few are left late, as real
caseloads are.
"""

import datetime
import random
from dataclasses import dataclass

from amparo.accounts.models import User
from amparo.aftercare.instruments import domain_scores, due_dates, next_due
from amparo.aftercare.models import Assessment, AssessmentAnswer, Instrument, RestorationStatus
from amparo.aftercare.selectors import active_instrument, rule_for_case
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseAssignment
from amparo.demo.audit import seeded_event
from amparo.demo.bulk import bulk, bulk_rows
from amparo.demo.moments import aware

# Share of cases whose latest due assessment is still to do on the day of seeding.
LATE = 0.03


@dataclass
class _Planned:
    case: Case
    assessments: list[Assessment]
    answers: list[list[tuple[int, int]]]  # (item id, score) of each assessment


def seed_assessment_history(*, rng: random.Random, cases: list[Case], today: datetime.date) -> int:
    """Assess each of ``cases`` (open, of one organisation, never assessed) on its schedule
    up to ``today``, by the caseworker assigned; returns how many assessments."""
    if not cases:
        return 0
    instrument = active_instrument(organisation_id=cases[0].organisation_id)
    items = [
        (domain.code, item.pk)
        for domain in instrument.domains.prefetch_related("items")
        for item in domain.items.all()
    ]
    assessors = _caseworkers(cases)
    plans = [
        _plan(rng, case, instrument, items, assessors.get(case.pk, case.created_by), today)
        for case in cases
    ]
    plans = [p for p in plans if p.assessments]
    bulk(Assessment, (a for p in plans for a in p.assessments))
    bulk_rows(
        AssessmentAnswer,
        ["assessment", "item", "score"],
        (
            (assessment.pk, item_id, score)
            for p in plans
            for assessment, answers in zip(p.assessments, p.answers, strict=True)
            for item_id, score in answers
        ),
    )
    bulk(RestorationStatus, (_status(p, instrument) for p in plans))
    bulk(
        AuditEvent,
        (
            seeded_event(
                Code.ASSESSMENT_RECORDED,
                a.assessed_by,
                a,
                a.created_at,
                organisation=p.case.organisation,
                case=p.case,
            )
            for p in plans
            for a in p.assessments
        ),
    )
    return sum(len(p.assessments) for p in plans)


def _caseworkers(cases: list[Case]) -> dict[int, User]:
    """The caseworker currently assigned to each case: who assesses it."""
    return {
        a.case_id: a.user
        for a in CaseAssignment.objects.filter(
            case__in=cases, role="caseworker", ended_at__isnull=True
        ).select_related("user")
    }


def _plan(
    rng: random.Random,
    case: Case,
    instrument: Instrument,
    items: list[tuple[str, int]],
    assessor: User,
    today: datetime.date,
) -> _Planned:
    due = [
        d
        for d in due_dates(schedule=instrument.schedule, intake_on=case.opened_on, until=today)
        if d <= today
    ]
    if len(due) > 1 and rng.random() < LATE:
        due.pop()
    level = rng.uniform(1.4, 2.3)
    planned = _Planned(case=case, assessments=[], answers=[])
    previous = case.opened_on
    for day in due:
        # Done within ten days of falling due, in order, and never after the day of seeding.
        done_on = max(previous, min(today, day + datetime.timedelta(days=rng.randint(0, 10))))
        previous = done_on
        by_domain: dict[str, list[int]] = {}
        answers = []
        for domain, item_id in items:
            score = max(
                instrument.scale_min,
                min(instrument.scale_max, round(level + rng.uniform(-0.7, 0.7))),
            )
            by_domain.setdefault(domain, []).append(score)
            answers.append((item_id, score))
        at = aware(done_on, rng)
        planned.assessments.append(
            Assessment(
                case=case,
                instrument=instrument,
                assessed_on=done_on,
                assessed_by=assessor,
                domain_scores=domain_scores(by_domain),
                notes="",
                created_at=at,
                updated_at=at,
            )
        )
        planned.answers.append(answers)
        level = min(4.0, level + rng.uniform(0.1, 0.9))
    return planned


def _status(planned: _Planned, instrument: Instrument) -> RestorationStatus:
    """The row the assessment service keeps, computed as it computes it."""
    first, last = planned.assessments[0], planned.assessments[-1]
    rule = rule_for_case(case=planned.case, instrument=instrument, assessments=planned.assessments)
    return RestorationStatus(
        case=planned.case,
        instrument=instrument,
        assessments=len(planned.assessments),
        first_on=first.assessed_on,
        last_on=last.assessed_on,
        first_scores=first.domain_scores,
        latest_scores=last.domain_scores,
        next_due_on=next_due(
            schedule=instrument.schedule,
            intake_on=planned.case.opened_on,
            done=[a.assessed_on for a in planned.assessments],
        ),
        restored_on=rule.restored_on,
    )

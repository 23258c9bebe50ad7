"""Approvals and partner records the demo opens on: what issue 15 built, with something to show.

Through the real services, so rules, audit and notifications are the
product's own: in each organisation a caseworker asks a supervisor to close a
case whose closure rule is not met (one request waits on "Your team"); and
each organisation that receives restoration referrals assesses one referred
survivor and drafts a care plan for another, sent to its own supervisor. A
case the seed cannot use (its rule met, its referral not live) is passed
over for the next, so the seed never depends on chance.
"""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from amparo.accounts.roles import Role
from amparo.aftercare.demo import GOALS, PLAN_SUMMARY
from amparo.aftercare.inputs import GoalInput
from amparo.aftercare.selectors import active_instrument
from amparo.cases.models import Case
from amparo.cases.services.closure_requests import closure_request_create
from amparo.cases.vocab import OPEN_STATUSES, ClosureReason
from amparo.core.exceptions import Denied
from amparo.demo.teams import Team
from amparo.network.models import Referral
from amparo.network.services.referrals.assessments import partner_assessment_record
from amparo.network.services.referrals.careplans import (
    partner_care_plan_draft,
    partner_care_plan_submit,
)
from amparo.network.services.referrals.common import RESTORATION_SERVICES
from amparo.network.vocab import ReferralStatus

# Candidates tried per organisation before giving up (each refusal is a rule, not an error).
CANDIDATES = 30
JUSTIFICATION = {
    "en": "The survivor moved to another department with her family; the local office follows up.",
    "es": "La sobreviviente se mudó con su familia a otro departamento; la oficina local da seguimiento.",
}


def seed_approvals(
    *, rng: random.Random, teams: list[Team], today: datetime.date, skip: set[int]
) -> tuple[int, int]:
    """One closure request waiting in each organisation and one partner assessment and
    one partner plan waiting in each receiving organisation; returns (requests, records).

    ``skip``: cases the working day has given other work, left alone.
    """
    requests = sum(_closure_request(rng, team, today, skip) for team in teams)
    records = sum(_partner_records(rng, team, today) for team in teams)
    return requests, records


def _closure_request(rng: random.Random, team: Team, today: datetime.date, skip: set[int]) -> int:
    worker = team.staff[Role.CASEWORKER][0]
    cases = (
        Case.objects.filter(
            organisation=team.organisation,
            status__in=OPEN_STATUSES,
            assignments__user=worker,
            assignments__ended_at__isnull=True,
            opened_on__lt=today,
        )
        .exclude(pk__in=skip)
        .order_by("opened_on", "pk")[:CANDIDATES]
    )
    for case in cases:
        try:
            closure_request_create(
                actor=worker,
                case=case,
                reason=ClosureReason.RELOCATED,
                justification=JUSTIFICATION[team.language],
                closed_on=today,
            )
        except ValidationError:
            continue  # its rule is met, or it closes without a supervisor: the next
        return 1
    return 0


def _partner_records(rng: random.Random, team: Team, today: datetime.date) -> int:
    """An assessment of the first live restoration referral, a plan waiting for the next."""
    referrals = [
        referral
        for referral in Referral.objects.filter(
            to_org=team.organisation, status=ReferralStatus.ACCEPTED, assigned_to__isnull=False
        )
        .select_related("case")
        .order_by("-responded_at", "pk")[:CANDIDATES]
        if RESTORATION_SERVICES & set(referral.services)
        and referral.case.status in OPEN_STATUSES
        and referral.responded_at is not None
    ]
    made = 0
    for referral in referrals:
        if made == 0 and _assessed(rng, referral, today):
            made = 1
        elif made == 1 and _plan_waiting(rng, referral, today):
            return 2
    return made


def _accepted_on(referral: Referral) -> datetime.date:
    assert referral.responded_at is not None
    return timezone.localdate(referral.responded_at)


def _assessed(rng: random.Random, referral: Referral, today: datetime.date) -> bool:
    instrument = active_instrument(organisation_id=referral.to_org_id)
    scores = {
        item.code: rng.randint(1, 3)
        for domain in instrument.domains.prefetch_related("items")
        for item in domain.items.all()
    }
    assessed_on = max(_accepted_on(referral), today - datetime.timedelta(days=rng.randint(2, 9)))
    try:
        partner_assessment_record(
            actor=referral.assigned_to, referral=referral, assessed_on=assessed_on, scores=scores
        )
    except (ValidationError, Denied):
        return False
    return True


def _plan_waiting(rng: random.Random, referral: Referral, today: datetime.date) -> bool:
    goals = [
        GoalInput(
            domain=domain,
            description=GOALS[domain],
            target_on=today + datetime.timedelta(days=rng.randint(60, 240)),
        )
        for domain in rng.sample(list(GOALS), 2)
    ]
    try:
        plan = partner_care_plan_draft(
            actor=referral.assigned_to,
            referral=referral,
            summary=PLAN_SUMMARY,
            review_due_on=today + datetime.timedelta(days=rng.randint(60, 120)),
            goals=goals,
        )
        partner_care_plan_submit(actor=referral.assigned_to, referral=referral, plan_id=plan.pk)
    except (ValidationError, Denied):
        return False
    return True

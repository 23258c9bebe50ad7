"""What the justice forms offer and pre-fill: the victims and lawyers to choose
from, the stages and verdicts that can be recorded yet, and the likely dates.

Each follows the rule its service enforces, so a page never offers what the
service would refuse; the service still checks (a page may be out of date).
"""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from amparo.accounts.models import Membership, User
from amparo.cases.models import Case
from amparo.cases.selectors import visible_cases
from amparo.justice.models import LegalCase
from amparo.justice.selectors import lawyers_of
from amparo.justice.vocab import STAGE_ORDER, STAGE_REQUIRES, HearingOutcome, Stage


def legal_case_stages_to_offer(*, legal_case: LegalCase) -> list[str]:
    """The stages ``stage_record`` would accept next, in procedural order: not yet
    reached, and the stage each depends on reached. Verdict and sentence are
    recorded per charge, so never offered here."""
    reached = {s for s in STAGE_ORDER if getattr(legal_case, LegalCase.stage_column(s))}
    return [
        stage
        for stage in STAGE_ORDER
        if stage not in reached
        and stage not in (Stage.VERDICT, Stage.SENTENCE)
        and (STAGE_REQUIRES[stage] is None or STAGE_REQUIRES[stage] in reached)
    ]


def legal_case_may_record_verdict(*, legal_case: LegalCase) -> bool:
    """Whether a verdict can be recorded yet: the trial is, as ``verdict_record`` requires."""
    return legal_case.trial_on is not None


def legal_case_last_held_day(*, legal_case: LegalCase) -> datetime.date | None:
    """The local day of the legal case's latest hearing recorded as held, if any: the
    day a verdict or sentence was most likely pronounced, to pre-fill its date."""
    held = (
        legal_case.hearings.filter(outcome=HearingOutcome.HELD)
        .order_by("-scheduled_for")
        .values_list("scheduled_for", flat=True)
        .first()
    )
    return timezone.localtime(held).date() if held else None


def legal_lawyer_choices(*, user: User) -> QuerySet[Membership]:
    """``lawyers_of`` the user's organisation, by name (none without an organisation)."""
    membership = user.active_membership
    if membership is None:
        return Membership.objects.none()
    return (
        lawyers_of(organisation_id=membership.organisation_id)
        .select_related("user")
        .order_by("user__full_name")
    )


def victim_case_choices(*, user: User) -> QuerySet[Case]:
    """Open survivors' cases the user may open, to choose victims of a legal case from."""
    return (
        visible_cases(user=user)
        .filter(closed_on__isnull=True)
        .select_related("survivor")
        .order_by("-opened_on", "-id")
    )


VICTIM_SEARCH_LIMIT = 20


def victim_case_search(*, user: User, query: str) -> list[Case]:
    """At most ``VICTIM_SEARCH_LIMIT`` of ``victim_case_choices`` whose case code or
    survivor's pseudonym contains ``query``, newest first; none for an empty query.
    Only cases ``user`` may open are ever found."""
    query = query.strip()
    if not query:
        return []
    return list(
        victim_case_choices(user=user).filter(
            Q(code__icontains=query) | Q(survivor__pseudonym__icontains=query)
        )[:VICTIM_SEARCH_LIMIT]
    )


def victim_cases_chosen(*, user: User, case_ids: list[int]) -> list[Case]:
    """The cases of ``case_ids`` that are among ``victim_case_choices``; others are
    dropped unseen, so a typed id never reveals a case."""
    if not case_ids:
        return []
    return list(victim_case_choices(user=user).filter(pk__in=case_ids))

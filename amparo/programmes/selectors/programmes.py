"""What the programme pages and the API read: a programme with its areas, goals and partners."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet, Sum

from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.core.exceptions import Denied, NotFound
from amparo.programmes.indicators import INDICATORS, Indicator
from amparo.programmes.models import Goal, Programme, ProgrammeArea
from amparo.programmes.selectors.access import (
    programme_get_for_change,
    programme_get_for_user,
    programmes_for_user,
)


@dataclass(frozen=True)
class ProgrammeDetail:
    """A programme as its page shows it; every list already loaded (constant queries)."""

    programme: Programme
    partners: list[Organisation]
    areas: list[ProgrammeArea]
    goals: list[Goal]  # current (not archived), milestones prefetched, area joined
    budget_spent: Decimal

    @property
    def budget_left(self) -> Decimal:
        return self.programme.privacy_budget - self.budget_spent


def programme_list(*, user: User) -> tuple[list[Programme], list[Programme]]:
    """The programmes ``user`` may see: current ones, then archived ones."""
    programmes = list(programmes_for_user(user=user).select_related("organisation"))
    return (
        [p for p in programmes if p.archived_at is None],
        [p for p in programmes if p.archived_at is not None],
    )


def programmes_api_list(*, user: User) -> QuerySet[Programme]:
    """The programmes ``user`` may see, archived ones included, by name (``Denied`` without the role)."""
    return programmes_for_user(user=user).order_by("name", "id")


def current_goals(*, programme: Programme) -> QuerySet[Goal]:
    """The programme's goals not archived, by target date, with milestones and area."""
    return (
        programme.goals.filter(archived_at__isnull=True)
        .select_related("area")
        .prefetch_related("milestones")
        .order_by("target_on", "id")
    )


def plain(value: Decimal) -> Decimal:
    """``6.200`` as ``6.2`` and ``30.000`` as ``30``: a goal's value as people write it."""
    return Decimal(format(value.normalize(), "f"))


def programme_detail(*, programme: Programme) -> ProgrammeDetail:
    """Areas, current goals (milestones prefetched), partners and the ε spent: five queries."""
    spent = programme.ledger.aggregate(total=Sum("epsilon"))["total"] or Decimal(0)
    goals = list(current_goals(programme=programme))
    for goal in goals:
        # For the page: the indicator's label and definition, and values without padding zeros.
        goal.indicator_info = INDICATORS.get(goal.indicator)  # type: ignore[attr-defined]  # read by the page only
        goal.baseline_shown = plain(goal.baseline_value)  # type: ignore[attr-defined]  # read by the page only
        goal.target_shown = plain(goal.target_value)  # type: ignore[attr-defined]  # read by the page only
        for milestone in goal.milestones.all():
            milestone.shown = plain(milestone.value)  # type: ignore[attr-defined]  # read by the page only
    return ProgrammeDetail(
        programme=programme,
        partners=list(programme.partners.order_by("name")),
        areas=list(programme.areas.all()),
        goals=goals,
        budget_spent=spent,
    )


def programme_may_change(*, user: User, programme: Programme) -> bool:
    """Whether ``user`` may change ``programme`` (the access idiom's answer, as a yes or no)."""
    try:
        programme_get_for_change(user=user, programme_id=programme.pk)
    except (Denied, NotFound):
        return False
    return True


def area_get(*, programme: Programme, area_id: int) -> ProgrammeArea:
    """One of the programme's areas, or ``NotFound``."""
    area = programme.areas.filter(pk=area_id).first()
    if area is None:
        raise NotFound
    return area


def goal_get_for_user(*, user: User, goal_id: int) -> Goal:
    """A goal of a programme ``user`` may see (milestones prefetched), or ``NotFound``."""
    programme_id = Goal.objects.filter(pk=goal_id).values_list("programme_id", flat=True).first()
    if programme_id is None:
        raise NotFound
    programme = programme_get_for_user(user=user, programme_id=programme_id)
    goal = (
        Goal.objects.filter(pk=goal_id).select_related("area").prefetch_related("milestones").get()
    )
    goal.programme = programme
    return goal


def goal_get_for_change(*, programme: Programme, goal_id: int) -> Goal:
    """A goal of ``programme`` (which the caller got for change), or ``NotFound``."""
    goal = (
        programme.goals.filter(pk=goal_id)
        .select_related("area")
        .prefetch_related("milestones")
        .first()
    )
    if goal is None:
        raise NotFound
    return goal


def indicator_choices() -> list[Indicator]:
    """Every indicator a goal can be set on, in the registry's order."""
    return list(INDICATORS.values())


def may_create_programmes(*, user: User) -> bool:
    """Whether ``user`` may create programmes (of their own organisation)."""
    return user.is_authenticated and user.has_amparo_perm(Perm.PROGRAMMES)


def partner_choices(*, owner_id: int) -> list[Organisation]:
    """The organisations a programme of ``owner_id`` may name as partners: every other one."""
    return list(Organisation.objects.exclude(pk=owner_id).order_by("name"))

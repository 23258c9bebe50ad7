"""Restoration indicators, computed from assessments, follow-ups and placements.

Same disclosure rule as the justice indicators: anything exported or shown
outside the organisation has small cells suppressed.
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare.models import FollowUp, RestorationStatus
from amparo.aftercare.selectors import Occupancy, active_instrument, occupancy
from amparo.reporting import suppression
from amparo.reporting.suppression import Cell, cell, share
from amparo.reporting.survival import KmCurve, kaplan_meier_counts


@dataclass
class DomainChange:
    domain: str
    label: str
    cases: Cell
    first_mean: float | None
    latest_mean: float | None

    @property
    def change(self) -> float | None:
        if self.first_mean is None or self.latest_mean is None:
            return None
        return round(self.latest_mean - self.first_mean, 2)


@dataclass
class RestorationIndicators:
    suppressed: bool
    assessed: Cell
    restored: Cell
    restoration_rate: float | None
    time_to_restoration: KmCurve
    median_days_to_restoration: int | None
    domain_changes: list[DomainChange]
    followed_up: Cell
    revictimisation_flags: Cell
    cases_with_risk: Cell
    risk_rate: float | None
    occupancy: list[tuple[Occupancy, Cell]]


def restoration_indicators(
    *,
    user: User,
    suppress: bool,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
) -> RestorationIndicators:
    """Restoration indicators for the user's organisation, cases opened in [start, end].

    Aggregates only (``Perm.AGGREGATES``, else ``Denied``). With ``suppress``
    small cells are hidden, and the rates, means and curve built on them.
    """
    membership = perm_required(user, Perm.AGGREGATES)
    today = timezone.localdate()
    statuses = RestorationStatus.objects.filter(case__organisation_id=membership.organisation_id)
    if start:
        statuses = statuses.filter(case__opened_on__gte=start)
    if end:
        statuses = statuses.filter(case__opened_on__lte=end)
    rows = list(
        statuses.values_list(
            "case__opened_on",
            "case__closed_on",
            "restored_on",
            "assessments",
            "first_scores",
            "latest_scores",
        )
    )
    events: Counter[int] = Counter()
    censored: Counter[int] = Counter()
    first_sum: Counter[str] = Counter()
    latest_sum: Counter[str] = Counter()
    repeated: Counter[str] = Counter()
    for opened, closed, restored_on, count, first, latest in rows:
        if restored_on:
            events[(restored_on - opened).days] += 1
        else:
            censored[((closed or today) - opened).days] += 1
        if count >= 2:
            for domain in first.keys() & latest.keys():
                first_sum[domain] += first[domain]
                latest_sum[domain] += latest[domain]
                repeated[domain] += 1
    curve = suppression.curve(
        kaplan_meier_counts(events=events, censored=censored), suppress=suppress
    )
    assessed = cell(len(rows), suppress=suppress)
    restored = cell(sum(events.values()), suppress=suppress)

    instrument = active_instrument(organisation_id=membership.organisation_id)
    changes = []
    for domain in instrument.domains.all():
        n = cell(repeated[domain.code], suppress=suppress)
        hidden = n.suppressed or not n.value
        changes.append(
            DomainChange(
                domain=domain.code,
                label=str(domain),
                cases=n,
                first_mean=None if hidden else round(first_sum[domain.code] / n.value, 2),
                latest_mean=None if hidden else round(latest_sum[domain.code] / n.value, 2),
            )
        )

    visits = FollowUp.objects.filter(
        case__organisation_id=membership.organisation_id, done_on__isnull=False
    )
    if start:
        visits = visits.filter(case__opened_on__gte=start)
    if end:
        visits = visits.filter(case__opened_on__lte=end)
    with_risk = ~Q(risks=[])
    follow = visits.aggregate(
        cases=Count("case", distinct=True),
        flagged_visits=Count("pk", filter=with_risk),
        flagged_cases=Count("case", filter=with_risk, distinct=True),
    )
    followed_up = cell(follow["cases"], suppress=suppress)
    cases_with_risk = cell(follow["flagged_cases"], suppress=suppress)
    return RestorationIndicators(
        suppressed=suppress,
        assessed=assessed,
        restored=restored,
        restoration_rate=share(restored, assessed),
        time_to_restoration=curve,
        median_days_to_restoration=curve.median,
        domain_changes=changes,
        followed_up=followed_up,
        revictimisation_flags=cell(follow["flagged_visits"], suppress=suppress),
        cases_with_risk=cases_with_risk,
        risk_rate=share(cases_with_risk, followed_up),
        occupancy=[(o, cell(o.occupied, suppress=suppress)) for o in occupancy(user=user)],
    )

"""The demo programme's two published releases, drafted and approved through the services."""

import datetime
from decimal import Decimal

from amparo.accounts.models import User
from amparo.accounts.roles import Role
from amparo.programmes.models import Programme, Release
from amparo.programmes.services import releases
from amparo.programmes.vocab import Breakdown, PeriodSplit

# The figures the demo publishes: each pillar, and the ratios of the live goals.
RELEASE_MEASURES = (
    "survivors_intake",
    "complaints",
    "verdicts",
    "convictions",
    "survivors_justice",
    "testimonies",
    "testimonies_victim_friendly",
    "survivors_restoration",
    "survivors_restored",
    "services",
    "services_by_partners",
)


def _staff(programme: Programme, role: str) -> User:
    return (
        User.objects.filter(
            membership__organisation=programme.organisation_id,
            membership__role=role,
            membership__is_active=True,
        )
        .order_by("pk")
        .first()
    )


def seed_programme_releases(programme: Programme, *, as_of: datetime.date) -> list[Release]:
    """The programme's two published releases, as of the day of seeding.

    Each drafted by the analyst and approved by the supervisor (four eyes)
    through the releases services, so suppression (k from the programme),
    rounding, the differencing check, the privacy-budget ledger and the audit
    events are the real ones. Version 1 is the last complete calendar year by
    department; version 2 the two complete years before it, year by year, as
    programme totals with differential privacy (ε 2 of the budget of 3).
    Complete years only, so both publish on any day of the year (29 February,
    a month's end, 1 January). Returns them in order.
    """
    analyst = _staff(programme, Role.DATA_ANALYST)
    supervisor = _staff(programme, Role.SUPERVISOR)
    last = as_of.year - 1
    plans = [
        {
            "title": f"Justicia y Restauración 2030 — {last}",
            "period_start": datetime.date(last, 1, 1),
            "period_end": datetime.date(last, 12, 31),
            "breakdown": Breakdown.DEPARTMENT,
            "split": PeriodSplit.WHOLE,
        },
        {
            "title": f"Justicia y Restauración 2030 — {last - 1}–{last}",
            "period_start": datetime.date(last - 1, 1, 1),
            "period_end": datetime.date(last, 12, 31),
            "breakdown": Breakdown.NONE,
            "split": PeriodSplit.YEAR,
            # ε = 2 with sensitivity 5: noise of scale 2.5, small beside counts of 25 and more.
            "epsilon": Decimal("2.0"),
        },
    ]
    published = []
    for plan in plans:
        draft = releases.release_draft(
            actor=analyst,
            programme_id=programme.pk,
            measures=list(RELEASE_MEASURES),
            as_of=as_of,
            **plan,
        )
        published.append(
            releases.release_approve(actor=supervisor, release_id=draft.pk, as_of=as_of)
        )
    return published

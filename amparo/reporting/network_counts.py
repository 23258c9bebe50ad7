"""The network report's counts, grouped in the database: seven queries whatever the volume.

Each function returns plain numbers for ``amparo.reporting.network`` to lay
out as tables; the definitions (what is answered, accepted, a partner's
work) are the network's (``amparo.network.measures``).
"""

import datetime
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import BooleanField, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from amparo.aftercare.models import Service
from amparo.network import measures
from amparo.network.models import Referral
from amparo.network.vocab import ReferralStatus
from amparo.reporting.periods import Period

SIDES = ("sent", "received")
# Each status split by whether the referral was answered: the finest cells,
# from which every published referral count is a sum.
STATES = tuple((status, answered) for status in ReferralStatus.values for answered in (True, False))
SERVICE_COUNTS = ("by_partners", "by_us", "for_partners")


def state_key(status: str, answered: bool) -> str:
    """The name of one status × answered cell."""
    return f"{status}_{'answered' if answered else 'open'}"


def _sent_between(period: Period) -> Q:
    since, until = period.bounds()
    return Q(sent_at__gte=since, sent_at__lt=until)


def _started_between(period: Period) -> Q:
    return Q(started_on__gte=period.start, started_on__lte=period.end)


def _side(side: str, organisation_id: int) -> Q:
    if side == "sent":
        return measures.referrals_sent_by(organisation_id)
    return measures.referrals_received_by(organisation_id)


def _referrals(organisation_id: int, periods: Sequence[Period]) -> QuerySet[Referral]:
    window = Q()
    for period in periods:
        window |= _sent_between(period)
    return Referral.objects.filter(
        _side("sent", organisation_id) | _side("received", organisation_id)
    ).filter(window)


@dataclass(frozen=True)
class Periods:
    """The period of the report and the two it is compared with."""

    current: Period
    previous: Period
    year_before: Period

    @property
    def named(self) -> tuple[tuple[str, Period], ...]:
        return (
            ("current", self.current),
            ("previous", self.previous),
            ("year_before", self.year_before),
        )


def referral_counts(organisation_id: int, periods: Periods) -> dict[str, int]:
    """In one scan: each status × answered cell per side this period, and per period the totals.

    Keys: ``{side}_{status}_{answered|open}`` for the current period, and
    ``{period}_{side}`` / ``{period}_{side}_accepted`` for each named period.
    """
    current = _sent_between(periods.current)
    counts = {}
    for side in SIDES:
        mine = _side(side, organisation_id)
        for status, answered in STATES:
            counts[f"{side}_{state_key(status, answered)}"] = Count(
                "pk",
                filter=mine & current & Q(status=status) & Q(responded_at__isnull=not answered),
            )
        for name, period in periods.named:
            within = mine & _sent_between(period)
            counts[f"{name}_{side}"] = Count("pk", filter=within)
            counts[f"{name}_{side}_accepted"] = Count("pk", filter=within & measures.ACCEPTED)
    named = [period for _name, period in periods.named]
    return _referrals(organisation_id, named).aggregate(**counts)


def response_delays(organisation_id: int, period: Period) -> dict[str, Counter[float]]:
    """Days from sending to the answer, per side, with their frequencies (one row per delay)."""
    rows = (
        _referrals(organisation_id, [period])
        .filter(measures.ANSWERED)
        .annotate(
            outgoing=ExpressionWrapper(_side("sent", organisation_id), output_field=BooleanField()),
            delay=ExpressionWrapper(F("responded_at") - F("sent_at"), output_field=DurationField()),
        )
        .values_list("outgoing", "delay")
        .annotate(n=Count("pk"))
        .order_by()
    )
    delays: dict[str, Counter[float]] = {side: Counter() for side in SIDES}
    for outgoing, delay, n in rows:
        delays["sent" if outgoing else "received"][delay.total_seconds() / 86400] += n
    return delays


def median(counts: Counter[float]) -> float | None:
    """The median of values given with their frequencies; None without values."""
    total = sum(counts.values())
    if not total:
        return None
    positions = sorted({(total - 1) // 2, total // 2})  # the one or two middle ones, 0-based
    middle = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while positions and positions[0] < seen:
            middle.append(value)
            positions.pop(0)
        if not positions:
            break
    return sum(middle) / len(middle)


@dataclass
class PartnerCounts:
    name: str
    sent_to: int = 0
    received_from: int = 0
    services: int = 0


def partner_counts(organisation_id: int, period: Period) -> dict[int, PartnerCounts]:
    """Per partner organisation: referrals sent to it, received from it, services it delivered.

    Services are those on our cases; two queries.
    """
    partners: dict[int, PartnerCounts] = {}
    pairs = (
        _referrals(organisation_id, [period])
        .values_list("from_org_id", "from_org__name", "to_org_id", "to_org__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for from_id, from_name, to_id, to_name, n in pairs:
        if from_id == organisation_id:
            partners.setdefault(to_id, PartnerCounts(to_name)).sent_to += n
        else:
            partners.setdefault(from_id, PartnerCounts(from_name)).received_from += n
    providers = (
        Service.objects.filter(
            _started_between(period),
            measures.services_on_cases_of(organisation_id),
        )
        .exclude(measures.services_delivered_by(organisation_id))
        .values_list("provider_id", "provider__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for provider_id, name, n in providers:
        partners.setdefault(provider_id, PartnerCounts(name)).services += n
    return partners


def service_counts(organisation_id: int, periods: Periods) -> dict[str, dict[str, int]]:
    """Per service type, in one query: ``{period}_{by_partners|by_us|for_partners}``."""
    ours = measures.services_on_cases_of(organisation_id)
    by_us = measures.services_delivered_by(organisation_id)
    kinds = {"by_partners": ours & ~by_us, "by_us": ours & by_us, "for_partners": by_us & ~ours}
    window = Q()
    counts = {}
    for name, period in periods.named:
        window |= _started_between(period)
        for kind, which in kinds.items():
            counts[f"{name}_{kind}"] = Count("pk", filter=which & _started_between(period))
    rows = (
        Service.objects.filter(ours | by_us)
        .filter(window)
        .values("service_type")
        .annotate(**counts)
        .order_by()
    )
    return {row.pop("service_type"): row for row in rows}


def _month(value: datetime.date | datetime.datetime) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return value.strftime("%Y-%m")


def monthly_counts(organisation_id: int, period: Period) -> dict[str, Counter[str]]:
    """Per month ("YYYY-MM"): referrals sent, received, sent and accepted, services by partners.

    Two queries; months without any are absent.
    """
    sent = _side("sent", organisation_id)
    months: dict[str, Counter[str]] = {}
    referrals = (
        _referrals(organisation_id, [period])
        .annotate(month=TruncMonth("sent_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(
            sent=Count("pk", filter=sent),
            received=Count("pk", filter=_side("received", organisation_id)),
            accepted=Count("pk", filter=sent & measures.ACCEPTED),
        )
        .order_by()
    )
    for row in referrals:
        months.setdefault(_month(row.pop("month")), Counter()).update(row)
    services = (
        Service.objects.filter(
            _started_between(period), measures.services_on_cases_of(organisation_id)
        )
        .exclude(measures.services_delivered_by(organisation_id))
        .annotate(month=TruncMonth("started_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in services:
        months.setdefault(_month(row["month"]), Counter())["services_by_partners"] += row["n"]
    return months

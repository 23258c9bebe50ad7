"""How the organisation works with its partners: referrals and shared service delivery.

Every figure is grouped in the database, in a fixed number of queries
whatever the volume. Figures that could single out a few survivors are
suppressed (``amparo.reporting.suppression``): counts below the minimum cell size
are hidden, and so are the rates and medians computed from them. The field
aims for most services to be delivered by partners, so the partner share is
the headline figure.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, DurationField, ExpressionWrapper, F, Q, QuerySet
from django.utils import timezone

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare.models import Service
from amparo.aftercare.vocab import ServiceType
from amparo.network.models import Referral
from amparo.network.vocab import ReferralStatus
from amparo.reporting.periods import Period
from amparo.reporting.suppression import Cell, cell, share


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: Cell


@dataclass(frozen=True)
class ReferralFlow:
    """Referrals in one direction (sent or received) and how they were answered."""

    total: Cell
    by_status: list[StatusCount]
    answered: Cell
    accepted: Cell
    acceptance_rate: float | None
    median_response_days: float | None


@dataclass(frozen=True)
class PartnerRow:
    organisation_id: int
    name: str
    sent_to: Cell
    received_from: Cell


@dataclass(frozen=True)
class ServiceTypeRow:
    service_type: str
    label: str
    by_partners: Cell  # on our own cases, delivered by a partner
    by_us: Cell  # on our own cases, delivered by ourselves
    for_partners: Cell  # on partners' referred cases, delivered by us


@dataclass
class NetworkIndicators:
    period: Period
    suppressed: bool
    sent: ReferralFlow
    received: ReferralFlow
    services_by_partners: Cell
    services_by_us: Cell
    partner_share: float | None
    services_for_partners: Cell
    service_types: list[ServiceTypeRow]
    partners: list[PartnerRow]
    generated_at: datetime.datetime = field(default_factory=timezone.now)

    @property
    def is_empty(self) -> bool:
        return not (
            self.sent.total.value
            or self.received.total.value
            or self.services_by_partners.value
            or self.services_by_us.value
            or self.services_for_partners.value
        )


def _referrals(organisation_id: int, period: Period) -> QuerySet[Referral]:
    since, until = period.bounds()
    return Referral.objects.filter(
        Q(from_org_id=organisation_id) | Q(to_org_id=organisation_id),
        sent_at__gte=since,
        sent_at__lt=until,
    )


# A referral is answered once the partner accepted or declined it; one revoked
# after it was accepted still counts as accepted.
ANSWERED = Q(responded_at__isnull=False)
ACCEPTED = ANSWERED & ~Q(status=ReferralStatus.DECLINED)


def _referral_counts(qs: QuerySet[Referral], organisation_id: int) -> dict[str, int]:
    """Every referral count, both directions, in one scan."""
    counts = {}
    for side, mine in (
        ("sent", Q(from_org_id=organisation_id)),
        ("received", Q(to_org_id=organisation_id)),
    ):
        counts[f"{side}_total"] = Count("pk", filter=mine)
        counts[f"{side}_answered"] = Count("pk", filter=mine & ANSWERED)
        counts[f"{side}_accepted"] = Count("pk", filter=mine & ACCEPTED)
        for status in ReferralStatus.values:
            counts[f"{side}_status_{status}"] = Count("pk", filter=mine & Q(status=status))
    return qs.aggregate(**counts)


def _response_times(qs: QuerySet[Referral], organisation_id: int) -> dict[bool, Counter[float]]:
    """Response delays in seconds, keyed by "sent by us"; one row per distinct delay."""
    rows = (
        qs.filter(ANSWERED)
        .annotate(
            outgoing=ExpressionWrapper(Q(from_org_id=organisation_id), output_field=BooleanField()),
            delay=ExpressionWrapper(F("responded_at") - F("sent_at"), output_field=DurationField()),
        )
        .values_list("outgoing", "delay")
        .annotate(n=Count("pk"))
        .order_by()
    )
    delays: dict[bool, Counter[float]] = {True: Counter(), False: Counter()}
    for outgoing, delay, n in rows:
        delays[bool(outgoing)][delay.total_seconds()] += n
    return delays


def median(counts: Counter[float]) -> float | None:
    """The median of values given with their frequencies."""
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


def _flow(
    counts: dict[str, int], side: str, delays: Counter[float], *, suppress: bool
) -> ReferralFlow:
    labels = dict(ReferralStatus.choices)
    answered = cell(counts[f"{side}_answered"], suppress=suppress)
    accepted = cell(counts[f"{side}_accepted"], suppress=suppress)
    middle = None if answered.suppressed else median(delays)
    return ReferralFlow(
        total=cell(counts[f"{side}_total"], suppress=suppress),
        by_status=[
            StatusCount(s, str(labels[s]), cell(counts[f"{side}_status_{s}"], suppress=suppress))
            for s in ReferralStatus.values
        ],
        answered=answered,
        accepted=accepted,
        acceptance_rate=share(accepted, answered),
        median_response_days=None if middle is None else round(middle / 86400, 1),
    )


def _partners(qs: QuerySet[Referral], organisation_id: int, *, suppress: bool) -> list[PartnerRow]:
    sent = qs.filter(from_org_id=organisation_id).values_list("to_org_id", "to_org__name")
    received = qs.filter(to_org_id=organisation_id).values_list("from_org_id", "from_org__name")
    names: dict[int, str] = {}
    counts: dict[int, Counter[str]] = {}
    for direction, grouped in (("sent", sent), ("received", received)):
        for org_id, name, n in grouped.annotate(n=Count("pk")).order_by():
            names[org_id] = name
            counts.setdefault(org_id, Counter())[direction] = n
    rows = [
        PartnerRow(
            organisation_id=org_id,
            name=names[org_id],
            sent_to=cell(n["sent"], suppress=suppress),
            received_from=cell(n["received"], suppress=suppress),
        )
        for org_id, n in counts.items()
    ]
    return sorted(rows, key=lambda r: (-(r.sent_to.value + r.received_from.value), r.name))


def _service_types(organisation_id: int, period: Period) -> dict[str, dict[str, int]]:
    """Services started in the period, by type: by partners, by us, for partners; one query."""
    ours = Q(case__organisation_id=organisation_id)
    by_us = Q(provider_id=organisation_id)
    rows = (
        Service.objects.filter(
            ours | by_us, started_on__gte=period.start, started_on__lte=period.end
        )
        .values("service_type")
        .annotate(
            by_partners=Count("pk", filter=ours & ~by_us),
            by_us=Count("pk", filter=ours & by_us),
            for_partners=Count("pk", filter=by_us & ~ours),
        )
        .order_by()
    )
    return {row.pop("service_type"): row for row in rows}


def network_indicators(
    *, user: User, period: Period | None = None, suppress: bool = True
) -> NetworkIndicators:
    """The partner-network indicators of the user's organisation over ``period``.

    Aggregates only (``Perm.AGGREGATES``), never a record, and never another
    organisation's own figures: only referrals it sent or received and
    services on its cases or delivered by it. With ``suppress`` small cells
    are hidden, and the rates and medians built on them.
    """
    membership = perm_required(user, Perm.AGGREGATES)
    org = membership.organisation_id
    period = period or Period.between()
    referrals = _referrals(org, period)
    counts = _referral_counts(referrals, org)
    delays = _response_times(referrals, org)
    by_type = _service_types(org, period)
    totals: Counter[str] = Counter()
    for row in by_type.values():
        totals.update(row)
    service_types = [
        ServiceTypeRow(
            service_type=value,
            label=str(label),
            by_partners=cell(by_type[value]["by_partners"], suppress=suppress),
            by_us=cell(by_type[value]["by_us"], suppress=suppress),
            for_partners=cell(by_type[value]["for_partners"], suppress=suppress),
        )
        for value, label in ServiceType.choices
        if value in by_type
    ]
    by_partners = cell(totals["by_partners"], suppress=suppress)
    by_us = cell(totals["by_us"], suppress=suppress)
    on_our_cases = cell(totals["by_partners"] + totals["by_us"], suppress=suppress)
    return NetworkIndicators(
        period=period,
        suppressed=suppress,
        sent=_flow(counts, "sent", delays[True], suppress=suppress),
        received=_flow(counts, "received", delays[False], suppress=suppress),
        services_by_partners=by_partners,
        services_by_us=by_us,
        # Hidden when either part is: the share would give the hidden one away.
        partner_share=None if by_us.suppressed else share(by_partners, on_our_cases),
        services_for_partners=cell(totals["for_partners"], suppress=suppress),
        service_types=service_types,
        partners=_partners(referrals, org, suppress=suppress),
    )

"""How the justice system performs for victims, computed from dated events.

Nothing here is typed in: every figure comes from the stage dates on
``LegalCase`` (kept in step with ``StageEvent`` by the services), charges and
hearings. Figures leaving the organisation (exports) have small cells
suppressed (``amparo.reporting.suppression``).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Case,
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.justice import vocab
from amparo.justice.models import Hearing, LegalCase
from amparo.reporting import suppression
from amparo.reporting.suppression import Cell, cell, share
from amparo.reporting.survival import KmCurve, kaplan_meier_counts

TIMED_STAGES = [s for s in vocab.STAGE_ORDER if s != vocab.Stage.COMPLAINT_FILED]
PENDING_BANDS = (
    (183, _("Under 6 months")),
    (365, _("6–12 months")),
    (730, _("1–2 years")),
    (1095, _("2–3 years")),
    (None, _("Over 3 years")),
)


@dataclass(frozen=True)
class IndicatorFilters:
    start: datetime.date | None = None  # complaint filed on or after
    end: datetime.date | None = None  # complaint filed on or before
    admin1: str = ""
    court_id: int | None = None
    offence_category: str = ""


@dataclass
class FunnelRow:
    stage: str
    label: str
    count: Cell
    share: float | None


@dataclass
class StageTiming:
    stage: str
    label: str
    curve: KmCurve
    median_days: int | None


@dataclass
class JusticeIndicators:
    filters: IndicatorFilters
    suppressed: bool
    cases: Cell
    funnel: list[FunnelRow]
    timings: list[StageTiming]
    with_verdict: Cell
    convicted: Cell
    conviction_rate: float | None
    filed_in_period: Cell
    disposed_in_period: Cell
    clearance_rate: float | None
    pending_age: list[tuple[str, Cell]]
    hearings_decided: Cell
    hearings_postponed: Cell
    postponement_rate: float | None
    postponement_reasons: list[tuple[str, Cell]]
    testimonies: Cell
    testimonies_victim_friendly: Cell
    victim_friendly_share: float | None
    generated_at: datetime.datetime = field(default_factory=timezone.now)


def legal_cases_for_indicators(*, user: User, filters: IndicatorFilters) -> QuerySet[LegalCase]:
    """The organisation's legal cases matching ``filters``; aggregates only."""
    membership = perm_required(user, Perm.AGGREGATES)
    qs = LegalCase.objects.filter(organisation_id=membership.organisation_id)
    if filters.start:
        qs = qs.filter(complaint_on__gte=filters.start)
    if filters.end:
        qs = qs.filter(complaint_on__lte=filters.end)
    if filters.admin1:
        qs = qs.filter(court__admin1=filters.admin1)
    if filters.court_id:
        qs = qs.filter(court_id=filters.court_id)
    if filters.offence_category:
        qs = qs.filter(offence_category=filters.offence_category)
    return qs


def _pending_band_filters(today: datetime.date) -> dict[str, Q]:
    bands = {}
    lower = None
    for index, (limit, _label) in enumerate(PENDING_BANDS):
        band = Q(status=vocab.LegalCaseStatus.OPEN, complaint_on__isnull=False)
        if limit is not None:
            band &= Q(complaint_on__gt=today - datetime.timedelta(days=limit))
        if lower is not None:
            band &= Q(complaint_on__lte=today - datetime.timedelta(days=lower))
        bands[f"band{index}"] = band
        lower = limit
    return bands


def _case_counts(qs: QuerySet[LegalCase], *, today: datetime.date) -> dict[str, int]:
    """Every per-case count in one scan of the legal cases."""
    return qs.aggregate(
        total=Count("pk"),
        with_verdict=Count("pk", filter=Q(verdict_on__isnull=False)),
        convicted=Count("pk", filter=Q(convicted=True)),
        **{s: Count("pk", filter=Q(**{f"{s}_on__isnull": False})) for s in vocab.STAGE_ORDER},
        **{name: Count("pk", filter=band) for name, band in _pending_band_filters(today).items()},
    )


def _funnel(counts: dict[str, int], *, suppress: bool) -> tuple[Cell, list[FunnelRow]]:
    total = cell(counts["total"], suppress=suppress)
    labels = dict(vocab.Stage.choices)
    rows = []
    for stage in vocab.STAGE_ORDER:
        count = cell(counts[stage], suppress=suppress)
        rows.append(
            FunnelRow(stage=stage, label=str(labels[stage]), count=count, share=share(count, total))
        )
    return total, rows


def _durations(
    qs: QuerySet[LegalCase], stage: str, *, today: datetime.date
) -> tuple[Counter[int], Counter[int]]:
    """Days from complaint to ``stage`` (events) or to the end of follow-up (censored).

    Grouped in the database, so the result has one row per distinct duration
    rather than one per legal case. A pending case is followed up to today, or
    to its closure if it ended without reaching the stage.
    """
    reached = Q(**{f"{stage}_on__isnull": False})
    end_of_follow_up = Coalesce(F("closed_on"), Value(today), output_field=DateField())
    rows = (
        qs.filter(complaint_on__isnull=False)
        .annotate(
            reached=ExpressionWrapper(reached, output_field=BooleanField()),
            span=Case(
                When(reached, then=F(f"{stage}_on") - F("complaint_on")),
                default=end_of_follow_up - F("complaint_on"),
                output_field=DurationField(),
            ),
        )
        .values_list("reached", "span")
        .annotate(n=Count("pk"))
        .order_by()
    )
    events: Counter[int] = Counter()
    censored: Counter[int] = Counter()
    for happened, span, n in rows:
        (events if happened else censored)[span.days] += n
    return events, censored


def _timings(qs: QuerySet[LegalCase], *, today: datetime.date, suppress: bool) -> list[StageTiming]:
    labels = dict(vocab.Stage.choices)
    timings = []
    for stage in TIMED_STAGES:
        events, censored = _durations(qs, stage, today=today)
        curve = suppression.curve(
            kaplan_meier_counts(events=events, censored=censored), suppress=suppress
        )
        timings.append(
            StageTiming(
                stage=stage, label=str(labels[stage]), curve=curve, median_days=curve.median
            )
        )
    return timings


def _pending_age(counts: dict[str, int], *, suppress: bool) -> list[tuple[str, Cell]]:
    return [
        (str(label), cell(counts[f"band{index}"], suppress=suppress))
        for index, (_limit, label) in enumerate(PENDING_BANDS)
    ]


def justice_indicators(
    *, user: User, filters: IndicatorFilters, suppress: bool, today: datetime.date | None = None
) -> JusticeIndicators:
    """Every justice indicator for the user's organisation and the filters.

    ``suppress`` must be true for anything shown outside the organisation or
    exported: counts below the minimum cell size are hidden, and so are the
    rates computed from them.
    """
    today = today or timezone.localdate()
    qs = legal_cases_for_indicators(user=user, filters=filters)
    counts = _case_counts(qs, today=today)
    total, funnel = _funnel(counts, suppress=suppress)
    with_verdict = cell(counts["with_verdict"], suppress=suppress)
    convicted = cell(counts["convicted"], suppress=suppress)

    period_start = filters.start or (today - datetime.timedelta(days=365))
    period_end = filters.end or today
    unfiltered_period = legal_cases_for_indicators(
        user=user,
        filters=IndicatorFilters(
            admin1=filters.admin1,
            court_id=filters.court_id,
            offence_category=filters.offence_category,
        ),
    )
    flow = unfiltered_period.aggregate(
        filed=Count("pk", filter=Q(complaint_on__gte=period_start, complaint_on__lte=period_end)),
        disposed=Count("pk", filter=Q(closed_on__gte=period_start, closed_on__lte=period_end)),
    )
    filed = cell(flow["filed"], suppress=suppress)
    disposed = cell(flow["disposed"], suppress=suppress)

    hearings = Hearing.objects.filter(legal_case__in=qs)
    hearing_counts = hearings.aggregate(
        decided=Count(
            "pk", filter=Q(outcome__in=[vocab.HearingOutcome.HELD, vocab.HearingOutcome.POSTPONED])
        ),
        postponed=Count("pk", filter=Q(outcome=vocab.HearingOutcome.POSTPONED)),
        testified=Count("pk", filter=Q(survivor_testified=True)),
        friendly=Count(
            "pk",
            filter=Q(survivor_testified=True, testimony_setting__in=vocab.VICTIM_FRIENDLY_SETTINGS),
        ),
    )
    reasons = dict(
        hearings.filter(outcome=vocab.HearingOutcome.POSTPONED)
        .values_list("postponement_reason")
        .annotate(n=Count("pk"))
        .values_list("postponement_reason", "n")
    )
    reason_labels = dict(vocab.PostponementReason.choices)
    decided = cell(hearing_counts["decided"], suppress=suppress)
    postponed = cell(hearing_counts["postponed"], suppress=suppress)
    testified = cell(hearing_counts["testified"], suppress=suppress)
    friendly = cell(hearing_counts["friendly"], suppress=suppress)

    return JusticeIndicators(
        filters=filters,
        suppressed=suppress,
        cases=total,
        funnel=funnel,
        timings=_timings(qs, today=today, suppress=suppress),
        with_verdict=with_verdict,
        convicted=convicted,
        conviction_rate=share(convicted, with_verdict),
        filed_in_period=filed,
        disposed_in_period=disposed,
        clearance_rate=share(disposed, filed),
        pending_age=_pending_age(counts, suppress=suppress),
        hearings_decided=decided,
        hearings_postponed=postponed,
        postponement_rate=share(postponed, decided),
        postponement_reasons=sorted(
            (
                (str(reason_labels.get(r, r)), cell(n, suppress=suppress))
                for r, n in reasons.items()
            ),
            key=lambda item: -item[1].value,
        ),
        testimonies=testified,
        testimonies_victim_friendly=friendly,
        victim_friendly_share=share(friendly, testified),
    )

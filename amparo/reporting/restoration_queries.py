"""The grouped queries of the restoration report: one scan per figure family, never one per case.

``amparo.aftercare.measures`` declares what is measured; here it becomes
SQL: FILTERed counts for every period compared in one aggregate, breakdowns
grouped by their dimension, durations grouped by day. Each returns a few
rows whatever the caseload (one per period, dimension value, month or
distinct duration).
"""

import datetime
from collections import Counter
from dataclasses import dataclass

from django.db.models import (
    Aggregate,
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    DurationField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, TruncMonth

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.aftercare import measures
from amparo.aftercare.models import FollowUp, Service
from amparo.cases.models import Case as CaseRecord
from amparo.reporting.periods import Period

COHORT = "cohort"
PERIOD = "period"
OUTCOMES = ("cases", "restored", "closed", "open", "outcomes")


@dataclass(frozen=True)
class RestorationFilters:
    """What the restoration report covers: a period read as ``view``, and optional dimensions."""

    period: Period
    view: str = COHORT
    admin1: str = ""
    offence: str = ""
    partner_id: int | None = None


def measured_cases(*, user: User, filters: RestorationFilters) -> QuerySet[CaseRecord]:
    """The organisation's measured cases (``measures``) matching the dimensions; aggregates only.

    Not the period: each figure reads its own period from ``outcome_filters``.
    """
    membership = perm_required(user, Perm.AGGREGATES)
    qs = (
        CaseRecord.objects.filter(measures.MEASURED, organisation_id=membership.organisation_id)
        .exclude(closure_reason__in=measures.EXCLUDED_CLOSURES)
        .annotate(department=measures.department(), offence=measures.offence())
    )
    if filters.admin1:
        qs = qs.filter(department=filters.admin1)
    if filters.offence:
        qs = qs.filter(offence=filters.offence)
    if filters.partner_id:
        served = Service.objects.filter(case_id=OuterRef("pk"), provider_id=filters.partner_id)
        qs = qs.filter(Exists(served))
    return qs.order_by()


def outcome_filters(period: Period, view: str) -> dict[str, Q]:
    """Which cases count under each outcome, for ``period`` read as ``view``.

    ``cohort``: the cases opened in the period, by where they stand now.
    ``period``: the cases followed during the period, by what happened in it:
    restored in it, closed without restoration in it, or still open at its end.
    Either way ``cases`` = restored + closed + open and ``outcomes`` = restored + closed.
    """
    start, end = period.start, period.end
    restored_null = Q(**{f"{measures.RESTORED}__isnull": True})
    if view == COHORT:
        scope = Q(**{f"{measures.OPENED}__range": (start, end)})
        restored = scope & Q(**{f"{measures.RESTORED}__isnull": False})
        closed = scope & restored_null & Q(**{f"{measures.CLOSED}__isnull": False})
        still_open = scope & restored_null & Q(**{f"{measures.CLOSED}__isnull": True})
    else:
        opened = Q(**{f"{measures.OPENED}__lte": end})
        restored = opened & Q(**{f"{measures.RESTORED}__range": (start, end)})
        closed = opened & restored_null & Q(**{f"{measures.CLOSED}__range": (start, end)})
        not_closed = Q(**{f"{measures.CLOSED}__isnull": True}) | Q(
            **{f"{measures.CLOSED}__gt": end}
        )
        still_open = opened & (
            Q(**{f"{measures.RESTORED}__gt": end}) | (restored_null & not_closed)
        )
        scope = restored | closed | still_open
    return {
        "cases": scope,
        "restored": restored,
        "closed": closed,
        "open": still_open,
        "outcomes": restored | closed,
    }


def outcome_counts(qs: QuerySet[CaseRecord], periods: dict[str, Period], view: str) -> dict:
    """Counts of every outcome for every named period, in one scan: {name: {outcome: n}}."""
    aggregates = {
        f"{name}__{outcome}": Count("pk", filter=q)
        for name, period in periods.items()
        for outcome, q in outcome_filters(period, view).items()
    }
    flat = qs.aggregate(**aggregates)
    return {name: {o: flat[f"{name}__{o}"] for o in OUTCOMES} for name in periods}


def outcome_breakdown(
    qs: QuerySet[CaseRecord], dimension: str, period: Period, view: str
) -> dict[str, dict[str, int]]:
    """Counts of every outcome by ``dimension`` (an annotation of ``measured_cases``), one scan.

    Cases with no value for the dimension come under ``""``.
    """
    filters = outcome_filters(period, view)
    rows = (
        qs.filter(filters["cases"])
        .values(dimension)
        .annotate(**{f"n_{o}": Count("pk", filter=q) for o, q in filters.items()})
    )
    return {(r[dimension] or ""): {o: r[f"n_{o}"] for o in OUTCOMES} for r in rows}


def partner_breakdown(
    qs: QuerySet[CaseRecord], period: Period, view: str
) -> list[tuple[str, dict[str, int]]]:
    """Counts of every outcome by the organisation that delivered services, name order.

    A case served by two organisations counts under each: the rows overlap.
    """
    filters = outcome_filters(period, view)
    rows = (
        qs.filter(filters["cases"], **{f"{measures.PROVIDER}__isnull": False})
        .values(measures.PROVIDER)
        .annotate(
            name=measures.PROVIDER_NAME,
            **{f"n_{o}": Count("pk", filter=q, distinct=True) for o, q in filters.items()},
        )
        .order_by("name")
    )
    return [(r["name"], {o: r[f"n_{o}"] for o in OUTCOMES}) for r in rows]


def durations(
    qs: QuerySet[CaseRecord], period: Period, *, view: str, today: datetime.date
) -> tuple[Counter[int], Counter[int], Counter[int]]:
    """Days from opening to restoration (events), to closure without it (competing), or to today.

    In the cohort view, for the cases opened in ``period``; in the period
    view, for every case opened up to its end (how long restoration takes,
    as known now: a year's intakes have rarely had the time to be restored).
    Grouped by outcome and duration in the database: one row per distinct
    duration, not per case.
    """
    opened = (
        Q(**{f"{measures.OPENED}__range": (period.start, period.end)})
        if view == COHORT
        else Q(**{f"{measures.OPENED}__lte": period.end})
    )
    restored = Q(**{f"{measures.RESTORED}__isnull": False})
    closed = Q(**{f"{measures.CLOSED}__isnull": False})
    opened_on = F(measures.OPENED)
    rows = (
        qs.filter(opened)
        .annotate(
            kind=Case(
                When(restored, then=Value("event")),
                When(closed, then=Value("competing")),
                default=Value("censored"),
                output_field=CharField(),
            ),
            span=Case(
                When(restored, then=F(measures.RESTORED) - opened_on),
                When(closed, then=F(measures.CLOSED) - opened_on),
                default=Value(today, output_field=DateField()) - opened_on,
                output_field=DurationField(),
            ),
        )
        .values_list("kind", "span")
        .annotate(n=Count("pk"))
    )
    counts: dict[str, Counter[int]] = {k: Counter() for k in ("event", "competing", "censored")}
    for kind, span, n in rows:
        counts[kind][max(0, span.days)] += n
    return counts["event"], counts["competing"], counts["censored"]


def monthly(qs: QuerySet[CaseRecord], period: Period) -> dict[str, Counter[str]]:
    """Intakes, restorations and closures without restoration dated in each month of ``period``."""
    series = {
        "intakes": (measures.OPENED, Q()),
        "restorations": (measures.RESTORED, Q()),
        "closures": (measures.CLOSED, Q(**{f"{measures.RESTORED}__isnull": True})),
    }
    result: dict[str, Counter[str]] = {}
    for name, (path, extra) in series.items():
        rows = (
            qs.filter(extra, **{f"{path}__range": (period.start, period.end)})
            .annotate(month=TruncMonth(path, output_field=DateField()))
            .values_list("month")
            .annotate(n=Count("pk"))
        )
        result[name] = Counter({month.strftime("%Y-%m"): n for month, n in rows})
    return result


def domain_means(qs: QuerySet[CaseRecord], codes: list[str], scope: Q) -> dict[str, dict]:
    """Per domain: cases assessed at least twice with a score for it, and their mean first and latest scores."""
    aggregates: dict[str, Aggregate] = {}
    for code in codes:
        both = (
            scope
            & Q(restoration__assessments__gte=2)
            & Q(restoration__first_scores__has_key=code)
            & Q(restoration__latest_scores__has_key=code)
        )
        aggregates[f"{code}__cases"] = Count("pk", filter=both)
        for side in ("first", "latest"):
            score = Cast(KeyTextTransform(code, f"restoration__{side}_scores"), FloatField())
            aggregates[f"{code}__{side}"] = Avg(score, filter=both)
    flat = qs.aggregate(**aggregates) if aggregates else {}
    return {code: {k: flat[f"{code}__{k}"] for k in ("cases", "first", "latest")} for code in codes}


def follow_up_counts(qs: QuerySet[CaseRecord], scope: Q, period: Period, view: str) -> dict:
    """Follow-up visits done and risks found, for the cases in ``scope`` (and in the period's visits)."""
    visits = FollowUp.objects.filter(case__in=qs.filter(scope).values("pk"), done_on__isnull=False)
    if view == PERIOD:
        visits = visits.filter(done_on__range=(period.start, period.end))
    with_risk = ~Q(risks=[])
    return visits.aggregate(
        followed=Count("case", distinct=True),
        with_risk=Count("case", filter=with_risk, distinct=True),
        visits_with_risk=Count("pk", filter=with_risk),
    )


def departments(*, user: User) -> list[str]:
    """The departments the organisation's measured cases come from, for the filter's choices."""
    qs = measured_cases(user=user, filters=RestorationFilters(period=Period.between()))
    values = qs.values_list("department", flat=True).distinct()  # type: ignore[misc]  # measured_cases annotates it
    return sorted(v for v in values if v)


def partners(*, user: User) -> list[tuple[int, str]]:
    """The organisations that delivered services on the organisation's cases: (id, name)."""
    membership = perm_required(user, Perm.AGGREGATES)
    rows = (
        Service.objects.filter(case__organisation_id=membership.organisation_id)
        .values_list("provider_id", "provider__name")
        .distinct()
        .order_by("provider__name")
    )
    return list(rows)

"""The justice report's counts, each group of them in one query.

``case_counts`` reads every per-case figure and the breakdowns in one scan
of the legal cases (FILTERed aggregates grouped by court and offence);
the monthly trend, hearings and charges take one query each. The time-to-event durations are in ``amparo.reporting.justice.durations``.
"""

import datetime
from collections import Counter
from collections.abc import Mapping

from django.db.models import Count, F, Q, QuerySet, Value

from amparo.justice import measures, vocab
from amparo.justice.models import Charge, Hearing, LegalCase
from amparo.reporting.justice.selection import COHORT, dated
from amparo.reporting.periods import Period, add_months, whole_months_between

GROUPED_BY = ("court_id", "court__name", "court__admin1", "offence_category")


def _cohort(cases: QuerySet[LegalCase], period: Period) -> QuerySet:
    return cases.filter(dated("complaint_on", period)).values("pk")


def _stage_reached(stage: str) -> Q:
    return Q(**{f"{stage}_on__isnull": False})


def _open_at(day: datetime.date) -> Q:
    """Filed by ``day`` and not closed by then (a closed case without a date counts as closed)."""
    closed = Q(closed_on__lte=day) | Q(closed_on__isnull=True, status=vocab.LegalCaseStatus.CLOSED)
    return Q(complaint_on__lte=day) & ~closed


def latest_complaint_with_age(as_of: datetime.date, months: int) -> datetime.date:
    """The last complaint date that is at least ``months`` whole calendar months old on ``as_of``.

    ``whole_months_between`` is the rule; this finds its boundary so the
    database can band by comparing dates (month ends make it a few days wide).
    """
    if months <= 0:
        return as_of
    day = add_months(as_of, -months)
    while whole_months_between(day + datetime.timedelta(days=1), as_of) >= months:
        day += datetime.timedelta(days=1)
    return day


def pending_bands(as_of: datetime.date) -> list[Q]:
    """One condition per ``measures.PENDING_BANDS`` band, by whole calendar months on ``as_of``."""
    bounds = [latest_complaint_with_age(as_of, months) for months, _label in measures.PENDING_BANDS]
    bands = []
    for index, bound in enumerate(bounds):
        band = Q(complaint_on__lte=bound)
        if index + 1 < len(bounds):
            band &= Q(complaint_on__gt=bounds[index + 1])
        bands.append(band)
    return bands


def headline_conditions(view: str, period: Period) -> dict[str, Q]:
    """The headline counts of one period, by view (see ``amparo.reporting.justice.tables``)."""
    if view == COHORT:
        filed = dated("complaint_on", period)
        return {
            "filed": filed,
            "verdict": filed & Q(verdict_on__isnull=False),
            "convicted": filed & Q(convicted=True),
        }
    return {
        "filed": dated("complaint_on", period),
        "verdict": dated("verdict_on", period),
        "convicted": dated("verdict_on", period) & Q(convicted=True),
        "closed_without": dated("closed_on", period) & Q(verdict_on__isnull=True),
    }


def case_counts(
    qs: QuerySet[LegalCase],
    *,
    view: str,
    periods: Mapping[str, Period],
    today: datetime.date,
) -> tuple[dict[str, int], list[dict[str, object]]]:
    """Every per-case count of the report in one scan of ``qs``, and the breakdown groups.

    The totals' keys: ``<period>:<figure>`` for the headline of each of
    ``periods`` (whose ``current`` the rest use), ``funnel:<stage>`` and
    ``pending:<band>``. The scan groups by (court, offence category): the
    totals are the sums of the groups, and each group's figures of the
    current period (``filed``, ``verdict``, ``convicted``) are the rows the
    department, court and offence breakdowns add up, so they are the same cells.
    """
    current = periods["current"]
    filters: dict[str, Q] = {}
    for name, period in periods.items():
        for figure, condition in headline_conditions(view, period).items():
            filters[f"{name}:{figure}"] = condition
    for stage in measures.STAGES:
        if view == COHORT:
            filters[f"funnel:{stage}"] = dated("complaint_on", current) & _stage_reached(stage)
        else:
            filters[f"funnel:{stage}"] = dated(f"{stage}_on", current)
    if view == COHORT:
        pending = dated("complaint_on", current) & _open_at(today)
        as_of = today
    else:
        as_of = min(current.end, today)
        pending = _open_at(as_of)
    for index, band in enumerate(pending_bands(as_of)):
        filters[f"pending:{index}"] = pending & band
    if view == COHORT:
        # Every cohort figure is about complaints of the compared periods: read only those.
        first = min(p.start for p in periods.values())
        qs = qs.filter(complaint_on__gte=first, complaint_on__lte=current.end)
    rows = list(
        qs.values(*GROUPED_BY)
        .annotate(**{k: Count("pk", filter=q) for k, q in filters.items()})
        .order_by()
    )
    totals = {key: sum(int(row[key]) for row in rows) for key in filters}
    groups = [
        {
            **{field: row[field] for field in GROUPED_BY},
            **{figure: row[f"current:{figure}"] for figure in ("filed", "verdict", "convicted")},
        }
        for row in rows
        if row["current:filed"] or row["current:verdict"]
    ]
    return totals, groups


def trend_counts(qs: QuerySet[LegalCase], *, period: Period) -> dict[tuple[str, str], int]:
    """Complaints, verdicts and convictions dated in each month of ``period``, keyed (YYYY-MM, figure).

    One query: the complaints grouped by day ``UNION ALL`` the verdicts
    grouped by day, each read through its own date index. Grouping on the
    date column itself is cheaper than on a month computed per row
    (PostgreSQL's ``EXTRACT`` is numeric arithmetic); the days (at most a few
    thousand rows, not one per case) are added up into months here.
    """

    def by_day(field: str, kind: str) -> QuerySet:
        return (
            qs.filter(dated(field, period))
            .annotate(kind=Value(kind), day=F(field))
            .values_list("kind", "day", "convicted")
            .annotate(n=Count("pk"))
            .order_by()
        )

    found: Counter[tuple[str, str]] = Counter()
    rows = by_day("complaint_on", "filed").union(by_day("verdict_on", "verdict"), all=True)
    for kind, day, convicted, n in rows:
        month = f"{day.year:04d}-{day.month:02d}"
        found[(month, kind)] += n
        if kind == "verdict" and convicted:
            found[(month, "convicted")] += n
    return dict(found)


def hearing_counts(
    cases: QuerySet[LegalCase], *, view: str, period: Period
) -> dict[tuple[str, str, bool, str], int]:
    """Hearings by (outcome, postponement reason, survivor testified, setting), in one query.

    Cohort: every hearing of the cohort's legal cases; period: the hearings
    of the filtered legal cases scheduled in the period.
    """
    if view == COHORT:
        hearings = Hearing.objects.filter(legal_case__in=_cohort(cases, period))
    else:
        start, until = period.bounds()
        hearings = Hearing.objects.filter(
            legal_case__in=cases.values("pk"), scheduled_for__gte=start, scheduled_for__lt=until
        )
    rows = (
        hearings.values_list(
            "outcome", "postponement_reason", "survivor_testified", "testimony_setting"
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(o, r, t, s): n for o, r, t, s, n in rows}


def charge_counts(cases: QuerySet[LegalCase], *, view: str, period: Period) -> dict[str, int]:
    """Accused and charges with a verdict and convicted, in one query over the charges.

    Cohort: the charges in the cohort's legal cases; period: charges whose
    verdict is dated in the period.
    """
    if view == COHORT:
        # A charge's verdict sets its legal case's verdict date (the services): only cases
        # with one can have charges with a verdict, which keeps the join small.
        charges = Charge.objects.filter(
            accused__legal_case__in=_cohort(cases.filter(verdict_on__isnull=False), period)
        )
    else:
        charges = Charge.objects.filter(
            accused__legal_case__in=cases.values("pk"),
            verdict_on__range=(period.start, period.end),
        )
    with_verdict = ~Q(verdict="")
    convicted = Q(verdict=measures.CONVICTION)
    return charges.aggregate(
        accused_verdict=Count("accused_id", distinct=True, filter=with_verdict),
        accused_convicted=Count("accused_id", distinct=True, filter=convicted),
        charge_verdict=Count("pk", filter=with_verdict),
        charge_convicted=Count("pk", filter=convicted),
    )

"""The restoration report: how survivors recover, as one ``Report`` for the page, exports and API.

What is measured is declared in ``amparo.aftercare.measures``; the grouped
queries are in ``amparo.reporting.restoration_queries``. Here the counts
become tables whose relations are declared (survivors assessed = restored +
closed without restoration + still open), protected together once
(``protect_tables``), with the time to restoration estimated with the
competing outcome (``time_to_event``) and its curve protected
(``protect_curve``).
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.aftercare import measures
from amparo.aftercare.selectors import active_instrument, occupancy
from amparo.cases.vocab import GbvType
from amparo.core.replica import reading_from_replica
from amparo.reporting import restoration_figures as figures
from amparo.reporting import restoration_queries as queries
from amparo.reporting.periods import Period, add_months
from amparo.reporting.restoration_queries import COHORT, OUTCOMES, RestorationFilters
from amparo.reporting.suppression import Relation, protect_curve
from amparo.reporting.survival import time_to_event
from amparo.reporting.tables import Column, Link, Report, Table, count_table, protect_tables

COMPARED = ("current", "previous", "year_before")
BREAKDOWNS = ("department", "offence")


def _outcome_columns() -> list[Column]:
    labels = measures.LABELS
    return [
        *(Column(o, str(labels[o])) for o in OUTCOMES),
        Column("rate_cases", str(labels["rate_cases"]), "share", of="restored", over="cases"),
        Column(
            "rate_outcomes", str(labels["rate_outcomes"]), "share", of="restored", over="outcomes"
        ),
    ]


def _outcome_relations(keys: list[str]) -> list[Relation]:
    relations = []
    for key in keys:
        relations.append(
            Relation(
                whole=(key, "cases"), parts=((key, "restored"), (key, "closed"), (key, "open"))
            )
        )
        relations.append(
            Relation(whole=(key, "outcomes"), parts=((key, "restored"), (key, "closed")))
        )
    return relations


def _period_label(name: str, period: str) -> str:
    labels = {
        "current": _("This period (%(period)s)"),
        "previous": _("Previous period (%(period)s)"),
        "year_before": _("A year before (%(period)s)"),
    }
    return labels[name] % {"period": period}


def _comparison(counts: dict, periods: dict) -> Table:
    return count_table(
        key="comparison",
        title=_("Outcomes, this period against the previous one and a year before"),
        columns=_outcome_columns(),
        rows=[
            (n, _period_label(n, str(periods[n]).replace("..", " – ")), counts[n]) for n in COMPARED
        ],
        relations=_outcome_relations(list(COMPARED)),
    )


def _breakdown(key: str, title: str, rows: list[tuple[str, str, dict]], *, total: bool) -> Table:
    keys = [r[0] for r in rows] + (["total"] if total else [])
    return count_table(
        key=key,
        title=title,
        columns=_outcome_columns(),
        rows=rows,
        total=("total", _("All")) if total else None,
        relations=_outcome_relations(keys),
        description=""
        if total
        else _("A survivor served by several organisations counts under each of them."),
    )


def _by_dimension(qs, dimension: str, filters: RestorationFilters) -> Table:
    counts = queries.outcome_breakdown(qs, dimension, filters.period, filters.view)
    if dimension == "department":
        title = _("By department (of the first incident)")
        names = {k: k for k in counts}
    else:
        title = _("By type of incident (GBVIMS, of the first incident)")
        names = {k: str(measures.OFFENCE_LABELS.get(k, k)) for k in counts}
    rows = sorted(
        ((k or "none", names[k] if k else _("Not recorded"), v) for k, v in counts.items()),
        key=lambda r: (r[0] == "none", r[1]),
    )
    return _breakdown(f"by_{dimension}", title, rows, total=True)


def report_links(view: str) -> list[Link]:
    """How the tables of the report add up across each other, for ``protect_tables``."""
    links = []
    for table in (f"by_{d}" for d in BREAKDOWNS):
        for outcome in OUTCOMES:
            links.append(
                Link(whole=("comparison", "current", outcome), parts=((table, "total", outcome),))
            )
    if view == COHORT:
        links.append(
            Link(whole=("comparison", "current", "cases"), parts=(("trends", "total", "intakes"),))
        )
    else:
        for series, outcome in (("restorations", "restored"), ("closures", "closed")):
            links.append(
                Link(whole=("comparison", "current", outcome), parts=(("trends", "total", series),))
            )
    return links


def _trends(qs, filters: RestorationFilters) -> Table:
    series = queries.monthly(qs, filters.period)
    months = [m.strftime("%Y-%m") for m in filters.period.months()]
    return count_table(
        key="trends",
        title=_("By month: intakes, restorations and closures without restoration"),
        columns=[
            Column("intakes", _("Survivors assessed, by month opened")),
            Column("restorations", _("Restored")),
            Column("closures", _("Closed without restoration")),
        ],
        rows=[(m, m, {name: series[name][m] for name in series}) for m in months],
        total=("total", _("All months")),
        description=_("Events dated in each month of the period, whichever view is chosen."),
    )


def _domains(qs, filters: RestorationFilters, organisation_id: int) -> Table:
    domains = list(active_instrument(organisation_id=organisation_id).domains.all())
    scope = queries.outcome_filters(filters.period, filters.view)["cases"]
    means = queries.domain_means(qs, [d.code for d in domains], scope)

    def mean(value: float | None) -> float | None:
        return None if value is None else round(value, 2)

    rows = []
    for d in domains:
        m = means[d.code]
        first, latest = mean(m["first"]), mean(m["latest"])
        change = None if first is None or latest is None else round(latest - first, 2)
        rows.append(
            (
                d.code,
                str(d),
                {"cases": m["cases"], "first": first, "latest": latest, "change": change},
            )
        )
    return count_table(
        key="domains",
        title=_("Change in domain scores, first to latest assessment"),
        columns=[
            Column("cases", _("Cases assessed twice or more")),
            Column("first", _("First"), "number"),
            Column("latest", _("Latest"), "number"),
            Column("change", _("Change"), "number"),
        ],
        rows=rows,
    )


def _risk(qs, filters: RestorationFilters) -> Table:
    scope = queries.outcome_filters(filters.period, filters.view)["cases"]
    n = queries.follow_up_counts(qs, scope, filters.period, filters.view)
    return count_table(
        key="risk",
        title=_("Risk during follow-up"),
        columns=[
            Column("followed", _("Survivors followed up")),
            Column("with_risk", _("Survivors with a risk found")),
            Column("without_risk", "", published=False),
            Column("visits_with_risk", _("Visits that found a risk")),
            Column("share", _("Share with a risk"), "share", of="with_risk", over="followed"),
        ],
        rows=[
            (
                "all",
                _("Survivors followed up"),
                {**n, "without_risk": n["followed"] - n["with_risk"]},
            )
        ],
        relations=[
            Relation(
                whole=("all", "followed"), parts=(("all", "with_risk"), ("all", "without_risk"))
            )
        ],
    )


def _occupancy(user: User, today: datetime.date) -> Table:
    return count_table(
        key="occupancy",
        title=_("Shelter occupancy today"),
        columns=[Column("occupied", _("Occupied")), Column("beds", _("Beds"), "number")],
        rows=[
            (
                str(o.facility.pk),
                o.facility.name,
                {"occupied": o.occupied, "beds": o.facility.capacity},
            )
            for o in occupancy(user=user, on=today)
        ],
        description=_("Today, whatever the filters."),
    )


@reading_from_replica()
def restoration_report(
    *, user: User, filters: RestorationFilters, suppress: bool, today: datetime.date | None = None
) -> Report:
    """Every restoration indicator for the user's organisation and ``filters``, as one ``Report``.

    Aggregates only (``Perm.AGGREGATES``, else ``Denied``). With ``suppress``
    (anything exported or leaving the organisation) the tables are protected
    together, so no hidden count follows from the shown ones, and the curve
    is cut where too few cases remain. A constant number of grouped queries.
    """
    membership = perm_required(user, Perm.AGGREGATES)
    today = today or timezone.localdate()
    qs = queries.measured_cases(user=user, filters=filters)
    period = filters.period
    periods = {
        "current": period,
        "previous": period.previous(),
        "year_before": period.year_before(),
    }
    counts = queries.outcome_counts(qs, periods, filters.view)
    partners = queries.partner_breakdown(qs, period, filters.view)
    tables = [
        _comparison(counts, periods),
        _trends(qs, filters),
        *(_by_dimension(qs, d, filters) for d in BREAKDOWNS),
        _breakdown(
            "by_partner",
            _("By organisation that delivered services"),
            [(name, name, values) for name, values in partners],
            total=False,
        ),
        _domains(qs, filters, membership.organisation_id),
        _risk(qs, filters),
        _occupancy(user, today),
    ]
    tables = figures.hide_means(
        protect_tables(tables, suppress=suppress, links=report_links(filters.view))
    )
    events, competing, censored = queries.durations(qs, period, view=filters.view, today=today)
    estimate = time_to_event(events=events, competing=competing, censored=censored)
    curve = protect_curve(estimate, suppress=suppress)
    tables.insert(1, figures.changes_table(tables[0]))
    tables.insert(2, figures.time_table(curve, estimate, suppress=suppress, view=filters.view))
    return Report(
        key="restoration",
        title=_("Restoration indicators"),
        tables=tables,
        suppressed=suppress,
        filters=describe(filters),
        view=filters.view,
        curves={"time_to_restoration": curve},
    )


def report_period(
    *, start: datetime.date | None, end: datetime.date | None, today: datetime.date
) -> Period:
    """The period the filters give: the end defaults to today (or the start, if later),
    the start to twelve calendar months before the end."""
    end = end or max(today, start or today)
    if start is None or start > end:
        start = add_months(end, -12) + datetime.timedelta(days=1)
    return Period(start=start, end=end)


VIEW_LABELS = {
    "cohort": gettext_lazy("Cases opened in the period, by where they stand now"),
    "period": gettext_lazy("What happened in the period"),
}


def describe(filters: RestorationFilters) -> list[tuple[str, str]]:
    """The filters in force, in words of the active language, as (label, value) pairs: for
    the page, the exports (a person reads their cover) and the audit trail."""
    anything = _("Any")
    partner = ""
    if filters.partner_id:
        partner = (
            Organisation.objects.filter(pk=filters.partner_id)
            .values_list("name", flat=True)
            .first()
            or ""
        )
    return [
        (_("Period"), f"{filters.period.start.isoformat()} – {filters.period.end.isoformat()}"),
        (_("View"), str(VIEW_LABELS.get(filters.view, filters.view))),
        (_("Department"), filters.admin1 or anything),
        (_("Type of incident"), str(dict(GbvType.choices).get(filters.offence, "")) or anything),
        (_("Services delivered by"), partner or anything),
    ]

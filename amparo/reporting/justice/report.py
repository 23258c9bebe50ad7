"""The justice report: every table and curve of the dashboard, as the page, the exports and the API give it."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.core.replica import reading_from_replica
from amparo.justice import vocab
from amparo.justice.models import Court
from amparo.reporting.justice import counts as q
from amparo.reporting.justice import figures, hearings, tables, timings
from amparo.reporting.justice.breakdowns import breakdown_tables, department_links
from amparo.reporting.justice.durations import stage_durations
from amparo.reporting.justice.selection import (
    COHORT,
    VIEWS,
    JusticeFilters,
    dated,
    legal_cases_for_report,
)
from amparo.reporting.periods import Period
from amparo.reporting.tables import Link, Report, Table, protect_tables, sort_rows


def _filters_in_words(filters: JusticeFilters, period: Period) -> list[tuple[str, str]]:
    court = ""
    if filters.court_id:
        court = (
            Court.objects.filter(pk=filters.court_id).values_list("name", flat=True).first() or ""
        )
    offences = dict(vocab.OffenceCategory.choices)
    anything = _("Any")
    return [
        (_("Period"), tables.period_label(period)),
        (_("View"), str(dict(VIEWS).get(filters.view, filters.view))),
        (_("Department"), filters.admin1 or anything),
        (_("Court"), court or anything),
        (_("Offence category"), str(offences.get(filters.offence_category, "")) or anything),
    ]


def justice_links(
    view: str, breakdowns: list[Table], groups: list[dict[str, object]]
) -> list[Link]:
    """Every relation between cells of different tables of the report (for ``protect_tables``)."""
    return [
        *tables.links(view, breakdowns),
        *hearings.hearing_links(),
        *department_links(groups),
    ]


@reading_from_replica()
def justice_report(
    *,
    user: User,
    filters: JusticeFilters,
    suppress: bool,
    today: datetime.date | None = None,
) -> Report:
    """Every justice figure for the user's organisation and ``filters``, in a constant number of queries.

    Aggregates only (``Perm.AGGREGATES``, else ``Denied``). ``suppress`` must
    be true for anything that leaves the organisation (exports, the API):
    small counts are hidden with enough others that none can be derived
    (``protect_tables``, across tables), and so is every figure resting on
    one (rates, changes, medians, curves). Refuses an invalid period
    (``ValidationError`` per field).
    """
    today = today or timezone.localdate()
    period = filters.period(today)
    view = filters.view
    periods = {
        "current": period,
        "previous": period.previous(),
        "year_before": period.year_before(),
    }
    cases = legal_cases_for_report(user=user, filters=filters)
    counts, groups = q.case_counts(cases, view=view, periods=periods, today=today)
    monthly = q.trend_counts(cases, period=period)
    charges = q.charge_counts(cases, view=view, period=period)
    hearing_groups = q.hearing_counts(cases, view=view, period=period)
    # The cohort view times the period's complaints; the period view every
    # complaint filed up to its end: a year's complaints rarely reach a verdict within it.
    followed = (
        cases.filter(dated("complaint_on", period))
        if view == COHORT
        else cases.filter(complaint_on__lte=period.end)
    )
    curves = timings.estimates(stage_durations(followed, today=today))
    breakdowns = breakdown_tables(view, groups)
    built = [
        tables.headline(view, counts, periods),
        tables.funnel(view, counts),
        tables.convictions(view, counts, charges),
        timings.timings_table(curves, view=view),
        tables.pending(view, counts),
        *hearings.hearing_tables(hearing_groups),
        tables.trend(monthly, period),
        *breakdowns,
    ]
    protected = protect_tables(
        built, suppress=suppress, links=justice_links(view, breakdowns, groups)
    )
    by_key = {t.key: t for t in protected}
    by_key["headline"] = figures.with_changes(by_key["headline"])
    by_key["funnel"] = figures.funnel_shares(by_key["funnel"])
    by_key["timings"], shown_curves = timings.protect_timings(
        by_key["timings"], curves, suppress=suppress
    )
    by_key["postponements"] = sort_rows(by_key["postponements"], "hearings")
    ordered = [by_key[t.key] for t in protected]
    ordered.insert(1, figures.headline_rates(by_key["headline"]))
    return Report(
        key="justice",
        title=_("Justice dashboard"),
        tables=ordered,
        suppressed=suppress,
        filters=_filters_in_words(filters, period),
        view=view,
        curves=shown_curves,
    )

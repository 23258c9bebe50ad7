"""The justice dashboard and its CSV export: aggregates only, never a record."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.justice import selectors, vocab
from amparo.reporting import charts
from amparo.reporting.exports import indicators_csv
from amparo.reporting.forms import IndicatorFilterForm
from amparo.reporting.justice import JusticeIndicators, justice_indicators
from amparo.reporting.suppression import percent

KM_STAGE = vocab.Stage.VERDICT


def _form(request: HttpRequest) -> IndicatorFilterForm:
    return IndicatorFilterForm(
        request.GET or None,
        courts=list(selectors.courts()),
        departments=selectors.court_departments(),
    )


@never_cache
@perm_required_view(Perm.AGGREGATES)
def dashboard(request: HttpRequest) -> HttpResponse:
    """Inside the organisation: exact counts (``suppress=False``)."""
    form = _form(request)
    result = justice_indicators(user=request.user, filters=form.filters(), suppress=False)
    timing = next(t for t in result.timings if t.stage == KM_STAGE)
    return render(
        request,
        "justice/dashboard.html",
        {
            "form": form,
            "ind": result,
            "query": request.GET.urlencode(),
            "funnel_chart": charts.bar_chart([(r.label, r.count) for r in result.funnel]),
            "pending_chart": charts.bar_chart(result.pending_age),
            "reasons_chart": charts.bar_chart(result.postponement_reasons),
            "km": timing,
            "km_chart": charts.km_chart(timing.curve),
            "rates": {
                "conviction": percent(result.conviction_rate),
                "clearance": percent(result.clearance_rate),
                "postponement": percent(result.postponement_rate),
                "victim_friendly": percent(result.victim_friendly_share),
            },
        },
    )


def indicator_rows(result: JusticeIndicators) -> list[tuple[str, str, str]]:
    """(section, item, value) rows; counts print as ``<11`` when suppressed."""
    rows = [("cases", "legal cases", str(result.cases))]
    rows += [("funnel", r.stage, str(r.count)) for r in result.funnel]
    rows += [("funnel_share", r.stage, percent(r.share)) for r in result.funnel]
    rows += [
        ("median_days_from_complaint", t.stage, "" if t.median_days is None else str(t.median_days))
        for t in result.timings
    ]
    rows += [
        ("verdicts", "cases with a verdict", str(result.with_verdict)),
        ("verdicts", "cases with a conviction", str(result.convicted)),
        ("verdicts", "conviction rate", percent(result.conviction_rate)),
        ("clearance", "filed in period", str(result.filed_in_period)),
        ("clearance", "disposed in period", str(result.disposed_in_period)),
        ("clearance", "clearance rate", percent(result.clearance_rate)),
    ]
    rows += [("pending_age", label, str(count)) for label, count in result.pending_age]
    rows += [
        ("hearings", "held or postponed", str(result.hearings_decided)),
        ("hearings", "postponed", str(result.hearings_postponed)),
        ("hearings", "postponement rate", percent(result.postponement_rate)),
    ]
    rows += [("postponement_reasons", label, str(n)) for label, n in result.postponement_reasons]
    rows += [
        ("testimony", "testimonies", str(result.testimonies)),
        ("testimony", "in a victim-friendly setting", str(result.testimonies_victim_friendly)),
        ("testimony", "victim-friendly share", percent(result.victim_friendly_share)),
    ]
    return rows


@never_cache
@perm_required_view(Perm.AGGREGATES)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """An export can leave the organisation: small cells are always suppressed, and it is audited."""
    filters = _form(request).filters()
    result = justice_indicators(user=request.user, filters=filters, suppress=True)
    stamp = timezone.localdate().isoformat()
    return indicators_csv(
        actor=request.user,
        report="justice",
        filters=str(filters),
        filename=f"justice-indicators-{stamp}.csv",
        header=["section", "item", "value"],
        rows=[
            ["filters", "period", f"{filters.start or ''}..{filters.end or ''}"],
            ["filters", "department", filters.admin1],
            ["filters", "court", filters.court_id or ""],
            ["filters", "offence_category", filters.offence_category],
            *indicator_rows(result),
            ["note", "suppression", _("Counts below the minimum cell size are hidden.")],
        ],
    )

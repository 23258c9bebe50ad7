"""Restoration indicators for people who see aggregates: always with small cells hidden."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.selectors import active_instrument
from amparo.reporting import charts
from amparo.reporting.exports import indicators_csv
from amparo.reporting.restoration import RestorationIndicators, restoration_indicators
from amparo.reporting.suppression import percent


def indicator_rows(ind: RestorationIndicators) -> list[tuple[str, str]]:
    """(indicator, value) rows; counts print as ``<11`` when suppressed."""
    rows = [
        ("assessed", str(ind.assessed)),
        ("restored", str(ind.restored)),
        ("restoration_rate", percent(ind.restoration_rate)),
        ("median_days_to_restoration", str(ind.median_days_to_restoration or "—")),
        ("followed_up", str(ind.followed_up)),
        ("revictimisation_flags", str(ind.revictimisation_flags)),
        ("cases_with_risk", str(ind.cases_with_risk)),
        ("risk_rate", percent(ind.risk_rate)),
    ]
    for change in ind.domain_changes:
        rows.append((f"domain.{change.domain}.cases", str(change.cases)))
        rows.append((f"domain.{change.domain}.first_mean", str(change.first_mean or "—")))
        rows.append((f"domain.{change.domain}.latest_mean", str(change.latest_mean or "—")))
    for occ, occupied in ind.occupancy:
        rows.append((f"occupancy.{occ.facility.name}", f"{occupied}/{occ.facility.capacity}"))
    return rows


@never_cache
@perm_required_view(Perm.AGGREGATES)
def restoration_dashboard(request: HttpRequest) -> HttpResponse:
    """On screen, inside the organisation, exact counts (as the justice dashboard);
    the CSV export, which can leave it, is always suppressed."""
    ind = restoration_indicators(user=request.user, suppress=False)
    instrument = active_instrument(organisation_id=request.user.active_membership.organisation_id)
    bars = charts.domain_change_bars(
        [(c.label, c.first_mean, c.latest_mean) for c in ind.domain_changes],
        low=instrument.scale_min,
        high=instrument.scale_max,
    )
    return render(
        request,
        "aftercare/dashboard.html",
        {
            "ind": ind,
            "bars": bars,
            "bars_height": 20 + 24 * len(bars),
            "km_rows": [
                (s.time, s.at_risk, s.events, f"{1 - s.survival:.0%}")
                for s in ind.time_to_restoration.steps
            ],
            "rate": percent(ind.restoration_rate),
            "risk_rate": percent(ind.risk_rate),
            "km": charts.km_step_chart(ind.time_to_restoration),
        },
    )


@never_cache
@perm_required_view(Perm.AGGREGATES)
def restoration_dashboard_csv(request: HttpRequest) -> HttpResponse:
    """The indicators as CSV: always suppressed, and the export is audited."""
    ind = restoration_indicators(user=request.user, suppress=True)
    return indicators_csv(
        actor=request.user,
        report="restoration",
        filters="",
        filename="restoration-indicators.csv",
        header=["indicator", "value"],
        rows=indicator_rows(ind),
    )

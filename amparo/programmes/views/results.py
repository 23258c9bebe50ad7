"""A programme's results page: each goal's chart and table first, then people protected.

Readers of the programme (its organisation's and its partners' members with
aggregates or programme rights) see it; the figures are computed for
``?as_of=`` (default today) by ``results`` and ``protection``, never typed in.
"""

import datetime
from dataclasses import dataclass
from itertools import groupby

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.forms import date_field
from amparo.programmes import charts
from amparo.programmes.indicators import INDICATORS, Indicator
from amparo.programmes.protection import AreaVerdict, method, people_protected
from amparo.programmes.results import GoalProgress, goal_progress
from amparo.programmes.selectors.access import programme_get_for_user
from amparo.programmes.vocab import GoalStatus
from amparo.reporting.suppression import NOT_DEFINED


class AsOfForm(forms.Form):
    """The date of the figures; left out or invalid, today (the error is shown)."""

    as_of = date_field(gettext_lazy("Figures as of"), required=False)

    def as_of_or(self, default: datetime.date) -> datetime.date:
        data = self.cleaned_data if self.is_valid() else {}
        return data.get("as_of") or default


@dataclass(frozen=True)
class GoalView:
    progress: GoalProgress
    chart_id: str
    indicator: Indicator
    status_label: str
    current: str
    interval: str
    expected: str
    chart: charts.GoalChart
    rows: list[charts.Row]


@dataclass(frozen=True)
class AreaRow:
    verdict: AreaVerdict
    population: str
    baseline: str
    endline: str
    p_value: str
    fell: str
    justice_met: str
    protected: str


def _yes_no(value: bool | None) -> str:
    return NOT_DEFINED if value is None else (_("Yes") if value else _("No"))


def _area_row(verdict: AreaVerdict) -> AreaRow:
    return AreaRow(
        verdict=verdict,
        population=number_format(verdict.population, force_grouping=True),
        baseline=charts.value_text(verdict.baseline, "percent"),
        endline=charts.value_text(verdict.endline, "percent"),
        p_value=NOT_DEFINED if verdict.p_value is None else number_format(verdict.p_value, 3),
        fell=_yes_no(verdict.prevalence_fell),
        justice_met=_yes_no(verdict.justice_met),
        protected=_yes_no(verdict.protected),
    )


def _or_blank(text: str) -> str:
    return "" if text == NOT_DEFINED else text


def _goal_view(progress: GoalProgress, *, as_of: datetime.date, k: int) -> GoalView:
    unit = progress.unit
    return GoalView(
        progress=progress,
        chart_id=f"goal-{progress.goal.pk}-chart",
        indicator=INDICATORS[progress.goal.indicator],
        status_label=str(GoalStatus(progress.status).label),
        current=charts.estimate_text(progress.current, unit, k=k),
        interval=_or_blank(charts.interval_text(progress.current, unit)),
        expected=charts.value_text(progress.expected, unit),
        chart=charts.goal_chart(progress, as_of=as_of),
        rows=charts.goal_rows(progress, as_of=as_of, k=k),
    )


@perm_required_view(Perm.AGGREGATES, Perm.PROGRAMMES, record=True)
def programme_results(request: HttpRequest, programme_id: int) -> HttpResponse:
    programme = programme_get_for_user(user=request.user, programme_id=programme_id)
    form = AsOfForm(request.GET or None)
    as_of = form.as_of_or(timezone.localdate())
    k = programme.min_cell
    goals = [
        _goal_view(p, as_of=as_of, k=k) for p in goal_progress(programme=programme, as_of=as_of)
    ]
    protected = people_protected(programme=programme, as_of=as_of)
    countries = [
        (country, [_area_row(a) for a in areas])
        for country, areas in groupby(protected.areas, key=lambda a: a.country)
    ]
    return render(
        request,
        "programmes/results.html",
        {
            "programme": programme,
            "form": form,
            "as_of": as_of,
            "goals": goals,
            "protected": protected,
            "people": number_format(protected.people, force_grouping=True),
            "method": method(protected.method_version),
            "countries": countries,
        },
    )

from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.aftercare.selectors import CASE_PERMS, task_get_for_user
from amparo.aftercare.selectors_team import When, team_approvals, team_items
from amparo.aftercare.selectors_work import my_work, team_work
from amparo.aftercare.services.common import task_complete
from amparo.aftercare.views.common import button_action

PAGE_SIZE = 25


@never_cache
@perm_required_view(*CASE_PERMS)
def my_work_page(request: HttpRequest) -> HttpResponse:
    """What is overdue (first), due today, this week and later on the user's cases;
    above it, for a supervisor, the team's work as counts that open their lists."""
    work = my_work(user=request.user)
    team = team_work(user=request.user)
    return render(request, "aftercare/my_work.html", {"work": work, "team": team})


@never_cache
@require_POST
@perm_required_view(*CASE_PERMS, record=True)
def task_done(request: HttpRequest, task_pk: int) -> HttpResponse:
    task = task_get_for_user(user=request.user, task_id=task_pk)
    return button_action(
        request,
        lambda: task_complete(actor=request.user, task=task),
        done=_("The task is done."),
        then=reverse("my_work"),
    )


class TeamItemsFilter(forms.Form):
    worker = forms.IntegerField(required=False, min_value=1)
    when = forms.ChoiceField(required=False, choices=[(w.value, w.value) for w in When])


@never_cache
@perm_required_view(Perm.CASES_ALL)
def team_items_page(request: HttpRequest) -> HttpResponse:
    """The team's overdue and due work, of one worker or of everyone, oldest due first."""
    filters = TeamItemsFilter(request.GET)
    if not filters.is_valid():
        return render(request, "aftercare/team_items.html", {"filters": filters}, status=400)
    team = team_items(
        user=request.user,
        worker_id=filters.cleaned_data["worker"],
        when=When(filters.cleaned_data["when"] or When.ALL),
    )
    page = Paginator(team.rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(
        request,
        "aftercare/team_items.html",
        {"team": team, "page": page, "query": f"{query}&" if query else "", "filters": filters},
    )


@never_cache
@perm_required_view(Perm.CASES_ALL)
def team_approvals_page(request: HttpRequest) -> HttpResponse:
    """Every approval waiting in the organisation, oldest first, each linking to its decision."""
    page = Paginator(team_approvals(user=request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "aftercare/team_approvals.html", {"page": page, "query": ""})

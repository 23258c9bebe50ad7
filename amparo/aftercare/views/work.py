from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.aftercare.selectors import CASE_PERMS, task_get_for_user
from amparo.aftercare.selectors_work import my_work, team_work
from amparo.aftercare.services.common import task_complete
from amparo.aftercare.views.common import button_action


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

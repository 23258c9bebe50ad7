from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import perm_required_view
from amparo.aftercare.selectors import my_work, task_get_for_user
from amparo.aftercare.services.common import task_complete
from amparo.aftercare.views.common import CASE_PERMS

# Where on the case's restoration page each task is acted on.
TASK_ANCHORS = {
    "review_risk": "follow-ups",
    "approve_plan": "care-plan",
    "approve_family": "family",
    "approve_reintegration": "reintegration",
}


@never_cache
@perm_required_view(*CASE_PERMS)
def my_work_page(request: HttpRequest) -> HttpResponse:
    """What is overdue (first) and coming up on the user's cases."""
    work = my_work(user=request.user)
    return render(request, "aftercare/my_work.html", {"work": work, "task_anchors": TASK_ANCHORS})


@never_cache
@require_POST
@perm_required_view(*CASE_PERMS, record=True)
def task_done(request: HttpRequest, task_pk: int) -> HttpResponse:
    task = task_get_for_user(user=request.user, task_id=task_pk)
    try:
        task_complete(actor=request.user, task=task)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The task is done."))
    return redirect("my_work")

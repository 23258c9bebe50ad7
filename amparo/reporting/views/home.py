"""The home page: frontline work starts from what is due, aggregate roles from the counts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.selectors import CASE_PERMS
from amparo.reporting.cases import case_counts


@never_cache
@perm_required_view(*CASE_PERMS, Perm.AGGREGATES)
def home(request: HttpRequest) -> HttpResponse:
    """Frontline roles go to their work; aggregate roles see their organisation's counts."""
    user = request.user
    if any(user.has_amparo_perm(perm) for perm in CASE_PERMS):
        # Frontline work starts from what is due: "my work" lists overdue
        # assessments, follow-ups, reviews, tasks and the coming hearings.
        return redirect("my_work")
    return render(request, "cases/home_aggregates.html", {"counts": case_counts(user=user)})

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.aftercare.selectors import CASE_PERMS
from amparo.aftercare.views.casefile_hook import restoration_context_for_case
from amparo.aftercare.views.common import case_for


@never_cache
@perm_required_view(*CASE_PERMS, record=True)
def case_restoration(request: HttpRequest, pk: int) -> HttpResponse:
    """The restoration section on a page of its own (opening it is a logged read)."""
    case = case_for(request, pk)
    context = {"case": case, **restoration_context_for_case(user=request.user, case=case)}
    return render(request, "aftercare/restoration_page.html", context)

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.forms.caseload import CaseloadFilterForm
from amparo.cases.selectors import CASE_PERMS, caseload_list


@never_cache
@perm_required_view(*CASE_PERMS)
def caseload(request: HttpRequest) -> HttpResponse:
    """The caseload. The filter form posts, so a name typed in never lands in a URL or log.

    A search by name in the address is refused rather than run: a URL is kept
    by access logs, proxies and the browser's history.
    """
    in_url = request.method != "POST" and "by_name" in request.GET
    form = CaseloadFilterForm(
        {} if in_url else request.POST if request.method == "POST" else request.GET,
        can_search_by_name=request.user.has_amparo_perm(Perm.SEARCH_BY_NAME),
    )
    if in_url:
        form.add_error(
            None, _("Search by name with the form: a name must never be in the address.")
        )
    filters = form.cleaned_data if form.is_valid() else {}
    cases = caseload_list(
        user=request.user,
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        risk_level=filters.get("risk_level", ""),
        mine=filters.get("mine", False),
        by_name=filters.get("by_name", False),
        unassigned=filters.get("unassigned", False),
        flagged=filters.get("flagged", False),
    )
    page = Paginator(cases, settings.AMPARO_CASELOAD_PAGE_SIZE).get_page(filters.get("page"))
    filtered = any(
        filters.get(k) for k in ("q", "status", "risk_level", "mine", "unassigned", "flagged")
    )
    context = {"form": form, "page": page, "filtered": filtered}
    template = "cases/_caseload_results.html" if request.htmx else "cases/caseload.html"
    return render(request, template, context, status=400 if in_url else 200)

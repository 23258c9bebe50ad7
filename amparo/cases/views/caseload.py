from django.conf import settings
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.cases.forms.caseload import CaseloadFilterForm
from amparo.cases.kept import forget_search, keep_search, kept_search
from amparo.cases.selectors import CASE_PERMS, caseload_list
from amparo.core.pagination import CappedPaginator

# Fields of a GET that ask for a search of their own rather than the kept one.
_FILTERS = ("q", "status", "risk_level", "mine", "unassigned", "flagged", "page")


def _form_input(data: QueryDict, form: CaseloadFilterForm) -> dict[str, str]:
    return {name: data.get(name, "") for name in form.fields}


@never_cache
@perm_required_view(*CASE_PERMS)
def caseload(request: HttpRequest) -> HttpResponse:
    """The caseload. The filter form posts, so a name typed in never lands in a URL or log.

    A search by name in the address is refused rather than run: a URL is kept
    by access logs, proxies and the browser's history. The last valid search
    is kept in the session (``amparo.cases.kept``), so coming back to the
    caseload (a link, the back button, the header's search) finds it again.
    A page load (GET) never runs a kept search by name, which would tie a name
    to cases on a read that is not a search: it shows the kept form, and the
    browser posts it again (htmx), as a search, audited like any other.
    """
    can_search_by_name = request.user.has_amparo_perm(Perm.SEARCH_BY_NAME)
    in_url = request.method != "POST" and "by_name" in request.GET
    kept = kept_search(request.session)
    if request.method == "POST":
        if "clear" in request.POST:
            forget_search(request.session)
            data: dict[str, str] | QueryDict = {}
        else:
            data = request.POST
    elif in_url:
        data = {}
    elif any(name in request.GET for name in _FILTERS):
        data = request.GET
    else:
        data = kept
    form = CaseloadFilterForm(data, can_search_by_name=can_search_by_name)
    if in_url:
        form.add_error(
            None, _("Search by name with the form: a name must never be in the address.")
        )
    valid = form.is_valid()
    if not valid and data is kept:
        # Kept under other choices (a role or a vocabulary changed): start afresh.
        forget_search(request.session)
        form = CaseloadFilterForm({}, can_search_by_name=can_search_by_name)
        valid = form.is_valid()
    filters = form.cleaned_data if valid else {}
    by_name = bool(filters.get("by_name") and filters.get("q", "").strip())
    if request.method == "POST" and valid:
        keep_search(request.session, _form_input(request.POST, form))
        if not request.htmx and not by_name:
            # Post/redirect/get: the search is in the session, so the address stays
            # /cases/ and going back to the page never asks to send a form again. A
            # search by name is answered here: a page load would not run it.
            return redirect("caseload")
    # Asked for by a page load, a kept search by name waits for the browser to post it.
    name_search_waits = by_name and request.method != "POST"
    context: dict[str, object] = {
        "form": form,
        "filtered": any(
            filters.get(k) for k in ("q", "status", "risk_level", "mine", "unassigned", "flagged")
        ),
        "name_search_waits": name_search_waits,
    }
    if not name_search_waits:
        cases = caseload_list(
            user=request.user,
            query=filters.get("q", ""),
            status=filters.get("status", ""),
            risk_level=filters.get("risk_level", ""),
            mine=filters.get("mine", False),
            by_name=by_name,
            unassigned=filters.get("unassigned", False),
            flagged=filters.get("flagged", False),
        )
        paginator = CappedPaginator(cases, settings.AMPARO_CASELOAD_PAGE_SIZE)
        context["page"] = paginator.get_page(filters.get("page"))
    template = "cases/_caseload_results.html" if request.htmx else "cases/caseload.html"
    return render(request, template, context, status=400 if in_url else 200)

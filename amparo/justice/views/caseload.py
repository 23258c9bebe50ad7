"""The legal caseload, the calendar of hearings, and opening a legal case."""

import itertools

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from amparo.accounts.decorators import perm_required_view
from amparo.accounts.roles import Perm
from amparo.core.api import error_keys
from amparo.core.pagination import CappedPaginator
from amparo.core.views import form_page, form_submit
from amparo.justice import selectors, services
from amparo.justice import selectors_choices as choices
from amparo.justice.forms.legal_case import LegalCaseloadFilterForm, LegalCaseOpenForm
from amparo.justice.models import LegalCase
from amparo.justice.views.common import legal_case_url

CALENDAR_DAYS = 28


@never_cache
@perm_required_view(*selectors.CASELOAD_PERMS)
def legal_caseload(request: HttpRequest) -> HttpResponse:
    """Lawyers see the legal cases they are on; supervisors and admins the organisation's."""
    courts = list(selectors.courts())
    form = LegalCaseloadFilterForm(request.GET, courts=courts)
    filters = form.cleaned_data if form.is_valid() else {}
    legal_cases = selectors.legal_caseload(
        user=request.user,
        query=filters.get("q", ""),
        status=filters.get("status", ""),
        stage=filters.get("stage", ""),
        court_id=filters.get("court"),
        mine=filters.get("mine", False),
    )
    page = CappedPaginator(legal_cases, settings.AMPARO_CASELOAD_PAGE_SIZE).get_page(
        filters.get("page")
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": any(filters.get(k) for k in ("q", "status", "stage", "court", "mine")),
    }
    return render(request, "justice/caseload.html", context)


@never_cache
@perm_required_view(*selectors.CASELOAD_PERMS)
def hearing_calendar(request: HttpRequest) -> HttpResponse:
    """Hearings of the next four weeks, by day: mine, or everyone's for supervisors."""
    sees_all = selectors.sees_every_legal_case(user=request.user)
    mine = not sees_all or request.GET.get("all") != "1"
    hearings = selectors.upcoming_hearings(user=request.user, days=CALENDAR_DAYS, mine=mine)
    days = [
        (day, list(group))
        for day, group in itertools.groupby(
            hearings, key=lambda h: timezone.localtime(h.scheduled_for).date()
        )
    ]
    return render(
        request,
        "justice/hearings.html",
        {
            "days": days,
            "mine": mine,
            "sees_all": sees_all,
            "horizon": CALENDAR_DAYS,
            "awaiting": selectors.hearings_awaiting_outcome(user=request.user, mine=mine).count(),
        },
    )


@never_cache
@perm_required_view(*selectors.CASELOAD_PERMS)
def hearings_awaiting(request: HttpRequest) -> HttpResponse:
    """Hearings already held whose outcome nobody has recorded, oldest first, paginated."""
    sees_all = selectors.sees_every_legal_case(user=request.user)
    mine = not sees_all or request.GET.get("all") != "1"
    hearings = selectors.hearings_awaiting_outcome(user=request.user, mine=mine)
    page = Paginator(hearings, settings.AMPARO_CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "justice/hearings_awaiting.html",
        {
            "page": page,
            "mine": mine,
            "sees_all": sees_all,
            "query": "" if mine else "all=1",
            "may_edit": request.user.has_amparo_perm(Perm.EDIT_CASE),
        },
    )


def _chosen_ids(values: list[str]) -> list[int]:
    """Case ids from the form, ignoring what is not a plausible id (nothing is looked up)."""
    return [int(v) for v in values if v.isdigit() and len(v) <= 18]


@never_cache
@perm_required_view(Perm.EDIT_CASE)
def legal_case_new(request: HttpRequest) -> HttpResponse:
    """Open a legal case. Victims are found by search, not listed: the search button
    posts the form back (so no pseudonym goes into a URL), and the page returns
    with what was typed, the victims already ticked, and the cases found; htmx,
    where it runs, swaps in only the victims' part."""
    user = request.user
    posted = request.method == "POST"
    searching = posted and "search_victims" in request.POST
    chosen = choices.victim_cases_chosen(
        user=user,
        case_ids=_chosen_ids(
            request.POST.getlist("victims") if posted else [request.GET.get("case", "")]
        ),
    )
    query = request.POST.get("victim_query", "")[:100] if searching else ""
    found = [c for c in choices.victim_case_search(user=user, query=query) if c not in chosen]
    options = {
        "courts": list(selectors.courts()),
        "cases": chosen + found,
        "members": list(choices.legal_lawyer_choices(user=user)),
    }
    if searching:
        # Shown again, not submitted: an unbound form keeps the values without
        # judging a half-filled form.
        initial = {
            name: request.POST.getlist(name) if name in ("victims", "lawyers") else value
            for name, value in request.POST.items()
        }
        form = LegalCaseOpenForm(initial=initial, **options)
    else:
        form = LegalCaseOpenForm(
            request.POST or None, initial={"victims": [c.pk for c in chosen]}, **options
        )

    def open_legal_case(_data: dict) -> LegalCase:
        with error_keys(court_id="court", victim_case_ids="victims", lawyer_ids="lawyers"):
            return services.legal_case_open(actor=user, data=form.to_input())

    def then(legal_case: LegalCase) -> str:
        if selectors.legal_case_is_visible(user=user, legal_case=legal_case):
            return legal_case_url(legal_case)
        # Someone who is neither on it nor assigned to a victim does not see it.
        return reverse("legal_caseload")

    redirect = (
        None
        if searching
        else form_submit(
            request, form, open_legal_case, then=then, done=_("The legal case is opened.")
        )
    )
    return redirect or form_page(
        request,
        template="justice/legal_case_new.html",
        form=form,
        legal_case=None,
        title=_("Open a legal case"),
        intro=_("The title is shown in lists and reminders: never a survivor's name."),
        submit=_("Open legal case"),
        searched=query.strip(),
        found=len(found),
    )

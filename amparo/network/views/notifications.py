"""In-app notifications: each rendered from its kind and reference, never survivor data."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from amparo.accounts.decorators import member_required_view
from amparo.network import selectors
from amparo.network.services.notify import mark_read
from amparo.network.views.common import PAGE_SIZE


@never_cache
@member_required_view
def notification_list(request: HttpRequest) -> HttpResponse:
    notifications = selectors.notifications_for_user(user=request.user)
    page = Paginator(notifications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "network/notifications.html", {"page": page, "query": ""})


@member_required_view
@require_POST
def notifications_mark_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id", "")
    ids = [int(raw)] if raw.isdigit() else None
    count = mark_read(actor=request.user, notification_ids=ids)
    if ids is None:
        messages.success(request, _("%(n)d notifications marked read.") % {"n": count})
    return redirect("notification_list")

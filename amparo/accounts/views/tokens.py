"""Pages about a user's own account: personal API tokens, and an admin's view of
their organisation's tokens."""

from django import forms
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amparo.accounts.decorators import member_required_view, perm_required_view
from amparo.accounts.forms import TokenIssueForm
from amparo.accounts.roles import Perm
from amparo.accounts.selectors import token_get_for_user, tokens_for_org_admin, tokens_for_user
from amparo.accounts.services import token_issue, token_revoke
from amparo.core.views import REFUSED, form_submit, run_service

# A refused name answers 400, as this page always has (not the 422 of other form pages).
_REFUSED_STATUS = 400


@never_cache
@require_http_methods(["GET", "POST"])
@member_required_view
def token_list(request: HttpRequest) -> HttpResponse:
    """My tokens, and a form to issue one. A new secret is shown in this response only.

    So a valid POST renders the page (no redirect): the secret must never be in
    a page that can be fetched again.
    """
    form = TokenIssueForm(request.POST or None)
    secret, status = None, 200
    if request.method == "POST":
        issued = (
            run_service(
                form, lambda: token_issue(user=request.user, name=form.cleaned_data["name"])
            )
            if form.is_valid()
            else REFUSED
        )
        if issued is REFUSED:
            status = _REFUSED_STATUS
        else:
            _token, secret = issued
            form = TokenIssueForm()
    context = {
        "tokens": tokens_for_user(user=request.user),
        "form": form,
        "secret": secret,
        "now": timezone.now(),
        "token_days": settings.AMPARO_API_TOKEN_DAYS,
    }
    return render(request, "account/tokens.html", context, status=status)


@never_cache
@perm_required_view(Perm.MANAGE_ORG)
def org_token_list(request: HttpRequest) -> HttpResponse:
    """Every token of the admin's organisation's members, to revoke one that should stop."""
    context = {"tokens": tokens_for_org_admin(user=request.user), "now": timezone.now()}
    return render(request, "account/org_tokens.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
@member_required_view
def token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    """Asks first (GET); revokes on POST. Someone else's token is 404, unless an admin's member's."""
    token = token_get_for_user(user=request.user, token_id=token_id)
    own = token.user_id == request.user.pk
    back = "token_list" if own else "org_token_list"
    # The confirmation has no fields: the POST itself is the answer (and may be empty).
    confirm = forms.Form(request.POST)
    done = form_submit(
        request,
        confirm,
        lambda _data: token_revoke(actor=request.user, token_id=token.pk),
        then=back,
        done=_("The token “%(name)s” was revoked.") % {"name": token.name},
    )
    return done or render(
        request, "account/token_revoke.html", {"token": token, "own": own, "back": back}
    )

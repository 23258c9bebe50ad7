"""Pages about a user's own account: personal API tokens, and an admin's view of
their organisation's tokens."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from amparo.accounts.decorators import member_required_view, perm_required_view
from amparo.accounts.forms import TokenIssueForm
from amparo.accounts.roles import Perm
from amparo.accounts.selectors import token_get_for_user, tokens_for_org_admin, tokens_for_user
from amparo.accounts.services import token_issue, token_revoke


@never_cache
@require_http_methods(["GET", "POST"])
@member_required_view
def token_list(request: HttpRequest) -> HttpResponse:
    """My tokens, and a form to issue one. A new secret is shown in this response only."""
    form = TokenIssueForm(request.POST or None)
    secret, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _token, secret = token_issue(user=request.user, name=form.cleaned_data["name"])
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    for error in errors:
                        form.add_error(field if field in form.fields else None, error)
            except PermissionDenied as exc:
                if not exc.args:
                    raise
                form.add_error(None, str(exc.args[0]))
        if secret is None:
            status = 400
        else:
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
    if request.method == "POST":
        token_revoke(actor=request.user, token_id=token.pk)
        messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
        return redirect(back)
    return render(request, "account/token_revoke.html", {"token": token, "own": own, "back": back})

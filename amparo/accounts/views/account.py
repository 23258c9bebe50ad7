""" "Your account": who the user is here, and the ways to their second factor and tokens."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from amparo.accounts.decorators import member_required_view
from amparo.accounts.selectors import account_second_factors


@never_cache
@require_GET
@member_required_view
def my_account(request: HttpRequest) -> HttpResponse:
    factors = account_second_factors(user=request.user)
    languages = dict(settings.LANGUAGES)
    context = {
        "member": request.user.active_membership,
        "language": languages.get(request.user.language) or languages.get(request.LANGUAGE_CODE),
        "has_totp": Authenticator.Type.TOTP in factors,
        "has_recovery_codes": Authenticator.Type.RECOVERY_CODES in factors,
    }
    return render(request, "accounts/my_account.html", context)

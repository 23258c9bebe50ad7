from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from amparo.accounts.models import ApiToken, User
from amparo.accounts.tokens import hash_secret

if TYPE_CHECKING:
    # Not at run time: it imports DRF's views, which load this module from DRF's settings.
    from drf_spectacular.openapi import AutoSchema


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer amp_…`` with a personal token.

    A revoked or expired token, or one of an inactive user, is 401. Whether
    its user may then do anything (second factor, role) is decided after
    authentication, for every method alike.
    """

    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[User, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode(errors="ignore")
        scheme, _sep, secret = header.partition(" ")
        if scheme != self.keyword or not secret:
            return None
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_secret(secret.strip()))
            .first()
        )
        now = timezone.now()
        if token is None or token.revoked_at is not None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid or revoked token."))
        if token.expires_at <= now:
            raise exceptions.AuthenticationFailed(
                _("This token has expired. Issue a new one on the API tokens page.")
            )
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return (token.user, token)

    def authenticate_header(self, request: Request) -> str:
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema: "AutoSchema") -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "Personal API token (amp_…)"}

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from amparo.accounts.models import ApiToken
from amparo.accounts.tokens import hash_secret


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Bearer amp_…`` with a personal token."""

    keyword = "Bearer"

    def authenticate(self, request):  # type: ignore[no-untyped-def]
        header = authentication.get_authorization_header(request).decode(errors="ignore")
        scheme, _sep, secret = header.partition(" ")
        if scheme != self.keyword or not secret:
            return None
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_secret(secret.strip()), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid or revoked token.")
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return (token.user, token)

    def authenticate_header(self, request) -> str:  # type: ignore[no-untyped-def]
        return self.keyword


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):  # type: ignore[no-untyped-def]
        return {"type": "http", "scheme": "bearer", "description": "Personal API token (amp_…)"}

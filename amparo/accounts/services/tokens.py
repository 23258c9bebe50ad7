"""Writes to accounts: personal API tokens. Each writes its audit event."""

import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts import events
from amparo.accounts.access import membership_required, mfa_required
from amparo.accounts.models import TOKEN_NAME_MAX, ApiToken, User
from amparo.accounts.selectors import tokens_manageable_by
from amparo.accounts.tokens import hash_secret, new_secret
from amparo.core.exceptions import NotFound
from amparo.core.validation import Errors

PREFIX_LENGTH = ApiToken._meta.get_field("prefix").max_length


@transaction.atomic
def token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a personal token for ``user``; returns it with its secret.

    The secret exists only in the return value: the database keeps its
    SHA-256, so it can be shown once and never again. Only members of an
    organisation who meet the second-factor rule get tokens (``Denied``
    otherwise, saying why). The token expires AMPARO_API_TOKEN_DAYS from now.
    """
    membership_required(user)
    mfa_required(user)
    name = name.strip()
    errors = Errors()
    if not name:
        errors.add("name", _("Name the token after where it will be used."))
    elif len(name) > TOKEN_NAME_MAX:
        errors.add(
            "name", _("A token name can be at most %(n)s characters.") % {"n": TOKEN_NAME_MAX}
        )
    errors.raise_if_any()
    secret = new_secret()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        key_hash=hash_secret(secret),
        expires_at=timezone.now() + datetime.timedelta(days=settings.AMPARO_API_TOKEN_DAYS),
    )
    events.api_token_issued(actor=user, token=token)
    return token, secret


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke a token; it stops working at once.

    ``actor`` may revoke their own tokens and, as an organisation admin, those
    of their organisation's members. Any other token, or an unknown id, is
    ``NotFound``. Revoking twice is harmless and records one event: the row is
    locked and re-read first, so two revocations at once record one too.
    """
    token = (
        tokens_manageable_by(user=actor).select_for_update(of=("self",)).filter(pk=token_id).first()
    )
    if token is None:
        raise NotFound
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        events.api_token_revoked(actor=actor, token=token)
    return token

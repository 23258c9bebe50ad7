"""Writes to accounts: personal API tokens. Each writes its audit event."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import membership_required
from amparo.accounts.models import ApiToken, User
from amparo.accounts.tokens import hash_secret, new_secret
from amparo.audit import events
from amparo.audit.events import Code
from amparo.core.validation import Errors

TOKEN_NAME_MAX = ApiToken._meta.get_field("name").max_length
PREFIX_LENGTH = ApiToken._meta.get_field("prefix").max_length


@transaction.atomic
def token_issue(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Issue a personal token for ``user``; returns it with its secret.

    The secret exists only in the return value: the database keeps its
    SHA-256, so it can be shown once and never again. Only members of an
    organisation get tokens (PermissionDenied otherwise).
    """
    membership_required(user)
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
        user=user, name=name, prefix=secret[:PREFIX_LENGTH], key_hash=hash_secret(secret)
    )
    events.record(code=Code.API_TOKEN_ISSUED, actor=user, obj=token)
    return token, secret


@transaction.atomic
def token_revoke(*, actor: User, token_id: int) -> ApiToken:
    """Revoke one of ``actor``'s own tokens; it stops working at once.

    Someone else's token, or an unknown id, is Http404. Revoking twice is
    harmless and records one event.
    """
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=actor).first()
    if token is None:
        raise Http404
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        events.record(code=Code.API_TOKEN_REVOKED, actor=actor, obj=token)
    return token

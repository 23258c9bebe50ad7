"""Audit events of accounts, one small named creator per event code.

Personal API tokens concern staff members, never a survivor: their events
name the token and no case.
"""

from amparo.accounts.models import ApiToken, User
from amparo.audit.events import Code, record
from amparo.audit.models import AuditEvent


def api_token_issued(*, actor: User, token: ApiToken) -> AuditEvent:
    """A token was issued to ``actor``; the event names the token, never its secret."""
    return record(code=Code.API_TOKEN_ISSUED, actor=actor, obj=token)


def api_token_revoked(*, actor: User, token: ApiToken) -> AuditEvent:
    """The actor is whoever revoked it: the token's owner or their organisation admin."""
    return record(
        code=Code.API_TOKEN_REVOKED, actor=actor, obj=token, changed_fields=["revoked_at"]
    )

"""Audit events of accounts, one small named creator per event code.

Personal API tokens and memberships concern staff members, never a survivor: their events
name the token or the membership, and no case.
"""

from amparo.accounts.models import ApiToken, Membership, User
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


def member_invited(*, actor: User, membership: Membership) -> AuditEvent:
    """``actor`` (an organisation admin) created the account and membership of a new member."""
    return record(code=Code.MEMBER_INVITED, actor=actor, obj=membership)


def member_invitation_resent(*, actor: User, membership: Membership) -> AuditEvent:
    """``actor`` sent a new invitation link to a member who has not signed in yet."""
    return record(
        code=Code.MEMBER_INVITATION_RESENT,
        actor=actor,
        obj=membership,
        changed_fields=["invitation_sent_at"],
    )


def member_role_changed(*, actor: User, membership: Membership) -> AuditEvent:
    """The member's role changed; the event names the field, never the old or new value."""
    return record(
        code=Code.MEMBER_ROLE_CHANGED, actor=actor, obj=membership, changed_fields=["role"]
    )


def member_deactivated(*, actor: User, membership: Membership) -> AuditEvent:
    """The member can no longer sign in nor use their API tokens."""
    return record(
        code=Code.MEMBER_DEACTIVATED, actor=actor, obj=membership, changed_fields=["is_active"]
    )


def member_reactivated(*, actor: User, membership: Membership) -> AuditEvent:
    """The member may sign in again."""
    return record(
        code=Code.MEMBER_REACTIVATED, actor=actor, obj=membership, changed_fields=["is_active"]
    )


def member_mfa_reset(*, actor: User, membership: Membership) -> AuditEvent:
    """The member's second factor was removed; they set up a new one at their next sign-in."""
    return record(code=Code.MEMBER_MFA_RESET, actor=actor, obj=membership)


def user_language_set(*, user: User) -> AuditEvent:
    """The user chose the language of their pages."""
    return record(code=Code.USER_LANGUAGE_SET, actor=user, obj=user, changed_fields=["language"])

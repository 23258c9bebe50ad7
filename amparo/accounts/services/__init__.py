"""Writes to accounts. Each service writes its audit event in its own transaction.

- ``tokens``: personal API tokens.
- ``members``: an organisation admin's management of the organisation's people.
- ``language``: the language a user chose, kept on the user.
"""

from amparo.accounts.services.language import user_language_set
from amparo.accounts.services.members import (
    member_change_role,
    member_deactivate,
    member_invite,
    member_reactivate,
    member_resend_invitation,
    member_reset_mfa,
)
from amparo.accounts.services.tokens import token_issue, token_revoke

__all__ = [
    "member_change_role",
    "member_deactivate",
    "member_invite",
    "member_reactivate",
    "member_resend_invitation",
    "member_reset_mfa",
    "token_issue",
    "token_revoke",
    "user_language_set",
]

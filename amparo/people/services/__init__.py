"""Writes to survivor records: survivors and identities, consents, family members."""

from amparo.people.services.consents import (
    consent_create,
    consent_grant,
    consent_withdraw,
    validate_consent,
)
from amparo.people.services.family import (
    family_member_add,
    validate_family_member,
)
from amparo.people.services.survivors import (
    MAX_AGE,
    duplicate_check,
    identity_reveal,
    identity_update,
    survivor_create,
    survivor_owner_change,
    survivor_update,
    validate_identity,
    validate_survivor,
)

__all__ = [
    "MAX_AGE",
    "consent_create",
    "consent_grant",
    "consent_withdraw",
    "duplicate_check",
    "family_member_add",
    "identity_reveal",
    "identity_update",
    "survivor_create",
    "survivor_owner_change",
    "survivor_update",
    "validate_consent",
    "validate_family_member",
    "validate_identity",
    "validate_survivor",
]

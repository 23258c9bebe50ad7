"""The audit events of survivor records, one named creator per event code.

Each creator links the survivor its object belongs to, and the case the
change was made from when there is one (whose survivor it is), so the
survivor's "who has seen or changed this file" finds every event.
"""

from typing import Any

from django.db import models

from amparo.accounts.models import User
from amparo.audit.events import Code, record
from amparo.audit.models import AuditEvent
from amparo.people.models import ConsentGrant, FamilyMember, Survivor

# A ``cases.Case``: cases build on people, so this module may not import it by name.
CaseRef = Any


def survivor_registered(*, actor: User, survivor: Survivor) -> AuditEvent:
    """A survivor was registered (before any case of theirs exists)."""
    return record(code=Code.SURVIVOR_REGISTERED, actor=actor, obj=survivor, survivor=survivor)


def survivor_updated(
    *, actor: User, survivor: Survivor, case: CaseRef, changed_fields: list[str]
) -> AuditEvent:
    """The survivor's non-identifying attributes changed; names the fields, never values."""
    return record(
        code=Code.SURVIVOR_UPDATED,
        actor=actor,
        obj=survivor,
        case=case,
        survivor=survivor,
        changed_fields=changed_fields,
    )


def survivor_age_band_refreshed(*, survivor: Survivor) -> AuditEvent:
    """Today's age band of the survivor changed with the calendar (the daily refresh, by no
    one); the event holds neither the band nor any date of birth."""
    return record(
        code=Code.SURVIVOR_AGE_BAND_REFRESHED,
        actor=None,
        obj=survivor,
        survivor=survivor,
        changed_fields=["age_band"],
    )


def identity_updated(
    *, actor: User, survivor: Survivor, case: CaseRef, changed_fields: list[str]
) -> AuditEvent:
    """The encrypted identity changed; names the fields, never values."""
    return record(
        code=Code.IDENTITY_UPDATED,
        actor=actor,
        obj=survivor,
        case=case,
        survivor=survivor,
        changed_fields=changed_fields,
    )


def identity_revealed(*, actor: User, survivor: Survivor, case: CaseRef, reason: str) -> AuditEvent:
    """The identity was shown, with the reason the reader gave: a read of the file."""
    return record(
        code=Code.IDENTITY_REVEALED,
        actor=actor,
        obj=survivor,
        case=case,
        survivor=survivor,
        reason=reason,
    )


def consent_granted(
    *, actor: User, grant: ConsentGrant, survivor: Survivor, case: CaseRef | None = None
) -> AuditEvent:
    """A consent was recorded for ``survivor`` (from ``case`` when given: at intake or later)."""
    return record(code=Code.CONSENT_GRANTED, actor=actor, obj=grant, case=case, survivor=survivor)


def consent_withdrawn(*, actor: User, grant: ConsentGrant, case: CaseRef) -> AuditEvent:
    """A consent of the case's survivor was withdrawn; the grant itself is kept as history."""
    return record(code=Code.CONSENT_WITHDRAWN, actor=actor, obj=grant, case=case)


def family_member_added(*, actor: User, member: FamilyMember, case: CaseRef) -> AuditEvent:
    """A family member was added to the file of the case's survivor."""
    return record(code=Code.FAMILY_MEMBER_ADDED, actor=actor, obj=member, case=case)


def duplicate_checked(*, actor: User, organisation: models.Model) -> AuditEvent:
    """The organisation's blind index was searched for a person: who and where, never what."""
    return record(code=Code.DUPLICATE_CHECKED, actor=actor, obj=organisation)

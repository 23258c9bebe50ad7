"""The partner network's audit events: one named creator per event code.

Each creator links the event to the case (and so the survivor) its object
concerns, so no caller can forget whose file a referral or a transfer is
about. Agreements concern no survivor: their events name the agreement only.
Services call these inside their transaction; the selectors that show a
referral or a transfer call the read events.
"""

from collections.abc import Iterable

from amparo.accounts.models import User
from amparo.audit import events as audit
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.network.models import PartnerAgreement, Referral, Transfer


def _sections(sections: Iterable[str]) -> list[str]:
    # The parts of the file a share names, as the trail lists them.
    return [f"section:{s}" for s in sections]


def agreement_recorded(*, actor: User, agreement: PartnerAgreement) -> AuditEvent:
    return audit.record(code=Code.AGREEMENT_RECORDED, actor=actor, obj=agreement)


def agreement_ended(*, actor: User, agreement: PartnerAgreement) -> AuditEvent:
    return audit.record(code=Code.AGREEMENT_ENDED, actor=actor, obj=agreement)


def referral_sent(*, actor: User, referral: Referral) -> AuditEvent:
    """A referral was sent, naming each section of the file it offers."""
    return audit.record(
        code=Code.REFERRAL_SENT,
        actor=actor,
        obj=referral,
        case=referral.case,
        changed_fields=_sections(referral.sections),
    )


def referral_accepted(
    *, actor: User, referral: Referral, kept_at_transfer: bool = False
) -> AuditEvent:
    """A referral accepted by its receiver; or, ``kept_at_transfer``, the access a former
    owner keeps at a transfer, created accepted and naming each section it keeps."""
    return audit.record(
        code=Code.REFERRAL_ACCEPTED,
        actor=actor,
        obj=referral,
        case=referral.case,
        changed_fields=_sections(referral.sections) if kept_at_transfer else None,
    )


def referral_declined(*, actor: User, referral: Referral, reason: str) -> AuditEvent:
    return audit.record(
        code=Code.REFERRAL_DECLINED, actor=actor, obj=referral, case=referral.case, reason=reason
    )


def referral_revoked(*, actor: User | None, referral: Referral, reason: str) -> AuditEvent:
    """The referring side took the referral back (itself, or by ending the agreement)."""
    return audit.record(
        code=Code.REFERRAL_REVOKED, actor=actor, obj=referral, case=referral.case, reason=reason
    )


def referral_ended(*, actor: User | None, referral: Referral, reason: str) -> AuditEvent:
    """The partner's access ended for another reason: a consent withdrawn, a transfer."""
    return audit.record(
        code=Code.REFERRAL_ENDED, actor=actor, obj=referral, case=referral.case, reason=reason
    )


def referral_completed(*, actor: User, referral: Referral) -> AuditEvent:
    return audit.record(code=Code.REFERRAL_COMPLETED, actor=actor, obj=referral, case=referral.case)


def referral_opened(*, actor: User, referral: Referral) -> AuditEvent:
    """A referral read by either side: it describes the survivor of the referred case."""
    return audit.record(code=Code.REFERRAL_OPENED, actor=actor, obj=referral, case=referral.case)


def referral_viewed(*, actor: User, referral: Referral, sections: Iterable[str]) -> AuditEvent:
    """The receiver read the shared file: the event names each section it showed."""
    return audit.record(
        code=Code.REFERRAL_VIEWED,
        actor=actor,
        obj=referral,
        case=referral.case,
        changed_fields=_sections(sections),
    )


def transfer_opened(*, actor: User, transfer: Transfer) -> AuditEvent:
    """A transfer read by either side: it shows the case and the survivor's pseudonym."""
    return audit.record(code=Code.TRANSFER_OPENED, actor=actor, obj=transfer, case=transfer.case)


def transfer_requested(*, actor: User, transfer: Transfer) -> AuditEvent:
    return audit.record(code=Code.TRANSFER_REQUESTED, actor=actor, obj=transfer, case=transfer.case)


def transfer_accepted(*, actor: User, transfer: Transfer) -> AuditEvent:
    return audit.record(code=Code.TRANSFER_ACCEPTED, actor=actor, obj=transfer, case=transfer.case)


def transfer_declined(*, actor: User, transfer: Transfer) -> AuditEvent:
    return audit.record(code=Code.TRANSFER_DECLINED, actor=actor, obj=transfer, case=transfer.case)


def transfer_cancelled(*, actor: User, transfer: Transfer) -> AuditEvent:
    return audit.record(code=Code.TRANSFER_CANCELLED, actor=actor, obj=transfer, case=transfer.case)

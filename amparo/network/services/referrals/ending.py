"""Ending a partner's access: the sender revokes, a consent to share is withdrawn, or
(through ``end_referral``) an agreement ends or the case is transferred."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.network import access, events, vocab
from amparo.network.models import Referral
from amparo.network.services.notify import notify, referral_desk
from amparo.network.services.referrals.common import lock, refuse_field
from amparo.people.models import ConsentGrant


def _receiving_side(referral: Referral) -> list[User]:
    people = referral_desk(referral.to_org_id)
    if referral.assigned_to is not None:
        people.append(referral.assigned_to)
    return people


def end_referral(
    *,
    actor: User | None,
    referral: Referral,
    reason: vocab.EndReason,
    note: str = "",
    audit_reason: str = "",
) -> None:
    """End an open referral's access (caller holds the row lock); audited and notified.

    Revoked by the sender is audited as a revocation, any other reason as an
    ending; ``audit_reason`` says more precisely than ``reason`` why it ended,
    for the trail. The receiving side (its desk and the assignee) is notified.
    """
    referral.status = vocab.ReferralStatus.REVOKED
    referral.ended_at = timezone.now()
    referral.ended_by = actor
    referral.end_reason = reason
    referral.end_note = note.strip()
    referral.version += 1
    referral.save(
        update_fields=[
            "status",
            "ended_at",
            "ended_by",
            "end_reason",
            "end_note",
            "version",
            "updated_at",
        ]
    )
    ended = (
        events.referral_revoked
        if reason == vocab.EndReason.REVOKED_BY_SENDER
        else events.referral_ended
    )
    ended(actor=actor, referral=referral, reason=audit_reason or reason)
    notify(_receiving_side(referral), vocab.NotificationKind.REFERRAL_ENDED, referral=referral)


@transaction.atomic
def referral_revoke(
    *, actor: User, referral: Referral, expected_version: int, note: str = ""
) -> Referral:
    """The referring organisation takes the referral back; the partner's access ends now.

    Sender only: one who works referrals, may edit cases and may open the case
    (``Denied`` otherwise); refuses (field errors) a referral no longer open on
    its locked row. Audited and notified as ``end_referral`` says.
    """
    access.sender_required(actor, referral)
    locked = lock(referral, expected_version)
    if locked.status not in vocab.OPEN_REFERRAL_STATUSES:
        refuse_field("status", _("Only a pending or accepted referral can be revoked."))
    end_referral(actor=actor, referral=locked, reason=vocab.EndReason.REVOKED_BY_SENDER, note=note)
    return locked


@transaction.atomic
def referrals_end_for_consent(*, actor: User | None, grant: ConsentGrant) -> int:
    """After a consent to share is withdrawn: end the referrals it no longer covers.

    Access already ends at the next read (it is worked out from the current
    consent); this makes the ending visible, audited and notified. A referral
    that another current consent still covers is left open. Returns how many ended.
    """
    if grant.scope != "share" or grant.recipient_id is None:
        return 0
    covered = access.consented_sections(
        survivor_id=grant.survivor_id, organisation_id=grant.recipient_id
    )
    ended = 0
    for referral in (
        # Lock the referral rows only: PostgreSQL refuses FOR UPDATE on the
        # nullable side of the outer join that ``assigned_to`` needs.
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "assigned_to")
        .filter(
            case__survivor_id=grant.survivor_id,
            to_org_id=grant.recipient_id,
            status__in=vocab.OPEN_REFERRAL_STATUSES,
        )
    ):
        if covered and set(referral.sections) <= covered:
            continue  # another current consent still covers it
        end_referral(actor=actor, referral=referral, reason=vocab.EndReason.CONSENT_WITHDRAWN)
        ended += 1
    return ended

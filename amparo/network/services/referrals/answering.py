"""The receiving side's work on a referral: accepting or declining it, recording the
services it delivers, and completing it."""

from dataclasses import replace

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import Membership, User
from amparo.accounts.roles import Perm
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.models import Service
from amparo.aftercare.services.delivery import service_record
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors, local_day
from amparo.network import access, events, vocab
from amparo.network.models import Referral
from amparo.network.services.notify import notify
from amparo.network.services.referrals.common import check_consent_covers, lock, refuse_field


def _assignee(errors: Errors, *, actor: User, organisation_id: int, user_id: int | None) -> User:
    """Who will work the referral: the actor, or a colleague of theirs who works referrals."""
    if user_id is None or user_id == actor.pk:
        return actor
    colleague = (
        Membership.objects.filter(user_id=user_id, organisation_id=organisation_id, is_active=True)
        .select_related("user")
        .first()
    )
    if colleague is None or not colleague.user.has_amparo_perm(Perm.REFERRALS):
        errors.add("assigned_to", _("Choose a colleague who works referrals."))
        return actor
    return colleague.user


@transaction.atomic
def referral_accept(
    *,
    actor: User,
    referral: Referral,
    expected_version: int,
    assigned_to_id: int | None = None,
) -> Referral:
    """Accept a pending referral; the receiver's access starts now, limited to its sections.

    Receiver only (``Denied`` otherwise). On the locked row, refuses (field
    errors) a referral no longer pending, a case that has moved, an agreement
    no longer current (unless the access was kept at a transfer), a consent no
    longer covering the sections, and an assignee who does not work referrals
    in the actor's organisation. Audited; the sender is notified.
    """
    membership = access.receiver_required(actor, referral)
    locked = lock(referral, expected_version)
    if locked.status != vocab.ReferralStatus.PENDING:
        refuse_field(
            "status",
            _("This referral is %(status)s: only a pending referral can be accepted.")
            % {"status": locked.get_status_display().lower()},
        )
    errors = Errors()
    if locked.case.organisation_id != locked.from_org_id:
        errors.add("status", _("The case has moved to another organisation."))
    elif (
        locked.transfer_id is None
        and access.current_agreement(
            organisation_id=locked.from_org_id, partner_id=locked.to_org_id
        )
        is None
    ):
        errors.add("status", _("The information-sharing agreement is no longer current."))
    else:
        check_consent_covers(
            errors,
            case=locked.case,
            to_org_id=locked.to_org_id,
            sections=locked.sections,
            field="status",
        )
    worker = _assignee(
        errors, actor=actor, organisation_id=membership.organisation_id, user_id=assigned_to_id
    )
    errors.raise_if_any()
    apply_changes(
        locked,
        expected_version=expected_version,
        changes={
            "status": vocab.ReferralStatus.ACCEPTED,
            "responded_by": actor,
            "responded_at": timezone.now(),
            "assigned_to": worker,
        },
    )
    events.referral_accepted(actor=actor, referral=locked)
    notify([locked.sent_by], vocab.NotificationKind.REFERRAL_ACCEPTED, referral=locked)
    return locked


@transaction.atomic
def referral_decline(
    *, actor: User, referral: Referral, expected_version: int, reason: str, note: str = ""
) -> Referral:
    """Decline a pending referral, with a reason (and a note when the reason is "other").

    Receiver only (``Denied`` otherwise); refuses (field errors) a referral no
    longer pending on its locked row. Audited with the reason; the sender is notified.
    """
    access.receiver_required(actor, referral)
    locked = lock(referral, expected_version)
    if locked.status != vocab.ReferralStatus.PENDING:
        refuse_field("status", _("Only a pending referral can be declined."))
    errors = Errors()
    errors.choice("reason", reason, vocab.DeclineReason)
    if reason == vocab.DeclineReason.OTHER and not note.strip():
        errors.add("note", _("Say why the referral is declined."))
    errors.raise_if_any()
    apply_changes(
        locked,
        expected_version=expected_version,
        changes={
            "status": vocab.ReferralStatus.DECLINED,
            "responded_by": actor,
            "responded_at": timezone.now(),
            "decline_reason": reason,
            "response_note": note.strip(),
        },
    )
    events.referral_declined(actor=actor, referral=locked, reason=reason)
    notify([locked.sent_by], vocab.NotificationKind.REFERRAL_DECLINED, referral=locked)
    return locked


@transaction.atomic
def referral_complete(*, actor: User, referral: Referral, expected_version: int) -> Referral:
    """The partner has delivered what was asked; its access to the file ends.

    Receiver only (``Denied`` otherwise); refuses (field errors) a referral not
    accepted on its locked row. Audited; the sender is notified.
    """
    access.receiver_required(actor, referral)
    locked = lock(referral, expected_version)
    if locked.status != vocab.ReferralStatus.ACCEPTED:
        refuse_field("status", _("Only an accepted referral can be completed."))
    apply_changes(
        locked,
        expected_version=expected_version,
        changes={"status": vocab.ReferralStatus.COMPLETED, "ended_at": timezone.now()},
    )
    events.referral_completed(actor=actor, referral=locked)
    notify([locked.sent_by], vocab.NotificationKind.REFERRAL_COMPLETED, referral=locked)
    return locked


@transaction.atomic
def partner_service_record(*, actor: User, referral: Referral, data: ServiceInput) -> Service:
    """A partner records a service it delivered on a referral it accepted and may still read.

    Receiver only (``Denied`` otherwise), checked on the referral's locked row;
    refuses (a field error on ``referral``) once its access has ended, and
    records nothing. The service is recorded, with its own audit event, by the
    aftercare service, as provided by the actor's organisation; the sender is notified.
    """
    # Locked so that a revocation at the same moment either comes first, and this is
    # refused, or waits until the service is recorded. The referral row only: a
    # transfer locks the case first and then its referrals.
    referral = (
        Referral.objects.select_for_update(of=("self",)).select_related("case").get(pk=referral.pk)
    )
    membership = access.receiver_required(actor, referral)
    if not access.live_referrals().filter(pk=referral.pk).exists():
        refuse_field(
            "referral",
            _("This referral no longer gives your organisation access: nothing was recorded."),
        )
    service = service_record(
        actor=actor,
        case=referral.case,
        data=replace(data, provider_id=membership.organisation_id),
        # A partner's work on a referral follows it.
        after=[(local_day(referral.sent_at), _("the referral was sent"))],
    )
    notify([referral.sent_by], vocab.NotificationKind.SERVICE_RECORDED, referral=referral)
    return service

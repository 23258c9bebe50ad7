"""Referrals: sent with consent, answered by the partner, revoked or completed.

Every check that decides access lives in ``amparo.network.access``; these
services refuse what it would not allow, with a message that says why.
"""

from dataclasses import replace

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.roles import Perm
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.models import Service
from amparo.aftercare.services.delivery import service_record
from amparo.aftercare.vocab import ServiceType
from amparo.audit import events
from amparo.audit.events import Code
from amparo.cases.models import Case
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors, local_day
from amparo.network import access, vocab
from amparo.network.inputs import ReferralInput
from amparo.network.models import PartnerAgreement, Referral
from amparo.network.services.notify import notify, referral_desk
from amparo.people.models import ConsentGrant

MAX_MESSAGE_LENGTH = 4000


def _section_names(sections: set[str] | frozenset[str]) -> str:
    # An unknown value is reported by its own check; here it is named as given, not a crash.
    names = dict(vocab.Section.choices)
    return ", ".join(str(names.get(s, s)) for s in sorted(sections))


def check_consent_covers(
    errors: Errors, *, case: Case, to_org_id: int, sections: list[str], field: str = "sections"
) -> ConsentGrant | None:
    """The current consent to share with ``to_org_id`` that covers ``sections``, or an error."""
    grants = list(access.share_consents(survivor_id=case.survivor_id, organisation_id=to_org_id))
    if not grants:
        errors.add(
            "to_org",
            _(
                "The survivor has no current consent to share with this organisation. "
                "Record their consent on the case file first."
            ),
        )
        return None
    covered = set().union(*(g.sections for g in grants))
    missing = set(sections) - covered
    if missing:
        errors.add(
            field,
            _("The survivor's consent does not cover: %(sections)s.")
            % {"sections": _section_names(missing)},
        )
        return None
    # The newest grant that alone covers everything, else the newest: recorded as the basis.
    return next((g for g in grants if set(sections) <= set(g.sections)), grants[0])


def _lock(referral: Referral, expected_version: int) -> Referral:
    # The referral row only: a transfer locks the case and then its referrals, and
    # taking both here in the other order could deadlock with it (PostgreSQL).
    locked = (
        Referral.objects.select_for_update(of=("self",)).select_related("case").get(pk=referral.pk)
    )
    if locked.version != expected_version:
        apply_changes(locked, expected_version=expected_version, changes={})
    return locked


def _refuse(field: str, message: str) -> None:
    errors = Errors()
    errors.add(field, message)
    errors.raise_if_any()


def _validate_referral(
    actor: User, case: Case, data: ReferralInput
) -> tuple[Membership, PartnerAgreement | None, ConsentGrant | None]:
    membership = perm_required(actor, Perm.REFERRALS)
    perm_required(actor, Perm.EDIT_CASE)
    if case.organisation_id != membership.organisation_id:
        raise PermissionDenied
    errors = Errors()
    if case.status not in OPEN_STATUSES:
        errors.add("case", _("This case is closed."))
    errors.choices("services", data.services, ServiceType)
    if not data.services:
        errors.add("services", _("Choose at least one service to request."))
    errors.choices("sections", data.sections, vocab.Section)
    errors.choice("urgency", data.urgency, vocab.Urgency)
    if len(data.message) > MAX_MESSAGE_LENGTH:
        errors.add("message", _("The message is too long."))
    agreement = None
    consent = None
    if (
        data.to_org_id is None
        or data.to_org_id == membership.organisation_id
        or not Organisation.objects.filter(pk=data.to_org_id, is_active=True).exists()
    ):
        errors.add("to_org", _("Choose another active organisation."))
    else:
        agreement = access.current_agreement(
            organisation_id=membership.organisation_id, partner_id=data.to_org_id
        )
        if agreement is None:
            errors.add(
                "to_org",
                _(
                    "Your organisation has no current information-sharing agreement with this "
                    "organisation. An organisation admin records agreements."
                ),
            )
        else:
            consent = check_consent_covers(
                errors, case=case, to_org_id=data.to_org_id, sections=data.sections
            )
        if Referral.objects.filter(
            case=case, to_org_id=data.to_org_id, status__in=vocab.OPEN_REFERRAL_STATUSES
        ).exists():
            errors.add("to_org", _("This case already has an open referral to this organisation."))
    errors.raise_if_any()
    return membership, agreement, consent


def referral_check(*, actor: User, case: Case, data: ReferralInput) -> None:
    """Raise what ``referral_send`` would refuse, writing nothing: pages ask for
    confirmation only of a referral that can be sent."""
    _validate_referral(actor, case, data)


@transaction.atomic
def referral_send(*, actor: User, case: Case, data: ReferralInput) -> Referral:
    """Refer the survivor of ``case`` (already opened by the actor) to a partner."""
    # Checked again on the locked row, not the caller's copy: a transfer or a second
    # send of the same case at the same moment waits, then sees this one.
    case = Case.objects.select_for_update().get(pk=case.pk)
    membership, agreement, consent = _validate_referral(actor, case, data)
    referral = Referral.objects.create(
        case=case,
        from_org_id=membership.organisation_id,
        to_org_id=data.to_org_id,
        services=sorted(set(data.services)),
        sections=sorted(set(data.sections)),
        urgency=data.urgency,
        message=data.message.strip(),
        consent=consent,
        agreement=agreement,
        sent_by=actor,
    )
    events.record(
        code=Code.REFERRAL_SENT,
        actor=actor,
        obj=referral,
        case=case,
        changed_fields=[f"section:{s}" for s in referral.sections],
    )
    notify(
        referral_desk(referral.to_org_id),
        vocab.NotificationKind.REFERRAL_RECEIVED,
        referral=referral,
    )
    return referral


def _receiver(actor: User, referral: Referral) -> Membership:
    membership = perm_required(actor, Perm.REFERRALS)
    if not access.is_receiver(actor, referral):
        raise PermissionDenied
    return membership


@transaction.atomic
def referral_accept(
    *,
    actor: User,
    referral: Referral,
    expected_version: int,
    assigned_to_id: int | None = None,
) -> Referral:
    """Accept a pending referral; the receiver's access starts now, limited to its sections."""
    membership = _receiver(actor, referral)
    locked = _lock(referral, expected_version)
    if locked.status != vocab.ReferralStatus.PENDING:
        _refuse(
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
    worker = actor
    if assigned_to_id is not None and assigned_to_id != actor.pk:
        worker = (
            Membership.objects.filter(
                user_id=assigned_to_id,
                organisation_id=membership.organisation_id,
                is_active=True,
            )
            .select_related("user")
            .first()
        )
        if worker is None or not worker.user.has_amparo_perm(Perm.REFERRALS):
            errors.add("assigned_to", _("Choose a colleague who works referrals."))
        else:
            worker = worker.user
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
    events.record(code=Code.REFERRAL_ACCEPTED, actor=actor, obj=locked, case=locked.case)
    notify([locked.sent_by], vocab.NotificationKind.REFERRAL_ACCEPTED, referral=locked)
    return locked


@transaction.atomic
def referral_decline(
    *, actor: User, referral: Referral, expected_version: int, reason: str, note: str = ""
) -> Referral:
    _receiver(actor, referral)
    locked = _lock(referral, expected_version)
    if locked.status != vocab.ReferralStatus.PENDING:
        _refuse("status", _("Only a pending referral can be declined."))
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
    events.record(
        code=Code.REFERRAL_DECLINED, actor=actor, obj=locked, case=locked.case, reason=reason
    )
    notify([locked.sent_by], vocab.NotificationKind.REFERRAL_DECLINED, referral=locked)
    return locked


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

    ``audit_reason`` says more precisely than ``reason`` why it ended, for the trail.
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
    code = (
        Code.REFERRAL_REVOKED
        if reason == vocab.EndReason.REVOKED_BY_SENDER
        else Code.REFERRAL_ENDED
    )
    events.record(
        code=code, actor=actor, obj=referral, case=referral.case, reason=audit_reason or reason
    )
    notify(_receiving_side(referral), vocab.NotificationKind.REFERRAL_ENDED, referral=referral)


@transaction.atomic
def referral_revoke(
    *, actor: User, referral: Referral, expected_version: int, note: str = ""
) -> Referral:
    """The referring organisation takes the referral back; the partner's access ends now."""
    perm_required(actor, Perm.REFERRALS)
    perm_required(actor, Perm.EDIT_CASE)
    if not access.is_sender(actor, referral):
        raise PermissionDenied
    locked = _lock(referral, expected_version)
    if locked.status not in vocab.OPEN_REFERRAL_STATUSES:
        _refuse("status", _("Only a pending or accepted referral can be revoked."))
    end_referral(actor=actor, referral=locked, reason=vocab.EndReason.REVOKED_BY_SENDER, note=note)
    return locked


@transaction.atomic
def referral_complete(*, actor: User, referral: Referral, expected_version: int) -> Referral:
    """The partner has delivered what was asked; its access to the file ends."""
    _receiver(actor, referral)
    locked = _lock(referral, expected_version)
    if locked.status != vocab.ReferralStatus.ACCEPTED:
        _refuse("status", _("Only an accepted referral can be completed."))
    apply_changes(
        locked,
        expected_version=expected_version,
        changes={"status": vocab.ReferralStatus.COMPLETED, "ended_at": timezone.now()},
    )
    events.record(code=Code.REFERRAL_COMPLETED, actor=actor, obj=locked, case=locked.case)
    notify([locked.sent_by], vocab.NotificationKind.REFERRAL_COMPLETED, referral=locked)
    return locked


@transaction.atomic
def referrals_end_for_consent(*, actor: User | None, grant: ConsentGrant) -> int:
    """After a consent to share is withdrawn: end the referrals it no longer covers.

    Access already ends at the next read (it is worked out from the current
    consent); this makes the ending visible, audited and notified.
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


@transaction.atomic
def partner_service_record(*, actor: User, referral: Referral, data: ServiceInput) -> Service:
    """A partner records a service it delivered on a referral it accepted and may still read."""
    # Locked so that a revocation at the same moment either comes first, and this is
    # refused, or waits until the service is recorded. The referral row only: a
    # transfer locks the case first and then its referrals.
    referral = (
        Referral.objects.select_for_update(of=("self",)).select_related("case").get(pk=referral.pk)
    )
    membership = _receiver(actor, referral)
    if not access.live_referrals().filter(pk=referral.pk).exists():
        _refuse(
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

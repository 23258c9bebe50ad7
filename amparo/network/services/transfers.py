"""Transfers: a case, with the survivor's consent, moves to another organisation.

Decided by supervisors of each side (``amparo.network.access``): the proposing
side requests and may cancel, the receiving side accepts or declines.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.aftercare.services.common import tasks_hand_over
from amparo.cases.models import Case
from amparo.cases.services import case_owner_change
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.exceptions import Denied
from amparo.core.validation import Errors
from amparo.network import access, events, vocab
from amparo.network.inputs import TransferInput
from amparo.network.models import Referral, Transfer
from amparo.network.selectors import members_with
from amparo.network.services.notify import notify
from amparo.network.services.referrals import (
    MAX_MESSAGE_LENGTH,
    check_consent_covers,
    end_referral,
)
from amparo.network.services.referrals.common import refuse_field
from amparo.people.inputs import ConsentInput
from amparo.people.services import consent_create, survivor_owner_change
from amparo.people.vocab import ConsentGiver, ConsentScope, Section


def _supervisor(actor: User) -> int:
    """Transfers are decided by supervisors: they move a whole file between organisations."""
    membership = perm_required(actor, Perm.CASES_ALL)
    perm_required(actor, Perm.EDIT_CASE)
    return membership.organisation_id


def _validate(errors: Errors, *, case: Case, to_org_id: int | None, own_org: int) -> tuple:
    agreement = consent = None
    if case.status not in OPEN_STATUSES:
        errors.add("case", _("This case is closed."))
    if (
        to_org_id is None
        or to_org_id == own_org
        or not Organisation.objects.filter(pk=to_org_id, is_active=True).exists()
    ):
        errors.add("to_org", _("Choose another active organisation."))
        return agreement, consent
    agreement = access.current_agreement(organisation_id=own_org, partner_id=to_org_id)
    if agreement is None:
        errors.add(
            "to_org",
            _("Your organisation has no current information-sharing agreement with this one."),
        )
    # A transfer hands over the whole file, so the consent must cover every part of it.
    consent = check_consent_covers(
        errors, case=case, to_org_id=to_org_id, sections=sorted(vocab.ALL_SECTIONS), field="to_org"
    )
    if Case.objects.filter(survivor_id=case.survivor_id).exclude(pk=case.pk).exists():
        errors.add(
            "case",
            _(
                "The survivor has another case in your organisation. A transfer moves the "
                "survivor's record, so it is only possible while this is their only case."
            ),
        )
    return agreement, consent


def _validate_request(actor: User, case: Case, data: TransferInput) -> tuple[int, tuple]:
    own_org = _supervisor(actor)
    if case.organisation_id != own_org:
        raise Denied
    errors = Errors()
    if len(data.message) > MAX_MESSAGE_LENGTH:
        errors.add("message", _("The message is too long."))
    errors.choices("keep_sections", data.keep_sections, Section)
    agreement, consent = _validate(errors, case=case, to_org_id=data.to_org_id, own_org=own_org)
    if Transfer.objects.filter(case=case, status=vocab.TransferStatus.PENDING).exists():
        errors.add("to_org", _("A transfer of this case is already waiting for an answer."))
    errors.raise_if_any()
    return own_org, (agreement, consent)


def transfer_check(*, actor: User, case: Case, data: TransferInput) -> None:
    """Raise what ``transfer_request`` would refuse, writing nothing: pages ask for
    confirmation only of a transfer that can be proposed."""
    _validate_request(actor, case, data)


@transaction.atomic
def transfer_request(*, actor: User, case: Case, data: TransferInput) -> Transfer:
    """Propose to move ``case`` (already opened by the actor) to a partner.

    Supervisors who may edit cases, of the case's organisation, only
    (``Denied`` otherwise). Refuses (field errors) a closed case, a partner
    without a current agreement, a consent that does not cover the whole file,
    a survivor with another case here, and a second pending transfer (checked
    on the case's locked row and by a constraint). Audited; the partner's
    supervisors are notified.
    """
    # Checked on the locked row, so two requests of the same case cannot both pass.
    case = Case.objects.select_for_update().get(pk=case.pk)
    own_org, (agreement, consent) = _validate_request(actor, case, data)
    # Validated above: a transfer always names its partner.
    assert data.to_org_id is not None
    with duplicate_refused(
        constraint="uniq_pending_transfer",
        field="to_org",
        message=_("A transfer of this case is already waiting for an answer."),
    ):
        transfer = Transfer.objects.create(
            case=case,
            from_org_id=own_org,
            to_org_id=data.to_org_id,
            consent=consent,
            agreement=agreement,
            message=data.message.strip(),
            keep_sections=sorted(set(data.keep_sections)),
            requested_by=actor,
            previous_code=case.code,
        )
    events.transfer_requested(actor=actor, transfer=transfer)
    notify(
        members_with(transfer.to_org_id, Perm.CASES_ALL, Perm.EDIT_CASE),
        vocab.NotificationKind.TRANSFER_RECEIVED,
        transfer=transfer,
    )
    return transfer


def _lock(transfer: Transfer, expected_version: int) -> Transfer:
    locked = Transfer.objects.select_for_update().select_related("case").get(pk=transfer.pk)
    apply_changes(locked, expected_version=expected_version, changes={})
    if locked.status != vocab.TransferStatus.PENDING:
        refuse_field("status", _("This transfer has already been answered or cancelled."))
    return locked


@transaction.atomic
def transfer_accept(*, actor: User, transfer: Transfer, expected_version: int) -> Transfer:
    """Take ownership. The sender keeps read access only where the survivor consented."""
    own_org = access.transfer_decider_required(actor, transfer, receiving=True).organisation_id
    locked = _lock(transfer, expected_version)
    case = Case.objects.select_for_update().get(pk=locked.case_id)
    errors = Errors()
    _validate(errors, case=case, to_org_id=own_org, own_org=locked.from_org_id)
    errors.raise_if_any()
    now = timezone.now()
    receiver = Organisation.objects.get(pk=own_org)
    # The sender's open referrals were its own to make; they end with its ownership.
    for referral in Referral.objects.select_for_update().filter(
        case=case, from_org_id=locked.from_org_id, status__in=vocab.OPEN_REFERRAL_STATUSES
    ):
        end_referral(actor=actor, referral=referral, reason=vocab.EndReason.CASE_TRANSFERRED)
    # Each record changes hands through the service of the app that owns it.
    case = case_owner_change(case=case, organisation=receiver)
    # The pseudonym a former owner keeps reading is the one it knew, whatever
    # the new owner calls the survivor later (as with the case code); read under
    # the survivor's row lock, so no rename slips in between.
    survivor = survivor_owner_change(survivor_id=case.survivor_id, organisation=receiver)
    apply_changes(
        locked,
        expected_version=locked.version,
        changes={
            "status": vocab.TransferStatus.ACCEPTED,
            "responded_by": actor,
            "responded_at": now,
            "new_code": case.code,
            "previous_pseudonym": survivor.pseudonym,
        },
    )
    events.transfer_accepted(actor=actor, transfer=locked)
    # Approvals and risks waiting on the sender's people are now the receiver's work.
    tasks_hand_over(actor=actor, case=case)
    if locked.keep_sections:
        # The survivor's consent for the former owner to keep reading, as the
        # requester recorded it: now a consent to share like any other. Only
        # these sections are kept, whatever older consents name the former
        # owner: what the survivor agreed at this transfer is what it keeps.
        grant = consent_create(
            actor=locked.requested_by,
            survivor=case.survivor,
            case=case,
            data=ConsentInput(
                scope=ConsentScope.SHARE_WITH_ORG,
                given_by=ConsentGiver.SURVIVOR,
                given_on=timezone.localtime(locked.requested_at).date(),
                recipient_id=locked.from_org_id,
                sections=locked.keep_sections,
            ),
        )
        kept = Referral.objects.create(
            case=case,
            from_org_id=own_org,
            to_org_id=locked.from_org_id,
            sections=sorted(set(locked.keep_sections)),
            status=vocab.ReferralStatus.ACCEPTED,
            consent=grant,
            transfer=locked,
            sent_by=actor,
            responded_by=actor,
            responded_at=now,
            assigned_to=locked.requested_by,
        )
        events.referral_accepted(actor=actor, referral=kept, kept_at_transfer=True)
    notify([locked.requested_by], vocab.NotificationKind.TRANSFER_ACCEPTED, transfer=locked)
    return locked


@transaction.atomic
def transfer_decline(
    *, actor: User, transfer: Transfer, expected_version: int, note: str = ""
) -> Transfer:
    """The receiving side declines a pending transfer, saying why; the case stays.

    Receiving supervisors who may edit cases only (``Denied`` otherwise);
    refuses (field errors) a transfer already answered or cancelled, on its
    locked row, and a missing note. Audited; the requester is notified.
    """
    access.transfer_decider_required(actor, transfer, receiving=True)
    locked = _lock(transfer, expected_version)
    if not note.strip():
        refuse_field("note", _("Say why the transfer is declined."))
    apply_changes(
        locked,
        expected_version=locked.version,
        changes={
            "status": vocab.TransferStatus.DECLINED,
            "responded_by": actor,
            "responded_at": timezone.now(),
            "response_note": note.strip(),
        },
    )
    events.transfer_declined(actor=actor, transfer=locked)
    notify([locked.requested_by], vocab.NotificationKind.TRANSFER_DECLINED, transfer=locked)
    return locked


@transaction.atomic
def transfer_cancel(*, actor: User, transfer: Transfer, expected_version: int) -> Transfer:
    """The proposing side withdraws a pending transfer; the case stays with it.

    Proposing supervisors who may edit cases only (``Denied`` otherwise);
    refuses (field errors) a transfer already answered or cancelled, on its
    locked row. Audited; the partner's supervisors are notified.
    """
    access.transfer_decider_required(actor, transfer, receiving=False)
    locked = _lock(transfer, expected_version)
    apply_changes(
        locked, expected_version=locked.version, changes={"status": vocab.TransferStatus.CANCELLED}
    )
    events.transfer_cancelled(actor=actor, transfer=locked)
    # Those told of the proposal hear that it no longer waits for them.
    notify(
        members_with(locked.to_org_id, Perm.CASES_ALL, Perm.EDIT_CASE),
        vocab.NotificationKind.TRANSFER_CANCELLED,
        transfer=locked,
    )
    return locked

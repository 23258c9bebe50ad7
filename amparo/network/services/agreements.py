"""Information-sharing agreements: recorded and ended by an organisation admin."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors
from amparo.network import access, events, vocab
from amparo.network.inputs import AgreementInput
from amparo.network.models import PartnerAgreement, Referral
from amparo.network.services.referrals import end_referral
from amparo.network.services.referrals.common import refuse_field


@transaction.atomic
def agreement_record(*, actor: User, data: AgreementInput) -> PartnerAgreement:
    """Record a signed agreement to share with a partner, from its effective date.

    Organisation admins only (``Denied`` otherwise). Refuses (field errors) a
    partner that is not another active organisation, a missing approver, and
    dates out of order or beyond the schedule horizon. Audited.
    """
    membership = perm_required(actor, Perm.MANAGE_ORG)
    errors = Errors()
    if (
        data.partner_id is None
        or data.partner_id == membership.organisation_id
        or not Organisation.objects.filter(pk=data.partner_id, is_active=True).exists()
    ):
        errors.add("partner", _("Choose another active organisation."))
    if not data.approved_by.strip():
        errors.add("approved_by", _("Say who approved the agreement."))
    if data.effective_from is None:
        errors.add("effective_from", _("Give the date the agreement takes effect."))
    # An agreement may be signed ahead of the day it takes effect, within the schedule horizon.
    elif errors.scheduled("effective_from", data.effective_from):
        if data.effective_until is not None and data.effective_until < data.effective_from:
            errors.add("effective_until", _("An agreement cannot end before it takes effect."))
        else:
            errors.valid_until("effective_until", data.effective_until)
    errors.raise_if_any()
    # Validated above: both are present.
    assert data.partner_id is not None and data.effective_from is not None
    agreement = PartnerAgreement.objects.create(
        organisation_id=membership.organisation_id,
        partner_id=data.partner_id,
        reference=data.reference.strip(),
        approved_by=data.approved_by.strip(),
        effective_from=data.effective_from,
        effective_until=data.effective_until,
        recorded_by=actor,
    )
    events.agreement_recorded(actor=actor, agreement=agreement)
    return agreement


@transaction.atomic
def agreement_end(
    *, actor: User, agreement: PartnerAgreement, expected_version: int
) -> PartnerAgreement:
    """End an agreement now; the partner's access to every file referred under it ends.

    Access already ends at the next read (``amparo.network.access``); ending the
    open referrals too makes that visible on each case, audited and notified,
    and final: a later agreement with the same partner does not bring them back.
    Organisation admins only (``Denied`` otherwise), for their own organisation's
    agreement; refuses (a field error) one already ended, on its locked row.
    """
    membership = perm_required(actor, Perm.MANAGE_ORG)
    locked = PartnerAgreement.objects.select_for_update().get(
        pk=agreement.pk, organisation_id=membership.organisation_id
    )
    if locked.ended_at is not None:
        refuse_field("agreement", _("This agreement has already ended."))
    apply_changes(
        locked,
        expected_version=expected_version,
        changes={"ended_at": timezone.now(), "ended_by": actor},
    )
    events.agreement_ended(actor=actor, agreement=locked)
    _end_referrals(actor=actor, agreement=locked)
    return locked


def _end_referrals(*, actor: User, agreement: PartnerAgreement) -> None:
    if access.current_agreement(
        organisation_id=agreement.organisation_id, partner_id=agreement.partner_id
    ):
        return  # another current agreement with the partner still covers them
    for referral in (
        # Lock the referral rows only, as PostgreSQL refuses FOR UPDATE on the
        # nullable side of the outer join that ``assigned_to`` needs.
        Referral.objects.select_for_update(of=("self",))
        .select_related("case", "assigned_to")
        .filter(
            from_org_id=agreement.organisation_id,
            to_org_id=agreement.partner_id,
            # Access kept by a former owner after a transfer rests on consent alone.
            transfer__isnull=True,
            status__in=vocab.OPEN_REFERRAL_STATUSES,
        )
    ):
        # The organisation that shares ended the agreement: it takes its referrals back.
        end_referral(
            actor=actor,
            referral=referral,
            reason=vocab.EndReason.REVOKED_BY_SENDER,
            audit_reason="agreement",
        )

"""Sending a referral: from a case of one's own, to a partner under a current agreement,
within what the survivor's consent covers."""

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, Organisation, User
from amparo.accounts.roles import Perm
from amparo.aftercare.vocab import ServiceType
from amparo.cases.models import Case
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.exceptions import Denied
from amparo.core.validation import Errors
from amparo.network import access, events, vocab
from amparo.network.inputs import ReferralInput
from amparo.network.models import PartnerAgreement, Referral
from amparo.network.services.notify import notify, referral_desk
from amparo.network.services.referrals.common import (
    MAX_MESSAGE_LENGTH,
    MAX_TRIAGE_LENGTH,
    check_consent_covers,
)
from amparo.people.models import ConsentGrant
from amparo.people.vocab import Section


def _validate_referral(
    actor: User, case: Case, data: ReferralInput
) -> tuple[Membership, PartnerAgreement | None, ConsentGrant | None]:
    membership = perm_required(actor, Perm.REFERRALS)
    perm_required(actor, Perm.EDIT_CASE)
    if case.organisation_id != membership.organisation_id:
        raise Denied
    errors = Errors()
    if case.status not in OPEN_STATUSES:
        errors.add("case", _("This case is closed."))
    errors.choices("services", data.services, ServiceType)
    if not data.services:
        errors.add("services", _("Choose at least one service to request."))
    errors.choices("sections", data.sections, Section)
    errors.choice("urgency", data.urgency, vocab.Urgency)
    if len(data.message) > MAX_MESSAGE_LENGTH:
        errors.add("message", _("The message is too long."))
    if len(data.triage_note) > MAX_TRIAGE_LENGTH:
        errors.add(
            "triage_note",
            _("Keep the note for triage to %(n)d characters.") % {"n": MAX_TRIAGE_LENGTH},
        )
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
    """Refer the survivor of ``case`` (already opened by the actor) to a partner.

    Refuses (``Denied``) an actor who does not work referrals, may not edit
    cases or is not of the case's organisation; refuses (field errors) a closed
    case, a partner without a current agreement, sections the survivor's
    current consent does not cover, and a second open referral to the same
    partner. Checked on the case's locked row; audited (naming the sections
    offered) and the partner's referral desk notified.
    """
    # Checked again on the locked row, not the caller's copy: a transfer or a second
    # send of the same case at the same moment waits, then sees this one.
    case = Case.objects.select_for_update().get(pk=case.pk)
    membership, agreement, consent = _validate_referral(actor, case, data)
    # Validated above: a referral always names its partner.
    assert data.to_org_id is not None
    referral = Referral.objects.create(
        case=case,
        from_org_id=membership.organisation_id,
        to_org_id=data.to_org_id,
        services=sorted(set(data.services)),
        sections=sorted(set(data.sections)),
        urgency=data.urgency,
        message=data.message.strip(),
        triage_note=data.triage_note.strip(),
        consent=consent,
        agreement=agreement,
        sent_by=actor,
    )
    events.referral_sent(actor=actor, referral=referral)
    notify(
        referral_desk(referral.to_org_id),
        vocab.NotificationKind.REFERRAL_RECEIVED,
        referral=referral,
    )
    return referral

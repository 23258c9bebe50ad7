"""A partner places a survivor it was referred in its own shelter, under the referral.

The case stays with its owner: the placement is the owner's record too (the
case file lists it, in the partner's facility), and the partner reaches it
only through the referral, for as long as the referral gives it access.
"""

import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.aftercare.models import Placement
from amparo.aftercare.services.placements import placement_end, placement_start
from amparo.aftercare.vocab import ServiceType
from amparo.core.exceptions import NotFound
from amparo.core.validation import local_day
from amparo.network import vocab
from amparo.network.models import Referral
from amparo.network.services.notify import notify
from amparo.network.services.referrals.common import live_receiver_lock, refuse_field

# The services whose referral lets the receiver house the survivor.
HOUSING_SERVICES = frozenset({ServiceType.SHELTER, ServiceType.CRISIS})


@transaction.atomic
def partner_placement_start(
    *,
    actor: User,
    referral: Referral,
    facility_id: int,
    started_on: datetime.date,
    reason: str,
) -> Placement:
    """Place the referred survivor in one of the receiver's own facilities.

    Receiver only (``Denied``), on a live referral that asked for shelter or
    crisis care (else a field error on ``referral``), never before the
    referral was accepted; then every rule of ``placement_start`` (capacity,
    one place at a time, dates), which audits the placement. The sender is
    notified. Nothing is written when any check fails.
    """
    locked, organisation_id = live_receiver_lock(actor, referral)
    if not HOUSING_SERVICES & set(locked.services):
        refuse_field(
            "referral",
            _("This referral did not ask for shelter or crisis care: place no one under it."),
        )
    if locked.responded_at is not None and started_on < local_day(locked.responded_at):
        refuse_field("started_on", _("A placement under a referral starts once it was accepted."))
    placement = placement_start(
        actor=actor,
        case=locked.case,
        facility_id=facility_id,
        started_on=started_on,
        reason=reason,
        facility_organisation_id=organisation_id,
    )
    notify([locked.sent_by], vocab.NotificationKind.PARTNER_PLACED, referral=locked)
    return placement


@transaction.atomic
def partner_placement_end(
    *,
    actor: User,
    referral: Referral,
    placement_id: int,
    expected_version: int,
    ended_on: datetime.date,
    end_reason: str,
) -> Placement:
    """End a placement the receiver made in its own facility, under a live referral.

    Receiver only (``Denied``); a placement of another case or in another
    organisation's facility is not found (``NotFound``); then
    every rule of ``placement_end`` (version, dates), which audits it.
    """
    locked, organisation_id = live_receiver_lock(actor, referral)
    placement = Placement.objects.filter(
        pk=placement_id, case_id=locked.case_id, facility__organisation_id=organisation_id
    ).first()
    if placement is None:
        raise NotFound
    return placement_end(
        actor=actor,
        placement=placement,
        expected_version=expected_version,
        ended_on=ended_on,
        end_reason=end_reason,
    )

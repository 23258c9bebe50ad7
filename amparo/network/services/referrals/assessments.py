"""A partner assesses the restoration of a survivor it was referred, under the referral.

The case stays with its owner. The assessment is the partner's, made with its
own instrument: the sender reads it under the referral; it counts neither
toward the case's assessment schedule nor toward its closure rule, which stay
the owner's (``amparo.aftercare.services.assessments``).
"""

import datetime

from django.db import transaction

from amparo.accounts.models import User
from amparo.aftercare.models import Assessment
from amparo.aftercare.services.assessments import assessment_record
from amparo.network import vocab
from amparo.network.models import Referral
from amparo.network.services.notify import notify
from amparo.network.services.referrals.common import restoration_receiver_lock


@transaction.atomic
def partner_assessment_record(
    *,
    actor: User,
    referral: Referral,
    assessed_on: datetime.date,
    scores: dict[str, int],
    notes: str = "",
) -> Assessment:
    """Record a restoration assessment of the referred survivor with the receiver's instrument.

    Receiver only (``Denied``), on a live referral that asked for restoration
    services (else a field error on ``referral``), never dated before the
    referral was accepted; then every rule of ``assessment_record`` (every
    item scored on the instrument's scale, an open case), which audits it.
    The assessment names the receiving organisation; the sender is notified.
    Nothing is written when any check fails.
    """
    locked, organisation_id, since = restoration_receiver_lock(actor, referral)
    assessment = assessment_record(
        actor=actor,
        case=locked.case,
        assessed_on=assessed_on,
        scores=scores,
        notes=notes,
        partner_organisation_id=organisation_id,
        since=since,
    )
    notify([locked.sent_by], vocab.NotificationKind.PARTNER_ASSESSED, referral=locked)
    return assessment

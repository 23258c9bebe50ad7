"""Referrals: sent with consent, answered by the partner, revoked or completed.

Split by who acts: ``sending`` (the referring side), ``answering`` (the
receiving side) and ``ending`` (whatever ends a partner's access). The
predicates that decide access live in ``amparo.network.access``; these
services refuse what they would not allow, with a message that says why.
"""

from amparo.network.services.referrals.answering import (
    partner_service_record,
    referral_accept,
    referral_complete,
    referral_decline,
)
from amparo.network.services.referrals.assessments import partner_assessment_record
from amparo.network.services.referrals.careplans import (
    partner_care_plan_approve,
    partner_care_plan_draft,
    partner_care_plan_submit,
)
from amparo.network.services.referrals.common import (
    MAX_MESSAGE_LENGTH,
    MAX_TRIAGE_LENGTH,
    check_consent_covers,
)
from amparo.network.services.referrals.ending import (
    end_referral,
    referral_revoke,
    referrals_end_for_consent,
)
from amparo.network.services.referrals.placements import (
    partner_placement_end,
    partner_placement_start,
)
from amparo.network.services.referrals.sending import referral_check, referral_send

__all__ = [
    "MAX_MESSAGE_LENGTH",
    "MAX_TRIAGE_LENGTH",
    "check_consent_covers",
    "end_referral",
    "partner_assessment_record",
    "partner_care_plan_approve",
    "partner_care_plan_draft",
    "partner_care_plan_submit",
    "partner_placement_end",
    "partner_placement_start",
    "partner_service_record",
    "referral_accept",
    "referral_check",
    "referral_complete",
    "referral_decline",
    "referral_revoke",
    "referral_send",
    "referrals_end_for_consent",
]

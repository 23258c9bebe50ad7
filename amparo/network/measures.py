"""What the network's indicators count: the definitions reporting builds its tables on.

Reporting (``amparo.reporting.network``) groups, compares, suppresses and
draws; what a referral "answered" or "accepted" means, and which services
count as a partner's work on our cases, is the network's to say, here.
"""

from django.db.models import Q

from amparo.network.vocab import ReferralStatus

# A referral is answered once the partner accepted or declined it; one revoked
# after it was accepted still counts as accepted (it was answered, and not with a no).
ANSWERED = Q(responded_at__isnull=False)
ACCEPTED = ANSWERED & ~Q(status=ReferralStatus.DECLINED)
DECLINED = ANSWERED & Q(status=ReferralStatus.DECLINED)


def referrals_sent_by(organisation_id: int) -> Q:
    """Referrals ``organisation_id`` sent to a partner."""
    return Q(from_org_id=organisation_id)


def referrals_received_by(organisation_id: int) -> Q:
    """Referrals a partner sent to ``organisation_id``."""
    return Q(to_org_id=organisation_id)


def services_on_cases_of(organisation_id: int) -> Q:
    """Services on ``organisation_id``'s own cases, whoever delivered them."""
    return Q(case__organisation_id=organisation_id)


def services_delivered_by(organisation_id: int) -> Q:
    """Services ``organisation_id`` delivered, on its own cases or on partners'."""
    return Q(provider_id=organisation_id)

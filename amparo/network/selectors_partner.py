"""What a receiver recorded under a referral, for either side of a referral already opened."""

from django.db.models import QuerySet

from amparo.aftercare.models import Placement, Service
from amparo.network.models import Referral


def partner_services_for_referral(*, referral: Referral) -> QuerySet[Service]:
    """Services the referral's receiver recorded on the case, for the referring side to read
    (the caller already opened the referral as its sender)."""
    return (
        Service.objects.filter(case_id=referral.case_id, provider_id=referral.to_org_id)
        .select_related("provider")
        .order_by("-started_on", "-id")
    )


def partner_placements_for_referral(*, referral: Referral) -> QuerySet[Placement]:
    """Placements of the referred survivor in the receiver's own facilities, newest first,
    for either side of a referral the caller has already opened (and whose read is logged)."""
    return (
        Placement.objects.filter(
            case_id=referral.case_id, facility__organisation_id=referral.to_org_id
        )
        .select_related("facility")
        .order_by("-started_on", "-id")
    )

"""What a receiver recorded under a referral, for either side of a referral already opened."""

from django.db.models import QuerySet

from amparo.aftercare.models import Assessment, CarePlan, Placement, Service
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


def partner_assessments_for_referral(*, referral: Referral) -> QuerySet[Assessment]:
    """Restoration assessments the receiver made of the referred survivor, newest first,
    each with its instrument's domains (to name them), for either side of a referral
    the caller has already opened (and whose read is logged)."""
    return (
        Assessment.objects.filter(
            case_id=referral.case_id, partner_organisation_id=referral.to_org_id
        )
        .select_related("instrument", "partner_organisation", "assessed_by")
        .prefetch_related("instrument__domains")
        .order_by("-assessed_on", "-id")
    )


def partner_care_plans_for_referral(*, referral: Referral) -> QuerySet[CarePlan]:
    """Versions of the receiver's care plan for the referred survivor, newest first, with
    their goals, for either side of a referral the caller has already opened."""
    return (
        CarePlan.objects.filter(
            case_id=referral.case_id, partner_organisation_id=referral.to_org_id
        )
        .select_related("partner_organisation", "approved_by")
        .prefetch_related("goals")
        .order_by("-number")
    )

"""Restoration (aftercare) vocabularies."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.cases.vocab import FlagKind


class FacilityKind(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    SAFE_HOUSE = "safe_house", _("Safe house")
    TRANSITIONAL = "transitional", _("Transitional home")
    FOSTER = "foster", _("Foster family network")
    OTHER = "other", _("Other")


class PlacementReason(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency protection")
    COURT_ORDER = "court_order", _("Court protection order")
    VOLUNTARY = "voluntary", _("Voluntary")
    TRANSFER = "transfer", _("Transfer from another facility")
    OTHER = "other", _("Other")


class PlacementEndReason(models.TextChoices):
    REINTEGRATED = "reintegrated", _("Reintegrated")
    TRANSFERRED = "transferred", _("Transferred")
    LEFT = "left", _("Left the facility")
    AGED_OUT = "aged_out", _("Aged out")
    OTHER = "other", _("Other")


class CarePlanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class GoalStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("No longer relevant")


class ServiceType(models.TextChoices):
    CRISIS = "crisis", _("Crisis care")
    MEDICAL = "medical", _("Medical")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial / counselling")
    LEGAL = "legal", _("Legal accompaniment")
    EDUCATION = "education", _("Education")
    VOCATIONAL = "vocational", _("Vocational / skills training")
    ECONOMIC = "economic", _("Economic empowerment")
    FAMILY = "family", _("Family support")
    SHELTER = "shelter", _("Shelter")
    DOCUMENTATION = "documentation", _("Documentation")


class ServiceStatus(models.TextChoices):
    """GBVIMS service / referral status."""

    REFERRED = "referred", _("Referred")
    PROVIDED = "provided", _("Service provided by your agency")
    RECEIVED_ELSEWHERE = "elsewhere", _("Already received from another agency")
    NOT_APPLICABLE = "na", _("Not applicable")
    DECLINED = "declined", _("Declined by survivor")
    UNAVAILABLE = "unavailable", _("Service unavailable")


class HouseholdSafety(models.TextChoices):
    SAFE = "safe", _("Safe")
    CONDITIONAL = "conditional", _("Safe with conditions")
    UNSAFE = "unsafe", _("Unsafe")


class ProtectiveFactor(models.TextChoices):
    CARING_ADULT = "caring_adult", _("A caring, protective adult")
    STABLE_INCOME = "income", _("Stable household income")
    SCHOOL_ACCESS = "school", _("Access to school")
    COMMUNITY_SUPPORT = "community", _("Community or church support")
    ACCEPTS_SURVIVOR = "acceptance", _("Family believes and accepts the survivor")
    NO_PERPETRATOR_CONTACT = "no_contact", _("No contact with the perpetrator")


class HouseholdRisk(models.TextChoices):
    PERPETRATOR_IN_HOUSEHOLD = "perpetrator_home", _("Perpetrator lives in or visits the home")
    FAMILY_INVOLVED = "family_involved", _("Family involved in the exploitation")
    VIOLENCE = "violence", _("Domestic violence")
    SUBSTANCE_ABUSE = "substances", _("Substance abuse")
    EXTREME_POVERTY = "poverty", _("Extreme poverty")
    STIGMA = "stigma", _("Stigma or blame towards the survivor")
    DEBT = "debt", _("Debt to traffickers")


class Recommendation(models.TextChoices):
    REINTEGRATE = "reintegrate", _("Reintegrate with this family")
    KINSHIP = "kinship", _("Kinship care instead")
    INDEPENDENT = "independent", _("Independent living")
    FOSTER = "foster", _("Foster care")
    NOT_YET = "not_yet", _("Not yet: keep working with the family")


class Destination(models.TextChoices):
    FAMILY = "family", _("Family")
    KINSHIP = "kinship", _("Kinship care")
    INDEPENDENT = "independent", _("Independent living")
    FOSTER = "foster", _("Foster care")
    OTHER = "other", _("Other")


class ReintegrationStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Not approved")
    COMPLETED = "completed", _("Reintegrated")


class FollowUpMethod(models.TextChoices):
    HOME_VISIT = "home", _("Home visit")
    SCHOOL_VISIT = "school", _("School or workplace visit")
    PHONE = "phone", _("Phone call")
    OFFICE = "office", _("Office visit")
    VIDEO = "video", _("Video call")


class FollowUpRisk(models.TextChoices):
    PERPETRATOR_CONTACT = "perpetrator", _("Contact with the perpetrator")
    THREATS = "threats", _("Threats to the survivor or family")
    LEFT_SCHOOL = "left_school", _("Left school or training")
    RETRAFFICKING_SIGN = "retrafficking", _("Sign of re-trafficking or exploitation")
    UNSAFE_HOUSEHOLD = "unsafe_home", _("Household became unsafe")
    SELF_HARM = "self_harm", _("Self-harm or suicidal thoughts")
    MISSING = "missing", _("Survivor could not be found")


# Risks that mean the survivor may be victimised again: each raises a case flag of its kind.
ESCALATING_RISKS = {
    FollowUpRisk.PERPETRATOR_CONTACT: FlagKind.PERPETRATOR_CONTACT,
    FollowUpRisk.THREATS: FlagKind.THREATS,
    FollowUpRisk.RETRAFFICKING_SIGN: FlagKind.RETRAFFICKING,
    FollowUpRisk.SELF_HARM: FlagKind.SELF_HARM,
    FollowUpRisk.UNSAFE_HOUSEHOLD: FlagKind.SAFETY,
    FollowUpRisk.MISSING: FlagKind.SAFETY,
    FollowUpRisk.LEFT_SCHOOL: FlagKind.OTHER,
}


class TaskKind(models.TextChoices):
    REVIEW_RISK = "review_risk", _("Review a risk found at follow-up")
    APPROVE_CARE_PLAN = "approve_plan", _("Approve a care plan")
    APPROVE_FAMILY_ASSESSMENT = "approve_family", _("Approve a family assessment")
    APPROVE_REINTEGRATION = "approve_reintegration", _("Approve a reintegration")

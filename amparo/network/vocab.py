"""Vocabularies of the partner network."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# What a consent covers is people's vocabulary (consents live there).
from amparo.people.vocab import Section

ALL_SECTIONS = frozenset(Section.values)


class Urgency(models.TextChoices):
    ROUTINE = "routine", _("Routine")
    URGENT = "urgent", _("Urgent (within days)")
    EMERGENCY = "emergency", _("Emergency (today)")


class ReferralStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    REVOKED = "revoked", _("Revoked")
    COMPLETED = "completed", _("Completed")


OPEN_REFERRAL_STATUSES = (ReferralStatus.PENDING, ReferralStatus.ACCEPTED)


class DeclineReason(models.TextChoices):
    NO_CAPACITY = "capacity", _("No capacity")
    NOT_ELIGIBLE = "eligibility", _("Outside our mandate or eligibility")
    SERVICE_UNAVAILABLE = "unavailable", _("Service not available")
    OUT_OF_AREA = "area", _("Outside our area")
    SURVIVOR_DECLINED = "survivor", _("Survivor declined")
    OTHER = "other", _("Other")


class EndReason(models.TextChoices):
    """Why a referral's access ended before it was completed."""

    REVOKED_BY_SENDER = "sender", _("Revoked by the referring organisation")
    CONSENT_WITHDRAWN = "consent", _("Survivor withdrew consent")
    CASE_TRANSFERRED = "transfer", _("Case transferred")


class TransferStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class NotificationKind(models.TextChoices):
    REFERRAL_RECEIVED = "referral.received", _("New referral received")
    REFERRAL_ACCEPTED = "referral.accepted", _("Your referral was accepted")
    REFERRAL_DECLINED = "referral.declined", _("Your referral was declined")
    REFERRAL_ENDED = "referral.ended", _("A referral's access has ended")
    REFERRAL_COMPLETED = "referral.completed", _("A referral was completed")
    SERVICE_RECORDED = "referral.service", _("A partner recorded a service")
    PARTNER_PLACED = "referral.placed", _("A partner placed the survivor in its shelter")
    PARTNER_ASSESSED = "referral.assessed", _("A partner recorded a restoration assessment")
    PARTNER_PLAN_PENDING = (
        "referral.plan_pending",
        _("A care plan under a referral waits for approval"),
    )
    PARTNER_CARE_PLAN = "referral.care_plan", _("A partner's care plan was approved")
    TRANSFER_RECEIVED = "transfer.received", _("Case transfer proposed to you")
    TRANSFER_ACCEPTED = "transfer.accepted", _("Your case transfer was accepted")
    TRANSFER_DECLINED = "transfer.declined", _("Your case transfer was declined")
    TRANSFER_CANCELLED = "transfer.cancelled", _("A case transfer to you was cancelled")
    CASE_ASSIGNED = "case.assigned", _("A case was assigned to you")
    APPROVAL_REQUESTED = "approval.requested", _("Your approval is requested")
    WORK_OVERDUE = "work.overdue", _("You have overdue work")
    CLOSURE_APPROVED = "closure.approved", _("A supervisor approved closing the case")
    CLOSURE_DECLINED = "closure.declined", _("A supervisor declined closing the case")

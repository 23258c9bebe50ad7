"""Routes of the network API under /api/v1/. One view per operation; ``by_method``
joins the operations that share a URL."""

from django.urls import path

from amparo.core.api_base import by_method
from amparo.core.routes import READS, SIGNED_IN, WRITES
from amparo.network.api import (
    agreements,
    answers,
    cases,
    choices,
    notifications,
    partner_records,
    placements,
    referrals,
    shared,
    transfers,
)

CASE = "cases/<id:case_id>/"
REFERRAL = "referrals/<id:referral_id>/"
TRANSFER = "transfers/<id:transfer_id>/"

urlpatterns = [
    path(
        "agreements/",
        by_method(GET=agreements.AgreementListApi, POST=agreements.AgreementRecordApi),
        name="api-agreements",
    ),
    path(
        "agreements/partners/",
        choices.AgreementPartnerListApi.as_view(),
        name="api-agreement-partners",
    ),
    path(
        "agreements/<id:agreement_id>/end/",
        agreements.AgreementEndApi.as_view(),
        name="api-agreement-end",
    ),
    path(
        "referrals/",
        by_method(GET=referrals.ReferralListApi, POST=referrals.ReferralSendApi),
        name="api-referrals",
    ),
    path(
        "referrals/colleagues/",
        choices.ReferralColleagueListApi.as_view(),
        name="api-referral-colleagues",
    ),
    path(REFERRAL, referrals.ReferralDetailApi.as_view(), name="api-referral"),
    path(REFERRAL + "accept/", answers.ReferralAcceptApi.as_view(), name="api-referral-accept"),
    path(REFERRAL + "decline/", answers.ReferralDeclineApi.as_view(), name="api-referral-decline"),
    path(REFERRAL + "revoke/", answers.ReferralRevokeApi.as_view(), name="api-referral-revoke"),
    path(
        REFERRAL + "complete/",
        answers.ReferralCompleteApi.as_view(),
        name="api-referral-complete",
    ),
    path(REFERRAL + "shared/", shared.SharedFileApi.as_view(), name="api-referral-shared"),
    path(
        REFERRAL + "services/",
        answers.PartnerServiceRecordApi.as_view(),
        name="api-referral-services",
    ),
    path(
        REFERRAL + "placements/",
        placements.PartnerPlacementStartApi.as_view(),
        name="api-referral-placements",
    ),
    path(
        REFERRAL + "placements/<id:placement_id>/end/",
        placements.PartnerPlacementEndApi.as_view(),
        name="api-referral-placement-end",
    ),
    path(
        REFERRAL + "assessments/",
        partner_records.PartnerAssessmentRecordApi.as_view(),
        name="api-referral-assessments",
    ),
    path(
        REFERRAL + "care-plans/",
        partner_records.PartnerCarePlanDraftApi.as_view(),
        name="api-referral-care-plans",
    ),
    path(
        REFERRAL + "care-plans/submit/",
        partner_records.PartnerCarePlanSubmitApi.as_view(),
        name="api-referral-care-plan-submit",
    ),
    path(
        REFERRAL + "care-plans/approve/",
        partner_records.PartnerCarePlanApproveApi.as_view(),
        name="api-referral-care-plan-approve",
    ),
    path(
        "transfers/",
        by_method(GET=transfers.TransferListApi, POST=transfers.TransferRequestApi),
        name="api-transfers",
    ),
    path(TRANSFER, transfers.TransferDetailApi.as_view(), name="api-transfer"),
    path(TRANSFER + "accept/", transfers.TransferAcceptApi.as_view(), name="api-transfer-accept"),
    path(
        TRANSFER + "decline/", transfers.TransferDeclineApi.as_view(), name="api-transfer-decline"
    ),
    path(TRANSFER + "cancel/", transfers.TransferCancelApi.as_view(), name="api-transfer-cancel"),
    # What a case file shows of the network, and whom the case may be referred to.
    path(CASE + "referrals/", cases.CaseReferralListApi.as_view(), name="api-case-referrals"),
    path(CASE + "transfers/", cases.CaseTransferListApi.as_view(), name="api-case-transfers"),
    path(
        CASE + "referral-partners/",
        choices.CaseReferralPartnerListApi.as_view(),
        name="api-case-referral-partners",
    ),
    path(
        "notifications/",
        notifications.NotificationListApi.as_view(),
        name="api-notifications",
    ),
    path(
        "notifications/read/",
        notifications.NotificationsReadApi.as_view(),
        name="api-notifications-read",
    ),
]

# What each operation shows (amparo.core.routes).
ROUTE_ACCESS = {
    "api-agreements": {"GET": SIGNED_IN, "POST": WRITES},
    "api-agreement-partners": SIGNED_IN,
    "api-agreement-end": WRITES,
    "api-referrals": {"GET": SIGNED_IN, "POST": WRITES},
    "api-referral-colleagues": SIGNED_IN,
    "api-referral": READS,
    "api-referral-accept": WRITES,
    "api-referral-decline": WRITES,
    "api-referral-revoke": WRITES,
    "api-referral-complete": WRITES,
    "api-referral-shared": READS,
    "api-referral-services": WRITES,
    "api-referral-placements": WRITES,
    "api-referral-placement-end": WRITES,
    "api-referral-assessments": WRITES,
    "api-referral-care-plans": WRITES,
    "api-referral-care-plan-submit": WRITES,
    "api-referral-care-plan-approve": WRITES,
    "api-transfers": {"GET": SIGNED_IN, "POST": WRITES},
    "api-transfer": READS,
    "api-transfer-accept": WRITES,
    "api-transfer-decline": WRITES,
    "api-transfer-cancel": WRITES,
    "api-case-referrals": READS,
    "api-case-transfers": READS,
    "api-case-referral-partners": READS,
    "api-notifications": SIGNED_IN,
    "api-notifications-read": WRITES,
}

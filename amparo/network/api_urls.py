"""Routes of the network API under /api/v1/. One view per operation; ``by_method``
joins the operations that share a URL."""

from django.urls import path

from amparo.core.api_base import by_method
from amparo.network.api import (
    agreements,
    indicators,
    notifications,
    referrals,
    shared,
    transfers,
)

REFERRAL = "referrals/<id:referral_id>/"
TRANSFER = "transfers/<id:transfer_id>/"

urlpatterns = [
    path(
        "agreements/",
        by_method(GET=agreements.AgreementListApi, POST=agreements.AgreementRecordApi),
        name="api-agreements",
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
    path(REFERRAL, referrals.ReferralDetailApi.as_view(), name="api-referral"),
    path(REFERRAL + "accept/", referrals.ReferralAcceptApi.as_view(), name="api-referral-accept"),
    path(
        REFERRAL + "decline/", referrals.ReferralDeclineApi.as_view(), name="api-referral-decline"
    ),
    path(REFERRAL + "revoke/", referrals.ReferralRevokeApi.as_view(), name="api-referral-revoke"),
    path(
        REFERRAL + "complete/",
        referrals.ReferralCompleteApi.as_view(),
        name="api-referral-complete",
    ),
    path(REFERRAL + "shared/", shared.SharedFileApi.as_view(), name="api-referral-shared"),
    path(
        REFERRAL + "services/",
        referrals.PartnerServiceRecordApi.as_view(),
        name="api-referral-services",
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
    path(
        "network/indicators/",
        indicators.NetworkIndicatorsApi.as_view(),
        name="api-network-indicators",
    ),
]

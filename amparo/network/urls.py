from django.urls import path

from amparo.core.routes import FORM, READS, SIGNED_IN, WRITES
from amparo.network.views import (
    agreements,
    notifications,
    partner_records,
    placements,
    referrals,
    transfers,
)

urlpatterns = [
    # Referrals: inbox (received / sent), sending from a case, the referral itself.
    path("referrals/", referrals.inbox, name="referral_inbox"),
    path("cases/<int:pk>/refer/", referrals.referral_send_view, name="referral_send"),
    path("referrals/<int:referral_id>/", referrals.referral_detail, name="referral_detail"),
    path(
        "referrals/<int:referral_id>/accept/",
        referrals.referral_accept_view,
        name="referral_accept",
    ),
    path(
        "referrals/<int:referral_id>/decline/",
        referrals.referral_decline_view,
        name="referral_decline",
    ),
    path(
        "referrals/<int:referral_id>/revoke/",
        referrals.referral_revoke_view,
        name="referral_revoke",
    ),
    path(
        "referrals/<int:referral_id>/complete/",
        referrals.referral_complete_view,
        name="referral_complete",
    ),
    path(
        "referrals/<int:referral_id>/services/new/",
        referrals.partner_service_view,
        name="referral_service_add",
    ),
    path(
        "referrals/<int:referral_id>/placements/new/",
        placements.referral_placement_new,
        name="referral_placement_new",
    ),
    path(
        "referrals/<int:referral_id>/placements/<int:pk>/end/",
        placements.referral_placement_end,
        name="referral_placement_end",
    ),
    path(
        "referrals/<int:referral_id>/assessments/new/",
        partner_records.referral_assessment_new,
        name="referral_assessment_new",
    ),
    path(
        "referrals/<int:referral_id>/care-plans/new/",
        partner_records.referral_care_plan_new,
        name="referral_care_plan_new",
    ),
    path(
        "referrals/<int:referral_id>/care-plans/<int:pk>/submit/",
        partner_records.referral_care_plan_submit,
        name="referral_care_plan_submit",
    ),
    path(
        "referrals/<int:referral_id>/care-plans/<int:pk>/approve/",
        partner_records.referral_care_plan_approve,
        name="referral_care_plan_approve",
    ),
    # Transfers of a case to another organisation.
    path("cases/<int:pk>/transfer/", transfers.transfer_request_view, name="transfer_request"),
    path("transfers/<int:transfer_id>/", transfers.transfer_detail, name="transfer_detail"),
    path(
        "transfers/<int:transfer_id>/accept/",
        transfers.transfer_accept_view,
        name="transfer_accept",
    ),
    path(
        "transfers/<int:transfer_id>/decline/",
        transfers.transfer_decline_view,
        name="transfer_decline",
    ),
    path(
        "transfers/<int:transfer_id>/cancel/",
        transfers.transfer_cancel_view,
        name="transfer_cancel",
    ),
    # Information-sharing agreements (organisation admins record and end them).
    path("network/agreements/", agreements.agreement_list_view, name="agreement_list"),
    path("network/agreements/new/", agreements.agreement_new, name="agreement_new"),
    path(
        "network/agreements/<int:agreement_id>/end/",
        agreements.agreement_end_view,
        name="agreement_end",
    ),
    # Notifications.
    path("notifications/", notifications.notification_list, name="notification_list"),
    path("notifications/read/", notifications.notifications_mark_read, name="notifications_read"),
]

# What each page shows (amparo.core.routes).
ROUTE_ACCESS = {
    "referral_inbox": SIGNED_IN,
    "referral_send": FORM,
    "referral_detail": READS,
    "referral_accept": WRITES,
    "referral_decline": WRITES,
    "referral_revoke": FORM,
    "referral_complete": FORM,
    "referral_service_add": FORM,
    "referral_placement_new": FORM,
    # Its form names the facility and the dates, nothing of the survivor's file.
    "referral_placement_end": {"GET": SIGNED_IN, "POST": WRITES},
    "referral_assessment_new": FORM,
    "referral_care_plan_new": FORM,
    "referral_care_plan_submit": WRITES,
    "referral_care_plan_approve": WRITES,
    "transfer_request": FORM,
    "transfer_detail": READS,
    "transfer_accept": FORM,
    "transfer_decline": WRITES,
    "transfer_cancel": FORM,
    "agreement_list": SIGNED_IN,
    "agreement_new": {"GET": SIGNED_IN, "POST": WRITES},
    "agreement_end": {"GET": SIGNED_IN, "POST": WRITES},
    "notification_list": SIGNED_IN,
    "notifications_read": WRITES,
}

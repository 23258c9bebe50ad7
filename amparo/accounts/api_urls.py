from django.urls import path

from amparo.accounts import api, api_members
from amparo.core.api_base import by_method
from amparo.core.routes import SIGNED_IN, WRITES

urlpatterns = [
    path(
        "tokens/",
        by_method(GET=api.TokenListApi, POST=api.TokenIssueApi),
        name="api-tokens",
    ),
    path("tokens/<id:token_id>/revoke/", api.TokenRevokeApi.as_view(), name="api-token-revoke"),
    path("me/", api_members.MyAccountApi.as_view(), name="api-me"),
    path(
        "members/",
        by_method(GET=api_members.MemberListApi, POST=api_members.MemberInviteApi),
        name="api-members",
    ),
    path(
        "members/<id:member_id>/role/",
        api_members.MemberRoleApi.as_view(),
        name="api-member-role",
    ),
    path(
        "members/<id:member_id>/deactivate/",
        api_members.MemberDeactivateApi.as_view(),
        name="api-member-deactivate",
    ),
    path(
        "members/<id:member_id>/reactivate/",
        api_members.MemberReactivateApi.as_view(),
        name="api-member-reactivate",
    ),
    path(
        "members/<id:member_id>/reset-second-factor/",
        api_members.MemberResetMfaApi.as_view(),
        name="api-member-reset-mfa",
    ),
    path(
        "members/<id:member_id>/resend-invitation/",
        api_members.MemberResendInvitationApi.as_view(),
        name="api-member-resend-invitation",
    ),
]

# What each operation shows (amparo.core.routes): a user's own tokens and account,
# an admin's organisation's members; never a survivor.
ROUTE_ACCESS = {
    "api-tokens": {"GET": SIGNED_IN, "POST": WRITES},
    "api-token-revoke": WRITES,
    "api-me": SIGNED_IN,
    "api-members": {"GET": SIGNED_IN, "POST": WRITES},
    "api-member-role": WRITES,
    "api-member-deactivate": WRITES,
    "api-member-reactivate": WRITES,
    "api-member-reset-mfa": WRITES,
    "api-member-resend-invitation": WRITES,
}

from django.urls import path

from amparo.accounts.views import account, members, tokens
from amparo.core import api as _api  # noqa: F401 - registers the bounded "id" converter
from amparo.core.routes import SIGNED_IN, WRITES

urlpatterns = [
    path("account/", account.my_account, name="my_account"),
    path("tokens/", tokens.token_list, name="token_list"),
    path("tokens/<id:token_id>/revoke/", tokens.token_revoke_view, name="token_revoke"),
    path("organisation/tokens/", tokens.org_token_list, name="org_token_list"),
    path("organisation/people/", members.member_list, name="member_list"),
    path("organisation/people/invite/", members.member_invite_view, name="member_invite"),
    path("organisation/people/<id:member_id>/role/", members.member_role_view, name="member_role"),
    path(
        "organisation/people/<id:member_id>/deactivate/",
        members.member_deactivate_view,
        name="member_deactivate",
    ),
    path(
        "organisation/people/<id:member_id>/reactivate/",
        members.member_reactivate_view,
        name="member_reactivate",
    ),
    path(
        "organisation/people/<id:member_id>/reset-second-factor/",
        members.member_reset_mfa_view,
        name="member_reset_mfa",
    ),
    path(
        "organisation/people/<id:member_id>/resend-invitation/",
        members.member_resend_invitation_view,
        name="member_resend_invitation",
    ),
]

# What each page shows (amparo.core.routes): staff members and their tokens, never a survivor.
_FORM = {"GET": SIGNED_IN, "POST": WRITES}
ROUTE_ACCESS = {
    "my_account": SIGNED_IN,
    "token_list": _FORM,
    "token_revoke": _FORM,
    "org_token_list": SIGNED_IN,
    "member_list": SIGNED_IN,
    "member_invite": _FORM,
    "member_role": _FORM,
    "member_deactivate": _FORM,
    "member_reactivate": _FORM,
    "member_reset_mfa": _FORM,
    "member_resend_invitation": _FORM,
}

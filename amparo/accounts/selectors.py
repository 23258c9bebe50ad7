"""Reads of accounts."""

from allauth.mfa.models import Authenticator
from django.db.models import QuerySet

from amparo.accounts.access import perm_required
from amparo.accounts.models import ApiToken, User
from amparo.accounts.roles import Perm
from amparo.core.exceptions import NotFound


def tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, revoked ones included, newest first. Never anyone else's."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")


def tokens_for_org_admin(*, user: User) -> QuerySet[ApiToken]:
    """Tokens of every member of the admin's organisation (former members too), newest first.

    ``Denied`` unless ``user`` manages an organisation; never a token of
    another organisation's member.
    """
    membership = perm_required(user, Perm.MANAGE_ORG)
    return (
        ApiToken.objects.filter(user__membership__organisation=membership.organisation)
        .select_related("user")
        .order_by("-created_at", "-id")
    )


def tokens_manageable_by(*, user: User) -> QuerySet[ApiToken]:
    """The tokens ``user`` may revoke: their own and, for an organisation admin, their members'.

    Never a token of anyone else: another organisation's member's, or a
    colleague's for a user who does not manage the organisation.
    """
    own = ApiToken.objects.filter(user=user)
    if user.is_authenticated and user.has_amparo_perm(Perm.MANAGE_ORG):
        return own | tokens_for_org_admin(user=user).order_by()
    return own


def token_get_for_user(*, user: User, token_id: int) -> ApiToken:
    """One token ``user`` may revoke, or ``NotFound`` (another's token is never confirmed to exist)."""
    token = tokens_manageable_by(user=user).select_related("user").filter(pk=token_id).first()
    if token is None:
        raise NotFound
    return token


def account_second_factors(*, user: User) -> set[str]:
    """The kinds of second factor ``user`` has set up (allauth's Authenticator types). Own only."""
    return set(Authenticator.objects.filter(user=user).values_list("type", flat=True))

"""Reads of accounts."""

from django.db.models import QuerySet

from amparo.accounts.models import ApiToken, User


def tokens_for_user(*, user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, revoked ones included, newest first. Never anyone else's."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-id")

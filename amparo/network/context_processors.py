from django.http import HttpRequest

from amparo.accounts.roles import Perm
from amparo.network import selectors


def network(request: HttpRequest) -> dict[str, object]:
    """The header's counts: unread notifications and referrals waiting for an answer."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.active_membership is None:
        return {}
    context: dict[str, object] = {
        "unread_notifications": selectors.unread_notification_count(user=user)
    }
    if user.has_amparo_perm(Perm.REFERRALS):
        context["pending_referrals"] = selectors.pending_received_count(user=user)
    return context

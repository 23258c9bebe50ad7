"""The invitation e-mail: a one-time link to set a password, made by allauth's reset machinery.

The link is allauth's password-reset link (its token generator, its page), so
no token crypto is ours: the token is bound to the account's password hash and
last sign-in, and stops working once a password is set, or after
PASSWORD_RESET_TIMEOUT. The link is never logged nor stored.
"""

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from amparo.accounts.models import User


def invitation_link(user: User) -> str:
    """The absolute one-time link where ``user`` sets their first password."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    return settings.AMPARO_BASE_URL.rstrip("/") + path


def invitation_send(*, user_id: int, inviter_id: int | None) -> bool:
    """E-mail the invitation to ``user_id``, in their language; returns whether it was sent.

    Nothing is sent to an account that is no longer active or already has a
    password (a retried task, a member who signed in meanwhile).
    """
    user = User.objects.filter(pk=user_id, is_active=True).select_related("membership").first()
    if user is None or user.has_usable_password():
        return False
    inviter = User.objects.filter(pk=inviter_id).first() if inviter_id else None
    context = {
        "user": user,
        "inviter": inviter,
        "organisation": user.membership.organisation,
        "link": invitation_link(user),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    EmailMessage(subject, body, to=[user.email]).send()
    return True

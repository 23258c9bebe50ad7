"""What the authenticator-app set-up page shows beside its QR code, for a phone-only user."""

from allauth.mfa.adapter import get_adapter
from django import template

from amparo.accounts.models import User

register = template.Library()

BLOCK = 4


def key_blocks(secret: str) -> list[str]:
    """The secret in blocks of four characters, as authenticator apps accept it typed."""
    return [secret[i : i + BLOCK] for i in range(0, len(secret), BLOCK)]


@register.simple_tag
def totp_manual_entry(user: User, secret: str) -> dict[str, object]:
    """The key to type, in blocks, with the account name and issuer the QR code carries."""
    adapter = get_adapter()
    return {
        "blocks": key_blocks(secret),
        "account": adapter.get_totp_label(user),
        "issuer": adapter.get_totp_issuer(),
    }

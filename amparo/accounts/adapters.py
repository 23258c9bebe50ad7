from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from amparo.core import crypto


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by an organisation admin, never by self sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False


class EncryptingMfaAdapter(DefaultMFAAdapter):
    """Keep TOTP secrets and recovery seeds encrypted with Amparo's keys (and rotated with them)."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

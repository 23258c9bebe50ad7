from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.http import HttpRequest

from amparo.core import crypto
from amparo.core.client import client_address
from amparo.core.exceptions import Denied


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    """Accounts are created by an organisation admin, never by self sign-up.

    Failed sign-ins are counted per client address, and per client address
    and account together (never per account alone): an attacker at one
    address is slowed down, while someone typing a colleague's email five
    times from another address cannot lock the colleague out.
    """

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_client_ip(self, request: HttpRequest) -> str:
        """The client's address (``core.client.client_address``), as the audit trail records it."""
        address = client_address(request.META)
        if address is None:
            raise Denied("The client address could not be read.")
        return address

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: str) -> str:
        # allauth keys the per-account limit ("key" in ACCOUNT_RATE_LIMITS) on this;
        # the client address in it makes that limit per address and account.
        return f"{self.get_client_ip(request)}:{super()._get_login_attempts_cache_key(request, **credentials)}"


class EncryptingMfaAdapter(DefaultMFAAdapter):
    """Keep TOTP secrets and recovery seeds encrypted with Amparo's keys (and rotated with them)."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)

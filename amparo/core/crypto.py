"""Application-level encryption of identity fields (Fernet, with rotation).

The first key in settings.AMPARO_ENCRYPTION_KEYS encrypts; every key decrypts.
Rotation is therefore: put a new key first, run ``manage.py
rotate_encryption_keys`` (which re-encrypts every value under the new key),
then remove the old key from the setting.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver


@cache
def _cipher() -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in settings.AMPARO_ENCRYPTION_KEYS])
    except ValueError as exc:
        raise ImproperlyConfigured(
            "AMPARO_ENCRYPTION_KEYS holds a key that is not a Fernet key "
            "(32 url-safe base64-encoded bytes). Generate one with: python -m amparo.core.keys"
        ) from exc


@cache
def _primary() -> Fernet:
    _cipher()  # validates every key first, with the helpful message
    return Fernet(settings.AMPARO_ENCRYPTION_KEYS[0])


@receiver(setting_changed)
def _forget_cipher(*, setting: str, **kwargs: object) -> None:
    if setting == "AMPARO_ENCRYPTION_KEYS":
        _cipher.cache_clear()
        _primary.cache_clear()


class DecryptionError(Exception):
    """A stored value could not be decrypted with any configured key."""


def encrypt(plaintext: str) -> str:
    return _cipher().encrypt(plaintext.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return _cipher().decrypt(token.encode("ascii")).decode()
    except InvalidToken as exc:
        # Never include the token or any plaintext in the message.
        raise DecryptionError("A value could not be decrypted with the configured keys.") from exc


def rotate(token: str) -> str:
    """Re-encrypt a token under the primary key (idempotent)."""
    try:
        return _cipher().rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as exc:
        raise DecryptionError("A value could not be decrypted with the configured keys.") from exc


def is_under_primary_key(token: str) -> bool:
    """Whether a token already decrypts with the primary key, so rotation can skip it."""
    try:
        _primary().decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from amparo.core import crypto

OTHER_KEY = Fernet.generate_key().decode()


def test_round_trip_and_no_plaintext_in_the_token():
    token = crypto.encrypt("Demofila Ficticia")
    assert "Demofila" not in token
    assert crypto.decrypt(token) == "Demofila Ficticia"
    assert crypto.encrypt("Demofila Ficticia") != token  # random IV: equal inputs differ


def test_every_key_decrypts_but_only_the_first_encrypts():
    old_token = crypto.encrypt("secreto")
    with override_settings(AMPARO_ENCRYPTION_KEYS=[OTHER_KEY, *settings.AMPARO_ENCRYPTION_KEYS]):
        assert crypto.decrypt(old_token) == "secreto"
        assert not crypto.is_under_primary_key(old_token)
        new_token = crypto.rotate(old_token)
        assert crypto.is_under_primary_key(new_token)
        assert crypto.rotate(new_token) != new_token  # still valid, re-encrypted
    with override_settings(AMPARO_ENCRYPTION_KEYS=[OTHER_KEY]):
        assert crypto.decrypt(new_token) == "secreto"


def test_wrong_key_raises_without_revealing_anything():
    token = crypto.encrypt("Ejemplar")
    with override_settings(AMPARO_ENCRYPTION_KEYS=[OTHER_KEY]):
        with pytest.raises(crypto.DecryptionError) as info:
            crypto.decrypt(token)
        assert token not in str(info.value)
        with pytest.raises(crypto.DecryptionError):
            crypto.rotate(token)


def test_a_malformed_key_is_a_configuration_error():
    with (
        override_settings(AMPARO_ENCRYPTION_KEYS=["not-a-fernet-key"]),
        pytest.raises(ImproperlyConfigured, match=r"python -m amparo\.core\.keys"),
    ):
        crypto.encrypt("x")

"""Failed sign-ins slow an attacker down, per client address and account together,
without letting anyone lock a colleague out from another address."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from amparo.testing.factories import TEST_PASSWORD

ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def _sign_in(client, email: str, password: str, *, ip: str, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": ip}
    if forwarded:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post(reverse("account_login"), {"login": email, "password": password}, **extra)


def _signed_in(response) -> bool:
    # The password was right: on to the second factor.
    return response.status_code == 302 and "2fa" in response["Location"]


def _throttled(response) -> bool:
    return (
        response.status_code == 200
        and "Too many failed login attempts" in response.content.decode()
    )


def test_wrong_passwords_from_one_address_lock_that_address_out_of_that_account(cast, client):
    email = cast.caseworker.email
    for _ in range(5):
        response = _sign_in(client, email, "wrong-password-guess", ip=ATTACKER)
        assert response.status_code == 200 and not _throttled(response)
    assert _throttled(_sign_in(client, email, "wrong-password-guess", ip=ATTACKER))
    # Even the right password is refused from there for now: guessing stops.
    assert _throttled(_sign_in(client, email, TEST_PASSWORD, ip=ATTACKER))


def test_the_real_user_at_another_address_still_signs_in(cast, client):
    email = cast.caseworker.email
    for _ in range(6):
        _sign_in(client, email, "typed-their-email-on-purpose", ip=ATTACKER)
    assert _signed_in(_sign_in(client, email, TEST_PASSWORD, ip=COLLEAGUE))


def test_one_address_trying_many_accounts_is_slowed_too(cast, client):
    # Ten failures a minute from one address, whichever accounts they name.
    accounts = [user.email for user in cast.everyone().values()][:10]
    assert len(set(accounts)) == 10
    for email in accounts:
        assert not _throttled(_sign_in(client, email, "wrong-guess-123", ip=ATTACKER))
    assert _throttled(_sign_in(client, accounts[0], "wrong-guess-123", ip=ATTACKER))
    assert _signed_in(_sign_in(client, accounts[0], TEST_PASSWORD, ip=COLLEAGUE))


def test_a_forged_forwarded_address_does_not_escape_the_throttle(cast, client):
    email = cast.caseworker.email
    for n in range(5):
        _sign_in(client, email, "wrong-guess", ip=ATTACKER, forwarded=f"192.0.2.{n}")
    assert _throttled(_sign_in(client, email, "wrong-guess", ip=ATTACKER, forwarded="192.0.2.99"))


def test_behind_a_trusted_proxy_the_forwarded_address_counts(cast, client, settings):
    settings.AMPARO_TRUSTED_PROXIES = 1
    proxy = "10.0.0.2"
    email = cast.caseworker.email
    for _ in range(6):
        _sign_in(client, email, "wrong-guess", ip=proxy, forwarded=f"spoofed, {ATTACKER}")
    assert _throttled(_sign_in(client, email, "wrong-guess", ip=proxy, forwarded=ATTACKER))
    assert _signed_in(_sign_in(client, email, TEST_PASSWORD, ip=proxy, forwarded=COLLEAGUE))

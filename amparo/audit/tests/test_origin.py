"""The audit trail records the client's address as the sign-in throttle counts it."""

from django.test import Client

from amparo.audit.models import AuditEvent

FORGED = "203.0.113.66"


def _opened_from(cast, **meta) -> str | None:
    client = Client(REMOTE_ADDR="192.0.2.10", **meta)
    client.force_login(cast.supervisor)
    response = client.get(f"/cases/{cast.case.pk}/")
    assert response.status_code == 200
    return AuditEvent.objects.filter(code="case.viewed", actor=cast.supervisor).latest("pk").ip


def test_a_forwarded_address_is_ignored_without_trusted_proxies(cast, settings):
    settings.AMPARO_REQUIRE_MFA = False
    settings.AMPARO_TRUSTED_PROXIES = 0
    assert _opened_from(cast, HTTP_X_FORWARDED_FOR=FORGED) == "192.0.2.10"


def test_behind_one_trusted_proxy_the_address_it_saw_is_recorded(cast, settings):
    settings.AMPARO_REQUIRE_MFA = False
    settings.AMPARO_TRUSTED_PROXIES = 1
    # The client wrote the left entry; the proxy appended the address it saw.
    seen = _opened_from(cast, HTTP_X_FORWARDED_FOR=f"{FORGED}, 198.51.100.4")
    assert seen == "198.51.100.4"

"""The consent-withdrawn hook: called inside the withdrawal, whose failure rolls it back."""

import pytest
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.people import extensions
from amparo.people.inputs import ConsentInput
from amparo.people.services import consent_grant, consent_withdraw


def _consent(cast):
    return consent_grant(
        actor=cast.caseworker,
        case=cast.case,
        data=ConsentInput(scope="services", given_by="survivor", given_on=timezone.localdate()),
    )


def _withdraw(cast, grant):
    return consent_withdraw(
        actor=cast.caseworker, case=cast.case, consent_id=grant.pk, expected_version=grant.version
    )


class HookFailed(Exception):
    pass


def test_each_hook_sees_the_withdrawn_grant_and_who_withdrew_it(cast, monkeypatch):
    seen = []

    def hook(*, actor, grant):
        seen.append((actor, grant.pk, grant.withdrawn_at is not None))

    monkeypatch.setattr(extensions.consent_withdrawn, "_functions", [hook])
    grant = _consent(cast)
    _withdraw(cast, grant)
    assert seen == [(cast.caseworker, grant.pk, True)]


def test_a_failing_hook_rolls_the_withdrawal_back(cast, monkeypatch):
    def failing(*, actor, grant):
        raise HookFailed

    monkeypatch.setattr(extensions.consent_withdrawn, "_functions", [failing])
    grant = _consent(cast)
    with pytest.raises(HookFailed):
        _withdraw(cast, grant)
    grant.refresh_from_db()
    assert grant.withdrawn_at is None
    assert not AuditEvent.objects.filter(code="consent.withdrawn").exists()


def test_with_no_hook_the_withdrawal_stands_alone(cast, monkeypatch):
    monkeypatch.setattr(extensions.consent_withdrawn, "_functions", [])
    grant = _withdraw(cast, _consent(cast))
    assert grant.withdrawn_at is not None

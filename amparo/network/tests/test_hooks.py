"""What the network registers in the apps below it, and that withdrawal still ends referrals."""

import pytest

from amparo.audit.models import AuditEvent
from amparo.cases.extensions import case_file_sections
from amparo.network.services.referrals import referrals_end_for_consent
from amparo.people import extensions as people_extensions
from amparo.people.services import consent_withdraw


def test_the_network_listens_for_withdrawn_consents():
    assert list(people_extensions.consent_withdrawn) == [referrals_end_for_consent]


def test_the_case_file_shows_legal_restoration_then_network_sections():
    assert [section.template for section in case_file_sections] == [
        "justice/_case_legal.html",
        "aftercare/_case_restoration.html",
        "network/_case_network.html",
    ]


def _withdraw(net):
    return consent_withdraw(
        actor=net.cast.caseworker,
        case=net.cast.case,
        consent_id=net.consent.pk,
        expected_version=net.consent.version,
    )


def test_withdrawing_the_consent_ends_its_referral(net):
    referral = net.accepted()
    _withdraw(net)
    referral.refresh_from_db()
    assert (referral.status, referral.end_reason) == ("revoked", "consent")
    assert AuditEvent.objects.filter(code="referral.ended", case=net.cast.case).exists()


def test_when_ending_the_referral_fails_the_consent_stays_given(net, monkeypatch):
    referral = net.accepted()

    def failing(**kwargs):
        raise RuntimeError("the partner's desk is unreachable")

    monkeypatch.setattr("amparo.network.services.referrals.ending.end_referral", failing)
    with pytest.raises(RuntimeError):
        _withdraw(net)
    net.consent.refresh_from_db()
    referral.refresh_from_db()
    assert net.consent.withdrawn_at is None and referral.status == "accepted"
    assert not AuditEvent.objects.filter(code="consent.withdrawn").exists()

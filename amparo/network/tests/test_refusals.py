"""Every refusal of the partner network writes nothing at all.

Each bad input gets a clear error *and* leaves the database as it was: no
referral, transfer, service, consent, notification or audit event added, no
row changed, and no email queued for after the commit.
"""

import datetime
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.models import Service
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.services import intake_submit
from amparo.network import vocab
from amparo.network.inputs import AgreementInput, ReferralInput, TransferInput
from amparo.network.models import Notification, PartnerAgreement, Referral, Transfer
from amparo.network.services.agreements import agreement_end, agreement_record
from amparo.network.services.referrals import (
    partner_service_record,
    referral_accept,
    referral_complete,
    referral_decline,
    referral_revoke,
    referral_send,
)
from amparo.network.services.transfers import transfer_accept, transfer_request
from amparo.network.tests.conftest import share_consent
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_withdraw
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory, intake_input

TODAY = timezone.localdate()
ALL_SECTIONS = sorted(vocab.ALL_SECTIONS)


def state() -> dict[str, object]:
    """Everything a refused write could have touched, as comparable values."""
    return {
        "referrals": list(
            Referral.objects.order_by("pk").values_list(
                "pk", "status", "version", "assigned_to_id", "ended_at"
            )
        ),
        "transfers": list(Transfer.objects.order_by("pk").values_list("pk", "status", "version")),
        "cases": list(Case.objects.order_by("pk").values_list("pk", "organisation_id", "code")),
        "agreements": list(
            PartnerAgreement.objects.order_by("pk").values_list("pk", "ended_at", "version")
        ),
        "services": Service.objects.count(),
        "consents": ConsentGrant.objects.count(),
        "notifications": Notification.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@contextmanager
def writes_nothing(capture) -> Iterator[None]:
    """Assert the block leaves ``state()`` unchanged and queues no email for the commit."""
    before = state()
    sent = len(mail.outbox)
    with capture(execute=True) as callbacks:
        yield
    assert state() == before
    assert callbacks == [] and len(mail.outbox) == sent


def message(exc: pytest.ExceptionInfo[ValidationError], field: str) -> str:
    return " ".join(exc.value.message_dict[field])


def send_to(net, org, sections: list[str] | None = None) -> Referral:
    return referral_send(
        actor=net.cast.caseworker,
        case=net.cast.case,
        data=ReferralInput(
            to_org_id=org.pk, services=["medical"], sections=sections or ["incidents"]
        ),
    )


# -- A referral without consent ------------------------------------------------------------


def test_referral_without_any_consent_writes_nothing(net, django_capture_on_commit_callbacks):
    consent_withdraw(
        actor=net.cast.caseworker,
        case=net.cast.case,
        consent_id=net.consent.pk,
        expected_version=net.consent.version,
    )
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        net.send()
    assert "no current consent" in message(exc, "to_org")


def test_referral_under_an_expired_consent_writes_nothing(net, django_capture_on_commit_callbacks):
    ConsentGrant.objects.filter(pk=net.consent.pk).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        net.send()
    assert "no current consent" in message(exc, "to_org")


# -- A referral to an organisation without an agreement ---------------------------------------


def test_referral_without_an_agreement_writes_nothing(net, django_capture_on_commit_callbacks):
    # The survivor did consent: only the agreement is missing.
    share_consent(net.cast, net.cast.tercera, ["incidents"])
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        send_to(net, net.cast.tercera)
    assert "no current information-sharing agreement" in message(exc, "to_org")


def test_referral_after_the_agreement_ended_writes_nothing(net, django_capture_on_commit_callbacks):
    agreement_end(actor=net.cast.admin, agreement=net.agreement, expected_version=1)
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        net.send()
    assert "no current information-sharing agreement" in message(exc, "to_org")


def test_referral_before_the_agreement_takes_effect_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    share_consent(net.cast, net.cast.tercera, ["incidents"])
    agreement_record(
        actor=net.cast.admin,
        data=AgreementInput(
            partner_id=net.cast.tercera.pk,
            approved_by="Fictional Director",
            effective_from=TODAY + datetime.timedelta(days=7),
        ),
    )
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        send_to(net, net.cast.tercera)
    assert "no current information-sharing agreement" in message(exc, "to_org")


def test_referral_to_the_own_organisation_writes_nothing(net, django_capture_on_commit_callbacks):
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        send_to(net, net.cast.lex)
    assert "another active organisation" in message(exc, "to_org")


# -- Sharing a section the consent does not cover ---------------------------------------------


def test_referral_sharing_an_unconsented_section_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        net.send(sections=["incidents", "identity"])
    text = message(exc, "sections")
    assert "does not cover" in text and "Identity" in text and "Intake" not in text


def test_referral_with_an_unknown_section_writes_nothing(net, django_capture_on_commit_callbacks):
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        net.send(sections=["incidents", "bank_details"])
    assert "bank_details" in message(exc, "sections")


def test_a_second_open_referral_to_the_same_partner_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    net.send()
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        net.send()
    assert "already has an open referral" in message(exc, "to_org")


def test_referral_of_a_case_that_has_moved_writes_nothing(net, django_capture_on_commit_callbacks):
    """A page opened before the case was transferred away cannot refer it any more."""
    cast = net.cast
    stale = Case.objects.get(pk=cast.case.pk)  # read while Lex still owned it
    share_consent(cast, cast.refugio, ALL_SECTIONS)
    transfer = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk)
    )
    transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)
    moved = Case.objects.get(pk=cast.case.pk)
    assert moved.organisation == cast.refugio
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(PermissionDenied):
        referral_send(
            actor=cast.supervisor,
            case=stale,
            data=ReferralInput(to_org_id=cast.refugio.pk, services=["medical"]),
        )


# -- Answering a referral that is no longer pending -------------------------------------------


def test_accepting_a_revoked_referral_writes_nothing(net, django_capture_on_commit_callbacks):
    referral = net.send()
    revoked = referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=1)
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        referral_accept(
            actor=net.cast.partner_caseworker,
            referral=referral,
            expected_version=revoked.version,
        )
    assert "revoked" in message(exc, "status")


@pytest.mark.parametrize("answer", ["declined", "completed", "accepted"])
def test_accepting_an_answered_referral_writes_nothing(
    net, django_capture_on_commit_callbacks, answer
):
    partner = net.cast.partner_supervisor
    referral = net.accepted() if answer != "declined" else net.send()
    if answer == "declined":
        referral = referral_decline(
            actor=partner, referral=referral, expected_version=1, reason="capacity"
        )
    if answer == "completed":
        referral = referral_complete(
            actor=partner, referral=referral, expected_version=referral.version
        )
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        referral_accept(actor=partner, referral=referral, expected_version=referral.version)
    assert "only a pending referral can be accepted" in message(exc, "status")


def test_accepting_once_the_consent_has_expired_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    referral = net.send()
    ConsentGrant.objects.filter(pk=net.consent.pk).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        referral_accept(actor=net.cast.partner_caseworker, referral=referral, expected_version=1)
    assert "no current consent" in message(exc, "to_org")


def test_revoking_a_declined_referral_writes_nothing(net, django_capture_on_commit_callbacks):
    referral = referral_decline(
        actor=net.cast.partner_caseworker,
        referral=net.send(),
        expected_version=1,
        reason="capacity",
    )
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=2)
    assert "Only a pending or accepted referral" in message(exc, "status")


# -- A partner recording a service on a case it was not referred ------------------------------

SERVICE = ServiceInput(service_type="medical", status="provided", started_on=TODAY)


def test_third_organisation_recording_a_service_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    referral = net.accepted()
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(PermissionDenied):
        partner_service_record(actor=net.cast.third_supervisor, referral=referral, data=SERVICE)


def test_unassigned_partner_recording_a_service_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    referral = referral_accept(
        actor=net.cast.partner_supervisor,
        referral=net.send(),
        expected_version=1,
        assigned_to_id=net.cast.partner_supervisor.pk,
    )
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(PermissionDenied):
        partner_service_record(actor=net.cast.partner_caseworker, referral=referral, data=SERVICE)


@pytest.mark.parametrize("end", ["pending", "declined", "revoked", "completed", "withdrawn"])
def test_partner_service_without_a_live_referral_writes_nothing(
    net, django_capture_on_commit_callbacks, end
):
    cast = net.cast
    partner = cast.partner_supervisor
    referral = net.send() if end in ("pending", "declined") else net.accepted()
    if end == "declined":
        referral_decline(actor=partner, referral=referral, expected_version=1, reason="capacity")
    if end == "revoked":
        referral_revoke(actor=cast.caseworker, referral=referral, expected_version=2)
    if end == "completed":
        referral_complete(actor=partner, referral=referral, expected_version=2)
    if end == "withdrawn":
        consent_withdraw(
            actor=cast.caseworker,
            case=cast.case,
            consent_id=net.consent.pk,
            expected_version=net.consent.version,
        )
    # The caller holds the referral as it read it, before the change.
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        partner_service_record(actor=partner, referral=referral, data=SERVICE)
    assert "no longer gives your organisation access" in message(exc, "referral")


def test_partner_service_on_another_case_of_the_sender_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    """Refugio was referred one of Lex's cases; Lex's other cases stay closed to it."""
    net.accepted()
    other = intake_submit(actor=net.cast.caseworker, data=intake_input())
    partner = api_client(net.cast.partner_supervisor)
    body = {"service_type": "medical", "status": "provided", "started_on": TODAY.isoformat()}
    with writes_nothing(django_capture_on_commit_callbacks):
        assert partner.post(f"/api/v1/cases/{other.pk}/services/", body).status_code == 404
        assert partner.post(f"/api/v1/cases/{net.cast.case.pk}/services/", body).status_code == 404


def test_partner_service_with_a_bad_service_writes_nothing(net, django_capture_on_commit_callbacks):
    referral = net.accepted()
    bad = ServiceInput(service_type="medical", status="provided", started_on=TODAY.replace(1999))
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        partner_service_record(actor=net.cast.partner_caseworker, referral=referral, data=bad)
    assert "before the case was opened" in message(exc, "started_on")


# -- Transfers --------------------------------------------------------------------------------


def test_transfer_without_consent_to_the_whole_file_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    cast = net.cast
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        transfer_request(actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk))
    assert "does not cover" in message(exc, "to_org")


def test_transfer_without_an_agreement_writes_nothing(net, django_capture_on_commit_callbacks):
    cast = net.cast
    share_consent(cast, net.cast.tercera, ALL_SECTIONS)
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        transfer_request(
            actor=cast.supervisor, case=cast.case, data=TransferInput(net.cast.tercera.pk)
        )
    assert "no current information-sharing agreement" in message(exc, "to_org")


def test_accepting_a_transfer_once_the_agreement_ended_writes_nothing(
    net, django_capture_on_commit_callbacks
):
    cast = net.cast
    share_consent(cast, cast.refugio, ALL_SECTIONS)
    transfer = transfer_request(
        actor=cast.supervisor,
        case=cast.case,
        data=TransferInput(cast.refugio.pk, keep_sections=["notes"]),
    )
    agreement_end(actor=cast.admin, agreement=net.agreement, expected_version=1)
    with writes_nothing(django_capture_on_commit_callbacks), pytest.raises(ValidationError) as exc:
        transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)
    assert "no current information-sharing agreement" in message(exc, "to_org")


def test_a_partner_caseworker_cannot_take_a_transfer(net, django_capture_on_commit_callbacks):
    cast = net.cast
    share_consent(cast, cast.refugio, ALL_SECTIONS)
    transfer = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk)
    )
    extra = MembershipFactory(organisation=cast.refugio, role="caseworker").user
    with writes_nothing(django_capture_on_commit_callbacks):
        for user in (cast.partner_caseworker, extra, net.cast.third_supervisor, cast.supervisor):
            with pytest.raises(PermissionDenied):
                transfer_accept(actor=user, transfer=transfer, expected_version=1)

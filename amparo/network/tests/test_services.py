"""Referral, agreement and transfer services: the rules, the audit, the notifications."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from amparo.aftercare.inputs import ServiceInput
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.core.concurrency import StaleVersionError
from amparo.network import access
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
from amparo.network.tests.conftest import CONSENTED, share_consent
from amparo.people.services import consent_withdraw

TODAY = timezone.localdate()


def errors_of(exc: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return exc.value.message_dict


def test_send_records_audits_and_notifies_the_partner(net, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        referral = net.send()
    assert referral.status == "pending" and referral.sections == sorted(CONSENTED)
    assert referral.consent == net.consent and referral.agreement == net.agreement
    event = AuditEvent.objects.get(code="referral.sent")
    assert event.case == net.cast.case and "section:incidents" in event.changed_fields
    notified = Notification.objects.filter(kind="referral.received")
    assert {n.user for n in notified} == {net.cast.partner_supervisor}
    assert len(mail.outbox) == 1
    # Email leaves the system: it names the referral, never the survivor.
    body = mail.outbox[0].subject + mail.outbox[0].body
    assert referral.reference in body and "Mariposa" not in body and "Testa" not in body


def test_referral_needs_an_agreement(net):
    # Set up outside the ``raises`` block, so that only the send can satisfy it.
    share_consent(net.cast, net.cast.tercera, ["incidents"])
    with pytest.raises(ValidationError) as exc:
        referral_send(
            actor=net.cast.caseworker,
            case=net.cast.case,
            data=ReferralInput(to_org_id=net.cast.tercera.pk, services=["medical"]),
        )
    assert "agreement" in " ".join(errors_of(exc)["to_org"])
    assert not Referral.objects.exists()


def test_referral_needs_consent_and_only_consented_sections(net):
    withdrawn = consent_withdraw(
        actor=net.cast.caseworker,
        case=net.cast.case,
        consent_id=net.consent.pk,
        expected_version=net.consent.version,
    )
    assert withdrawn.withdrawn_at
    with pytest.raises(ValidationError) as exc:
        net.send()
    assert "no current consent" in " ".join(errors_of(exc)["to_org"])
    share_consent(net.cast, net.cast.refugio, ["incidents"])
    with pytest.raises(ValidationError) as exc:
        net.send(sections=["incidents", "identity", "notes"])
    message = " ".join(errors_of(exc)["sections"])
    assert "Identity" in message and "Case notes" in message
    assert not Referral.objects.exists()
    assert net.send(sections=["incidents"]).status == "pending"


def test_outsiders_cannot_send(net):
    for user in (net.cast.analyst, net.cast.outsider, net.cast.third_supervisor):
        with pytest.raises(PermissionDenied):
            referral_send(
                actor=user,
                case=net.cast.case,
                data=ReferralInput(to_org_id=net.cast.refugio.pk, services=["medical"]),
            )


def test_accept_opens_exactly_the_shared_sections(net):
    referral = net.send(sections=["incidents", "care_plan"])
    assert access.shared_sections(referral) == frozenset()
    accepted = referral_accept(
        actor=net.cast.partner_caseworker, referral=referral, expected_version=referral.version
    )
    assert accepted.assigned_to == net.cast.partner_caseworker
    assert access.shared_sections(accepted) == {"incidents", "care_plan"}
    assert Notification.objects.filter(kind="referral.accepted", user=net.cast.caseworker).exists()


def test_stale_accept_is_refused(net):
    referral = net.send()
    with pytest.raises(StaleVersionError):
        referral_accept(
            actor=net.cast.partner_caseworker,
            referral=referral,
            expected_version=referral.version + 1,
        )
    assert Referral.objects.get().status == "pending"


def test_accepting_a_revoked_referral_is_refused(net):
    referral = net.send()
    referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=1)
    with pytest.raises(ValidationError) as exc:
        referral_accept(actor=net.cast.partner_caseworker, referral=referral, expected_version=2)
    assert "revoked" in " ".join(errors_of(exc)["status"])
    assert Referral.objects.get().status == "revoked"


def test_decline_needs_a_reason(net):
    referral = net.send()
    with pytest.raises(ValidationError):
        referral_decline(
            actor=net.cast.partner_caseworker, referral=referral, expected_version=1, reason=""
        )
    declined = referral_decline(
        actor=net.cast.partner_caseworker,
        referral=referral,
        expected_version=1,
        reason="capacity",
    )
    assert declined.status == "declined" and access.shared_sections(declined) == frozenset()


def test_revocation_and_withdrawal_end_access_at_once(net):
    referral = net.accepted()
    assert access.shared_sections(referral)
    consent_withdraw(
        actor=net.cast.caseworker,
        case=net.cast.case,
        consent_id=net.consent.pk,
        expected_version=net.consent.version,
    )
    referral.refresh_from_db()
    assert referral.status == "revoked" and referral.end_reason == "consent"
    assert access.shared_sections(referral) == frozenset()
    assert AuditEvent.objects.filter(code="referral.ended").exists()


def test_expiry_and_agreement_end_cut_access_without_any_job(net):
    referral = net.accepted()
    PartnerAgreement.objects.filter(pk=net.agreement.pk).update(
        effective_until=TODAY - datetime.timedelta(days=1)
    )
    assert access.shared_sections(referral) == frozenset()
    PartnerAgreement.objects.filter(pk=net.agreement.pk).update(effective_until=None)
    assert access.shared_sections(referral)
    net.consent.__class__.objects.filter(pk=net.consent.pk).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )
    assert access.shared_sections(referral) == frozenset()


def test_partner_records_a_service_the_sender_sees(net):
    referral = net.accepted()
    service = partner_service_record(
        actor=net.cast.partner_caseworker,
        referral=referral,
        data=ServiceInput(service_type="psychosocial", status="provided", started_on=TODAY),
    )
    assert service.case == net.cast.case and service.provider == net.cast.refugio
    assert Notification.objects.filter(kind="referral.service", user=net.cast.caseworker).exists()
    referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=referral.version)
    with pytest.raises(ValidationError):
        partner_service_record(
            actor=net.cast.partner_caseworker,
            referral=referral,
            data=ServiceInput(service_type="medical", status="provided", started_on=TODAY),
        )
    assert net.cast.case.services.count() == 1


def test_third_organisation_cannot_work_a_referral(net):
    referral = net.send()
    with pytest.raises(PermissionDenied):
        referral_accept(actor=net.cast.third_supervisor, referral=referral, expected_version=1)
    with pytest.raises(PermissionDenied):
        referral_revoke(actor=net.cast.partner_supervisor, referral=referral, expected_version=1)


def test_complete_ends_access(net):
    referral = net.accepted()
    done = referral_complete(
        actor=net.cast.partner_caseworker, referral=referral, expected_version=referral.version
    )
    assert done.status == "completed" and access.shared_sections(done) == frozenset()


def test_agreement_rules(net):
    with pytest.raises(ValidationError) as exc:
        agreement_record(
            actor=net.cast.admin,
            data=AgreementInput(partner_id=net.cast.lex.pk, approved_by="", effective_from=None),
        )
    assert set(errors_of(exc)) == {"partner", "approved_by", "effective_from"}
    with pytest.raises(PermissionDenied):
        agreement_record(
            actor=net.cast.supervisor,
            data=AgreementInput(
                partner_id=net.cast.tercera.pk, approved_by="X", effective_from=TODAY
            ),
        )
    ended = agreement_end(actor=net.cast.admin, agreement=net.agreement, expected_version=1)
    assert ended.ended_at and PartnerAgreement.objects.count() == 1


def test_transfer_moves_ownership_and_keeps_consented_access(net):
    cast = net.cast
    with pytest.raises(ValidationError) as exc:
        transfer_request(actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk))
    assert "does not cover" in " ".join(errors_of(exc)["to_org"])
    share_consent(cast, cast.refugio, ["identity", "legal", "notes"])
    old_code = cast.case.code
    transfer = transfer_request(
        actor=cast.supervisor,
        case=cast.case,
        data=TransferInput(cast.refugio.pk, "Fictional.", keep_sections=["legal", "incidents"]),
    )
    assert Notification.objects.filter(kind="transfer.received", user=cast.partner_supervisor)
    with pytest.raises(PermissionDenied):
        transfer_accept(actor=cast.partner_caseworker, transfer=transfer, expected_version=1)
    done = transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)
    case = Case.objects.get(pk=cast.case.pk)
    assert case.organisation == cast.refugio and case.survivor.organisation == cast.refugio
    assert done.previous_code == old_code and case.code == done.new_code
    assert not case.assignments.filter(ended_at__isnull=True).exists()
    kept = Referral.objects.get(transfer=done)
    assert (kept.from_org, kept.to_org, kept.status) == (cast.refugio, cast.lex, "accepted")
    assert access.shared_sections(kept) == {"legal", "incidents"}
    assert Transfer.objects.get().status == "accepted"
    # History kept: the transfer and every step are in the audit trail.
    assert AuditEvent.objects.filter(code="transfer.accepted", case=case).exists()

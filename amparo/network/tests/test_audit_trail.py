"""The partner network's audit trail: every share, access and ending is recorded.

Each write service records its own event in the same transaction as the
change: if the event cannot be written, the change is not either. Every read
of a shared file names who read which referral, and every way a partner's
access ends (revocation, consent withdrawal, agreement end, transfer) leaves
an event on the survivor's case.
"""

import datetime
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.roles import Role
from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.models import Service
from amparo.audit import events
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.network import access, vocab
from amparo.network.inputs import AgreementInput, TransferInput
from amparo.network.models import Notification, PartnerAgreement, Referral, Transfer
from amparo.network.selectors import shared_file_get
from amparo.network.services.agreements import agreement_end, agreement_record
from amparo.network.services.referrals import (
    partner_service_record,
    referral_accept,
    referral_complete,
    referral_decline,
    referral_revoke,
)
from amparo.network.services.transfers import (
    transfer_accept,
    transfer_cancel,
    transfer_decline,
    transfer_request,
)
from amparo.network.tests.conftest import CONSENTED, share_consent
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_withdraw
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory

TODAY = timezone.localdate()
ALL_SECTIONS = sorted(vocab.ALL_SECTIONS)
SERVICE = ServiceInput(service_type="psychosocial", status="provided", started_on=TODAY)


def rows() -> tuple:
    return (
        list(Referral.objects.values_list("pk", "status", "version")),
        list(Transfer.objects.values_list("pk", "status", "version")),
        list(PartnerAgreement.objects.values_list("pk", "ended_at")),
        list(Case.objects.values_list("pk", "organisation_id", "code")),
        Service.objects.count(),
        ConsentGrant.objects.count(),
        Notification.objects.count(),
        AuditEvent.objects.count(),
    )


def pending_transfer(net, keep: list[str] | None = None) -> Transfer:
    cast = net.cast
    share_consent(cast, cast.refugio, ALL_SECTIONS)
    return transfer_request(
        actor=cast.supervisor,
        case=cast.case,
        data=TransferInput(cast.refugio.pk, keep_sections=keep or []),
    )


# Each write, prepared by ``setup`` (which returns what ``run`` needs), and the
# event code it must record in its own transaction.
def _agreement_record(net):
    return lambda: agreement_record(
        actor=net.cast.admin,
        data=AgreementInput(partner_id=net.cast.tercera.pk, approved_by="X", effective_from=TODAY),
    )


def _agreement_end(net):
    net.accepted()
    return lambda: agreement_end(actor=net.cast.admin, agreement=net.agreement, expected_version=1)


def _send(net):
    return net.send


def _accept(net):
    referral = net.send()
    return lambda: referral_accept(
        actor=net.cast.partner_caseworker, referral=referral, expected_version=1
    )


def _decline(net):
    referral = net.send()
    return lambda: referral_decline(
        actor=net.cast.partner_caseworker, referral=referral, expected_version=1, reason="area"
    )


def _revoke(net):
    referral = net.accepted()
    return lambda: referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=2)


def _complete(net):
    referral = net.accepted()
    return lambda: referral_complete(
        actor=net.cast.partner_caseworker, referral=referral, expected_version=2
    )


def _withdraw(net):
    net.accepted()
    return lambda: consent_withdraw(
        actor=net.cast.caseworker,
        case=net.cast.case,
        consent_id=net.consent.pk,
        expected_version=net.consent.version,
    )


def _service(net):
    referral = net.accepted()
    return lambda: partner_service_record(
        actor=net.cast.partner_caseworker, referral=referral, data=SERVICE
    )


def _transfer_request(net):
    share_consent(net.cast, net.cast.refugio, ALL_SECTIONS)
    return lambda: transfer_request(
        actor=net.cast.supervisor, case=net.cast.case, data=TransferInput(net.cast.refugio.pk)
    )


def _transfer_accept(net):
    net.accepted()
    transfer = pending_transfer(net, keep=["notes"])
    return lambda: transfer_accept(
        actor=net.cast.partner_supervisor, transfer=transfer, expected_version=1
    )


def _transfer_decline(net):
    transfer = pending_transfer(net)
    return lambda: transfer_decline(
        actor=net.cast.partner_supervisor, transfer=transfer, expected_version=1, note="Full."
    )


def _transfer_cancel(net):
    transfer = pending_transfer(net)
    return lambda: transfer_cancel(actor=net.cast.supervisor, transfer=transfer, expected_version=1)


WRITES: dict[str, tuple[Callable, Code]] = {
    "agreement_record": (_agreement_record, Code.AGREEMENT_RECORDED),
    "agreement_end": (_agreement_end, Code.AGREEMENT_ENDED),
    "agreement_end_ends_referrals": (_agreement_end, Code.REFERRAL_REVOKED),
    "referral_send": (_send, Code.REFERRAL_SENT),
    "referral_accept": (_accept, Code.REFERRAL_ACCEPTED),
    "referral_decline": (_decline, Code.REFERRAL_DECLINED),
    "referral_revoke": (_revoke, Code.REFERRAL_REVOKED),
    "referral_complete": (_complete, Code.REFERRAL_COMPLETED),
    "consent_withdrawal_ends": (_withdraw, Code.REFERRAL_ENDED),
    "partner_service_record": (_service, Code.SERVICE_RECORDED),
    "transfer_request": (_transfer_request, Code.TRANSFER_REQUESTED),
    "transfer_accept": (_transfer_accept, Code.TRANSFER_ACCEPTED),
    "transfer_accept_ends_referrals": (_transfer_accept, Code.REFERRAL_ENDED),
    "transfer_accept_keeps_access": (_transfer_accept, Code.REFERRAL_ACCEPTED),
    "transfer_decline": (_transfer_decline, Code.TRANSFER_DECLINED),
    "transfer_cancel": (_transfer_cancel, Code.TRANSFER_CANCELLED),
}


@pytest.mark.parametrize("name", WRITES)
def test_each_write_records_its_event(net, name):
    setup, code = WRITES[name]
    run = setup(net)
    before = AuditEvent.objects.filter(code=code).count()
    run()
    new = AuditEvent.objects.filter(code=code).order_by("-id")
    assert new.count() == before + 1, name
    event = new.first()
    assert event.actor is not None and event.organisation is not None
    if code not in (Code.AGREEMENT_RECORDED, Code.AGREEMENT_ENDED):
        assert event.case_id == net.cast.case.pk and event.survivor_id == net.cast.case.survivor_id


@pytest.mark.parametrize("name", WRITES)
def test_a_write_whose_event_fails_is_not_made(net, name, monkeypatch):
    """The event is written in the change's transaction: no event, no change."""
    setup, code = WRITES[name]
    run = setup(net)
    record = events.record

    def failing(**kwargs):
        if kwargs["code"] == code:
            raise RuntimeError("the audit store is down")
        return record(**kwargs)

    monkeypatch.setattr(events, "record", failing)
    before = rows()
    with pytest.raises(RuntimeError):
        run()
    assert rows() == before, name


# -- Reads of a shared file ------------------------------------------------------------------


def test_every_read_of_the_shared_file_names_reader_referral_and_sections(net, client):
    cast = net.cast
    referral = net.accepted()
    viewed = AuditEvent.objects.filter(code=Code.REFERRAL_VIEWED)
    client.force_login(cast.partner_caseworker)
    assert client.get(reverse("referral_detail", args=[referral.pk])).status_code == 200
    response = api_client(cast.partner_supervisor).get(f"/api/v1/referrals/{referral.pk}/shared/")
    assert response.status_code == 200
    assert [
        (e.actor, e.organisation, e.object_type, e.object_id, e.case_id, e.changed_fields)
        for e in viewed.order_by("id")
    ] == [
        (
            reader,
            cast.refugio,
            "network.referral",
            str(referral.pk),
            cast.case.pk,
            sorted(f"section:{s}" for s in CONSENTED),
        )
        for reader in (cast.partner_caseworker, cast.partner_supervisor)
    ]


def test_a_read_after_access_ended_is_recorded_and_shows_nothing(net):
    """The consent expired (no withdrawal, so the referral is still "accepted")."""
    cast = net.cast
    referral = net.accepted()
    partner_service_record(actor=cast.partner_caseworker, referral=referral, data=SERVICE)
    ConsentGrant.objects.filter(pk=net.consent.pk).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )
    referral.refresh_from_db()
    assert referral.status == "accepted"
    shared = shared_file_get(user=cast.partner_caseworker, referral=referral)
    assert shared.sections == frozenset()
    # Nothing of the file, not even the services on it, once access has ended.
    assert shared.services == [] and shared.incidents == [] and shared.narrative == ""
    event = AuditEvent.objects.filter(code=Code.REFERRAL_VIEWED).get()
    assert event.actor == cast.partner_caseworker and event.changed_fields == []


def test_the_sender_reading_what_its_partner_recorded_is_its_own_case(net, client):
    referral = net.accepted()
    partner_service_record(actor=net.cast.partner_caseworker, referral=referral, data=SERVICE)
    client.force_login(net.cast.caseworker)
    client.get(reverse("referral_detail", args=[referral.pk]))
    # Not a read of a partner's shared file: nothing is logged as one.
    assert not AuditEvent.objects.filter(code=Code.REFERRAL_VIEWED).exists()


# -- Every way access ends leaves an event on the case -----------------------------------------


def test_revocation_is_recorded_on_the_case_with_who_and_why(net):
    cast = net.cast
    referral = net.accepted()
    referral_revoke(actor=cast.caseworker, referral=referral, expected_version=2, note="Moved.")
    event = AuditEvent.objects.get(code=Code.REFERRAL_REVOKED)
    assert (event.actor, event.organisation, event.case) == (cast.caseworker, cast.lex, cast.case)
    assert event.object_id == str(referral.pk) and event.reason == "sender"


def test_consent_withdrawal_records_the_referral_it_ends(net):
    cast = net.cast
    first = net.accepted()
    consent_withdraw(
        actor=cast.caseworker, case=cast.case, consent_id=net.consent.pk, expected_version=1
    )
    event = AuditEvent.objects.get(code=Code.REFERRAL_ENDED)
    assert event.object_id == str(first.pk) and event.reason == "consent"
    assert event.actor == cast.caseworker and event.case == cast.case
    assert AuditEvent.objects.filter(code=Code.CONSENT_WITHDRAWN, case=cast.case).exists()


def test_agreement_end_ends_the_referrals_under_it_visibly(net):
    cast = net.cast
    accepted = net.accepted()
    partner_copy = Referral.objects.get(pk=accepted.pk)  # the partner's stale copy
    agreement_end(actor=cast.admin, agreement=net.agreement, expected_version=1)
    accepted.refresh_from_db()
    assert accepted.status == "revoked" and accepted.ended_by == cast.admin
    assert access.shared_sections(partner_copy) == frozenset()
    event = AuditEvent.objects.get(code=Code.REFERRAL_REVOKED)
    assert event.case == cast.case and event.actor == cast.admin
    assert event.object_id == str(accepted.pk) and event.reason == "agreement"
    assert Notification.objects.filter(
        kind="referral.ended", referral=accepted, user=cast.partner_caseworker
    ).exists()


def test_a_new_agreement_does_not_bring_back_an_ended_ones_referrals(net):
    """Ending an agreement ended access: a later agreement starts afresh, with new referrals."""
    cast = net.cast
    referral = net.accepted()
    agreement_end(actor=cast.admin, agreement=net.agreement, expected_version=1)
    agreement_record(
        actor=cast.admin,
        data=AgreementInput(partner_id=cast.refugio.pk, approved_by="X", effective_from=TODAY),
    )
    referral.refresh_from_db()
    assert access.shared_sections(referral) == frozenset()
    assert not access.live_referrals().filter(pk=referral.pk).exists()


def test_a_pending_referral_ends_with_its_agreement(net):
    cast = net.cast
    referral = net.send()
    agreement_end(actor=cast.admin, agreement=net.agreement, expected_version=1)
    referral.refresh_from_db()
    assert referral.status == "revoked"
    assert Notification.objects.filter(kind="referral.ended", referral=referral).exists()


def test_an_overlapping_agreement_keeps_the_referrals_going(net):
    cast = net.cast
    referral = net.accepted()
    renewal = agreement_record(
        actor=cast.admin,
        data=AgreementInput(partner_id=cast.refugio.pk, approved_by="X", effective_from=TODAY),
    )
    agreement_end(actor=cast.admin, agreement=net.agreement, expected_version=1)
    referral.refresh_from_db()
    assert referral.status == "accepted" and access.shared_sections(referral)
    assert not AuditEvent.objects.filter(code=Code.REFERRAL_REVOKED).exists()
    agreement_end(actor=cast.admin, agreement=renewal, expected_version=1)
    referral.refresh_from_db()
    assert referral.status == "revoked"


def test_access_kept_after_a_transfer_does_not_end_with_an_agreement(net):
    """The former owner's kept access rests on the survivor's consent, not on an agreement."""
    cast = net.cast
    transfer = pending_transfer(net, keep=["notes"])
    transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)
    kept = Referral.objects.get(transfer=transfer)
    back = agreement_record(
        actor=_admin_of(cast.refugio),
        data=AgreementInput(partner_id=cast.lex.pk, approved_by="X", effective_from=TODAY),
    )
    agreement_end(actor=_admin_of(cast.refugio), agreement=back, expected_version=1)
    kept.refresh_from_db()
    assert kept.status == "accepted" and access.shared_sections(kept) == {"notes"}


def _admin_of(org):
    return MembershipFactory(organisation=org, role=Role.ORG_ADMIN).user


def test_transfer_answers_are_recorded_on_the_case(net):
    cast = net.cast
    declined = transfer_decline(
        actor=cast.partner_supervisor,
        transfer=pending_transfer(net),
        expected_version=1,
        note="No beds.",
    )
    again = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk)
    )
    cancelled = transfer_cancel(actor=cast.supervisor, transfer=again, expected_version=1)
    trail = {
        (e.code, e.object_id, e.actor_id)
        for e in AuditEvent.objects.filter(case=cast.case, code__startswith="transfer.")
    }
    assert trail == {
        (Code.TRANSFER_REQUESTED, str(declined.pk), cast.supervisor.pk),
        (Code.TRANSFER_DECLINED, str(declined.pk), cast.partner_supervisor.pk),
        (Code.TRANSFER_REQUESTED, str(cancelled.pk), cast.supervisor.pk),
        (Code.TRANSFER_CANCELLED, str(cancelled.pk), cast.supervisor.pk),
    }

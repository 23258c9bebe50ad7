"""Transfers: ownership moves, the former owner keeps only what the survivor agreed,
and the file's history stays whole for the new owner.
"""

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from amparo.accounts.roles import Role
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.cases.selectors import (
    case_audit_trail,
    case_file_get,
    case_get_for_user,
    notes_for_case,
)
from amparo.cases.services import note_add
from amparo.network import access, vocab
from amparo.network.inputs import AgreementInput, TransferInput
from amparo.network.models import Referral, Transfer
from amparo.network.selectors import (
    referral_list,
    shared_file_get,
    transfer_get_for_user,
    transfers_for_case,
)
from amparo.network.services.agreements import agreement_record
from amparo.network.services.transfers import transfer_accept, transfer_request
from amparo.network.tests.conftest import share_consent
from amparo.people.inputs import ConsentInput
from amparo.people.services import consent_grant
from amparo.testing.factories import MembershipFactory

TODAY = timezone.localdate()
ALL_SECTIONS = sorted(vocab.ALL_SECTIONS)


def transferred(net, keep: list[str]) -> Transfer:
    """Lex's case, with a note written at Lex, moved to Refugio keeping ``keep``."""
    cast = net.cast
    note_add(actor=cast.caseworker, case=cast.case, body="Fictional note written at Lex.")
    share_consent(cast, cast.refugio, ALL_SECTIONS)
    transfer = transfer_request(
        actor=cast.supervisor,
        case=cast.case,
        data=TransferInput(cast.refugio.pk, "Fictional.", keep_sections=keep),
    )
    return transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)


def former_owner(net):
    cast = net.cast
    return {
        "caseworker": cast.caseworker,
        "supervisor": cast.supervisor,
        "admin": cast.admin,
        "other_caseworker": cast.other_caseworker,
    }


def test_without_consent_to_keep_the_former_owner_sees_nothing(net, client):
    cast = net.cast
    case_id = cast.case.pk
    transferred(net, keep=[])
    assert not Referral.objects.filter(to_org=cast.lex).exists()
    for name, user in former_owner(net).items():
        with pytest.raises(Http404):
            case_get_for_user(user=user, case_id=case_id)
        assert not access.visible_referrals(user=user).filter(case_id=case_id).exists(), name
        assert not referral_list(user=user).exists() and not referral_list(user=user, box="sent")
        client.force_login(user)
        assert client.get(reverse("case_file", args=[case_id])).status_code == 404, name


def test_the_former_owner_reads_only_the_sections_it_was_allowed_to_keep(net):
    cast = net.cast
    transfer = transferred(net, keep=["notes", "legal"])
    kept = Referral.objects.get(transfer=transfer)
    assert (kept.from_org, kept.to_org, kept.status) == (cast.refugio, cast.lex, "accepted")
    assert sorted(kept.sections) == ["legal", "notes"]
    with pytest.raises(Http404):
        case_get_for_user(user=cast.supervisor, case_id=cast.case.pk)
    shared = shared_file_get(user=cast.supervisor, referral=kept)
    assert shared.sections == {"legal", "notes"}
    assert shared.identity is None and shared.incidents == [] and shared.narrative == ""
    assert [n.body for n in shared.notes] == ["Fictional note written at Lex."]
    event = AuditEvent.objects.filter(code=Code.REFERRAL_VIEWED).get()
    assert event.actor == cast.supervisor and event.organisation == cast.lex


def test_a_case_handed_back_keeps_nothing_the_survivor_did_not_agree_to(net):
    """Refugio returns the case to Lex keeping nothing. The survivor's consent to share
    the whole file with Refugio (given for the first transfer) is still current, yet
    Refugio may not keep reading: at a transfer only what is agreed then is kept."""
    cast = net.cast
    transferred(net, keep=[])
    refugio_admin = MembershipFactory(organisation=cast.refugio, role=Role.ORG_ADMIN).user
    agreement_record(
        actor=refugio_admin,
        data=AgreementInput(partner_id=cast.lex.pk, approved_by="X", effective_from=TODAY),
    )
    case = Case.objects.get(pk=cast.case.pk)
    consent_grant(
        actor=cast.partner_supervisor,
        case=case,
        data=ConsentInput(
            scope="share",
            given_by="survivor",
            given_on=TODAY,
            recipient_id=cast.lex.pk,
            sections=ALL_SECTIONS,
        ),
    )
    back = transfer_request(
        actor=cast.partner_supervisor, case=case, data=TransferInput(cast.lex.pk)
    )
    transfer_accept(actor=cast.supervisor, transfer=back, expected_version=1)
    case.refresh_from_db()
    assert case.organisation == cast.lex
    assert access.consented_sections(survivor_id=case.survivor_id, organisation_id=cast.refugio.pk)
    assert not Referral.objects.filter(transfer=back).exists()
    assert not access.live_referrals().filter(to_org=cast.refugio).exists()
    with pytest.raises(Http404):
        case_get_for_user(user=cast.partner_supervisor, case_id=case.pk)


def test_the_new_owner_has_the_whole_history(net):
    cast = net.cast
    old_code = cast.case.code
    opened_by = AuditEvent.objects.get(code=Code.CASE_OPENED).actor
    transfer = transferred(net, keep=[])
    case = case_get_for_user(user=cast.partner_supervisor, case_id=cast.case.pk)
    assert case.code == transfer.new_code != old_code
    # Notes and incidents recorded at Lex travel with the case.
    assert [n.body for n in notes_for_case(case=case)] == ["Fictional note written at Lex."]
    file = case_file_get(user=cast.partner_supervisor, case_id=case.pk)
    assert file.incidents and file.notes and file.consents
    # The previous code, on the transfer the new owner can open.
    assert [t.previous_code for t in transfers_for_case(case=case)] == [old_code]
    assert transfer_get_for_user(user=cast.partner_supervisor, transfer_id=transfer.pk)
    # The audit trail keeps what happened before the move, by Lex's people.
    trail = case_audit_trail(user=cast.partner_supervisor, case_id=case.pk)
    codes = {(e.code, e.organisation_id) for e in trail}
    assert (Code.CASE_OPENED, cast.lex.pk) in codes and (Code.NOTE_ADDED, cast.lex.pk) in codes
    assert (Code.TRANSFER_REQUESTED, cast.lex.pk) in codes
    assert (Code.TRANSFER_ACCEPTED, cast.refugio.pk) in codes
    assert trail.filter(code=Code.CASE_OPENED).get().actor == opened_by


def test_the_senders_open_referrals_end_with_the_transfer(net):
    referral = net.accepted()
    transferred(net, keep=[])
    referral.refresh_from_db()
    assert (referral.status, referral.end_reason) == ("revoked", "transfer")
    assert access.shared_sections(referral) == frozenset()
    event = AuditEvent.objects.get(code=Code.REFERRAL_ENDED)
    assert event.object_id == str(referral.pk) and event.reason == "transfer"

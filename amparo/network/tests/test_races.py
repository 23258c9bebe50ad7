"""Two people answering the same referral or transfer at once.

Both read the same version; the first to write wins and the second gets a
clear conflict (``StaleVersionError``, 409 in the API) instead of silently
overwriting it. The loser writes nothing: no audit event, no notification.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amparo.accounts.roles import Role
from amparo.audit.models import AuditEvent
from amparo.core.concurrency import StaleVersionError
from amparo.network import vocab
from amparo.network.inputs import TransferInput
from amparo.network.models import Notification, Referral, Transfer
from amparo.network.services.agreements import agreement_end
from amparo.network.services.referrals import (
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
from amparo.network.tests.conftest import share_consent
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory

ALL_SECTIONS = sorted(vocab.ALL_SECTIONS)


def trail() -> tuple[int, int]:
    return AuditEvent.objects.count(), Notification.objects.count()


def second_partner_supervisor(net):
    return MembershipFactory(
        organisation=net.cast.refugio, role=Role.SUPERVISOR, user__full_name="Bo Partner"
    ).user


def test_two_partners_accepting_at_once(net):
    cast = net.cast
    other = second_partner_supervisor(net)
    referral = net.send()
    seen_by_both = referral.version
    referral_accept(actor=cast.partner_supervisor, referral=referral, expected_version=seen_by_both)
    before = trail()
    with pytest.raises(StaleVersionError) as exc:
        referral_accept(actor=other, referral=referral, expected_version=seen_by_both)
    assert "Someone else changed this record" in str(exc.value)
    assert exc.value.current_version == seen_by_both + 1
    assert trail() == before
    stored = Referral.objects.get()
    assert (stored.status, stored.assigned_to, stored.responded_by) == (
        "accepted",
        cast.partner_supervisor,
        cast.partner_supervisor,
    )


def test_accepting_while_the_sender_revokes(net):
    cast = net.cast
    referral = net.send()
    referral_revoke(actor=cast.caseworker, referral=referral, expected_version=1)
    before = trail()
    with pytest.raises(StaleVersionError):
        referral_accept(actor=cast.partner_caseworker, referral=referral, expected_version=1)
    assert trail() == before and Referral.objects.get().status == "revoked"


def test_revoking_while_the_partner_accepts(net):
    """The sender read it pending; it is accepted now. The revocation is refused as
    stale, so the sender sees the acceptance before deciding again."""
    cast = net.cast
    referral = net.send()
    referral_accept(actor=cast.partner_caseworker, referral=referral, expected_version=1)
    before = trail()
    with pytest.raises(StaleVersionError):
        referral_revoke(actor=cast.caseworker, referral=referral, expected_version=1)
    assert trail() == before and Referral.objects.get().status == "accepted"
    referral_revoke(actor=cast.caseworker, referral=referral, expected_version=2)
    assert Referral.objects.get().status == "revoked"


def test_declining_while_a_colleague_accepts(net):
    cast = net.cast
    referral = net.send()
    referral_accept(actor=cast.partner_caseworker, referral=referral, expected_version=1)
    before = trail()
    with pytest.raises(StaleVersionError):
        referral_decline(
            actor=cast.partner_supervisor, referral=referral, expected_version=1, reason="area"
        )
    assert trail() == before and Referral.objects.get().status == "accepted"


def test_completing_while_the_sender_revokes(net):
    cast = net.cast
    referral = net.accepted()
    referral_revoke(actor=cast.caseworker, referral=referral, expected_version=2)
    before = trail()
    with pytest.raises(StaleVersionError):
        referral_complete(actor=cast.partner_caseworker, referral=referral, expected_version=2)
    assert trail() == before and Referral.objects.get().status == "revoked"


def test_two_revocations_at_once(net):
    cast = net.cast
    referral = net.accepted()
    referral_revoke(actor=cast.caseworker, referral=referral, expected_version=2)
    before = trail()
    with pytest.raises(StaleVersionError):
        referral_revoke(actor=cast.supervisor, referral=referral, expected_version=2)
    assert trail() == before
    assert Referral.objects.get().ended_by == cast.caseworker


def test_a_withdrawal_makes_an_open_answer_stale(net):
    """The consent's withdrawal ended the referral under a partner who had it open."""
    from amparo.people.services import consent_withdraw

    cast = net.cast
    referral = net.send()
    consent_withdraw(
        actor=cast.caseworker, case=cast.case, consent_id=net.consent.pk, expected_version=1
    )
    before = trail()
    with pytest.raises(StaleVersionError):
        referral_accept(actor=cast.partner_caseworker, referral=referral, expected_version=1)
    assert trail() == before and Referral.objects.get().status == "revoked"


def test_the_api_answers_a_lost_race_with_409(net):
    cast = net.cast
    referral = net.send()
    first = api_client(cast.partner_supervisor)
    second = api_client(second_partner_supervisor(net))
    url = f"/api/v1/referrals/{referral.pk}/accept/"
    assert first.post(url, {"version": 1}, format="json").status_code == 200
    before = trail()
    lost = second.post(url, {"version": 1}, format="json")
    assert lost.status_code == 409 and lost.json()["current_version"] == 2
    assert lost["ETag"] == '"2"' and "Someone else changed" in lost.json()["detail"]
    assert trail() == before


def test_the_revoke_page_answers_a_lost_race_with_the_conflict(net, client):
    cast = net.cast
    referral = net.send()
    referral_accept(actor=cast.partner_caseworker, referral=referral, expected_version=1)
    client.force_login(cast.caseworker)
    before = trail()
    response = client.post(reverse("referral_revoke", args=[referral.pk]), {"version": 1})
    assert response.status_code == 422
    assert "Someone else changed this record" in response.content.decode()
    assert trail() == before and Referral.objects.get().status == "accepted"


def test_the_accept_page_writes_nothing_when_it_loses_the_race(net, client):
    cast = net.cast
    referral = net.send()
    referral_accept(actor=cast.partner_supervisor, referral=referral, expected_version=1)
    client.force_login(second_partner_supervisor(net))
    before = AuditEvent.objects.exclude(code="referral.viewed").count(), trail()[1]
    response = client.post(reverse("referral_accept", args=[referral.pk]), {"version": 1})
    assert response.status_code == 422
    # The page shows the (now accepted) shared file beside it, which logs that read only.
    assert (AuditEvent.objects.exclude(code="referral.viewed").count(), trail()[1]) == before
    assert Referral.objects.get().assigned_to == cast.partner_supervisor


def test_the_accept_page_says_why_it_lost_the_race(net, client):
    cast = net.cast
    referral = net.send()
    referral_accept(actor=cast.partner_supervisor, referral=referral, expected_version=1)
    client.force_login(second_partner_supervisor(net))
    response = client.post(reverse("referral_accept", args=[referral.pk]), {"version": 1})
    assert "Someone else changed this record" in response.content.decode()


def test_a_caseworker_who_lost_the_race_is_told_a_colleague_answered(net, client):
    """The winner now works the referral, so the loser may no longer open it: no 404."""
    cast = net.cast
    referral = net.send()
    loser = MembershipFactory(organisation=cast.refugio, role=Role.CASEWORKER).user
    referral_accept(actor=cast.partner_caseworker, referral=referral, expected_version=1)
    before = trail()
    client.force_login(loser)
    for action in ("referral_accept", "referral_decline"):
        response = client.post(reverse(action, args=[referral.pk]), {"version": 1}, follow=True)
        assert response.redirect_chain[-1][0] == reverse("referral_inbox")
        assert "A colleague answered this referral first." in response.content.decode()
    assert trail() == before
    # Nobody outside the receiving organisation learns anything from it.
    client.force_login(net.cast.third_caseworker)
    assert (
        client.post(reverse("referral_accept", args=[referral.pk]), {"version": 1}).status_code
        == 404
    )


# -- Transfers --------------------------------------------------------------------------------


def pending_transfer(net) -> Transfer:
    cast = net.cast
    share_consent(cast, cast.refugio, ALL_SECTIONS)
    return transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(cast.refugio.pk)
    )


def test_accepting_a_transfer_the_sender_cancelled(net):
    cast = net.cast
    transfer = pending_transfer(net)
    transfer_cancel(actor=cast.supervisor, transfer=transfer, expected_version=1)
    before = trail()
    with pytest.raises(StaleVersionError):
        transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)
    assert trail() == before
    assert Transfer.objects.get().status == "cancelled"
    assert cast.case.__class__.objects.get(pk=cast.case.pk).organisation == cast.lex


def test_cancelling_a_transfer_the_partner_accepted(net):
    cast = net.cast
    transfer = pending_transfer(net)
    transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)
    before = trail()
    with pytest.raises(StaleVersionError):
        transfer_cancel(actor=cast.supervisor, transfer=transfer, expected_version=1)
    assert trail() == before and Transfer.objects.get().status == "accepted"


def test_two_partner_supervisors_answering_a_transfer(net):
    cast = net.cast
    transfer = pending_transfer(net)
    transfer_accept(actor=cast.partner_supervisor, transfer=transfer, expected_version=1)
    before = trail()
    with pytest.raises(StaleVersionError):
        transfer_decline(
            actor=second_partner_supervisor(net),
            transfer=transfer,
            expected_version=1,
            note="No beds.",
        )
    assert trail() == before and Transfer.objects.get().status == "accepted"


def test_ending_an_agreement_twice(net):
    agreement_end(actor=net.cast.admin, agreement=net.agreement, expected_version=1)
    before = trail()
    with pytest.raises((StaleVersionError, ValidationError)):
        agreement_end(actor=net.cast.admin, agreement=net.agreement, expected_version=1)
    assert trail() == before

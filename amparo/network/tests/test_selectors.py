"""The side selectors: a referral or transfer the user may not act on is not found,
and nothing is logged as read."""

import pytest

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.exceptions import Denied, NotFound
from amparo.network import access, selectors
from amparo.network.inputs import TransferInput
from amparo.network.services.transfers import transfer_request
from amparo.network.tests.conftest import share_consent
from amparo.network.vocab import ALL_SECTIONS


def _opened() -> int:
    return AuditEvent.objects.filter(code=Code.REFERRAL_OPENED).count()


def test_received_referral_is_the_receivers_only(net):
    referral = net.send()
    cast = net.cast
    found = selectors.received_referral_get_for_user(
        user=cast.partner_caseworker, referral_id=referral.pk
    )
    assert found == referral and _opened() == 1
    with pytest.raises(NotFound):
        selectors.received_referral_get_for_user(user=cast.caseworker, referral_id=referral.pk)
    assert _opened() == 1  # the sender was not shown it here: no read is logged
    with pytest.raises(Denied):
        access.receiver_required(cast.caseworker, referral)


def test_sent_referral_is_the_senders_only(net):
    referral = net.send()
    cast = net.cast
    assert (
        selectors.sent_referral_get_for_user(
            user=cast.caseworker, referral_id=referral.pk, log_read=False
        )
        == referral
    )
    with pytest.raises(NotFound):
        selectors.sent_referral_get_for_user(user=cast.partner_caseworker, referral_id=referral.pk)
    with pytest.raises(Denied):
        access.sender_required(cast.partner_caseworker, referral)
    assert _opened() == 0
    assert selectors.referral_sides(user=cast.caseworker, referral=referral) == (True, False)
    assert selectors.referral_sides(user=cast.partner_caseworker, referral=referral) == (
        False,
        True,
    )


def test_a_transfer_is_decided_by_each_sides_supervisors(net):
    cast = net.cast
    share_consent(cast, cast.refugio, sorted(ALL_SECTIONS))
    transfer = transfer_request(
        actor=cast.supervisor, case=cast.case, data=TransferInput(to_org_id=cast.refugio.pk)
    )
    assert (
        selectors.transfer_get_to_decide(
            user=cast.partner_supervisor, transfer_id=transfer.pk, receiving=True
        )
        == transfer
    )
    with pytest.raises(NotFound):
        selectors.transfer_get_to_decide(
            user=cast.supervisor, transfer_id=transfer.pk, receiving=True
        )
    with pytest.raises(NotFound):
        selectors.transfer_get_to_decide(
            user=cast.partner_supervisor, transfer_id=transfer.pk, receiving=False
        )
    with pytest.raises(Denied):
        access.transfer_decider_required(cast.supervisor, transfer, receiving=True)
    sides = selectors.transfer_sides(user=cast.supervisor, transfer=transfer)
    assert sides == {"receiving": False, "sending": True, "may_decide": True, "owns_case": True}

"""Two sends of the same referral or transfer at the same instant (two threads on
PostgreSQL): the case's lock lets one through (for transfers the database also
refuses a second pending one); the loser writes nothing and notifies nobody."""

from django.core.exceptions import ValidationError

from amparo.cases.models import Case
from amparo.network import vocab
from amparo.network.inputs import ReferralInput, TransferInput
from amparo.network.models import Notification, Referral, Transfer
from amparo.network.services.referrals import referral_send
from amparo.network.services.transfers import transfer_request
from amparo.network.tests.conftest import CONSENTED, share_consent
from amparo.testing.races import at_once, one_wins, race

pytestmark = race


def test_one_referral_sent_twice_at_once(net):
    cast = net.cast
    data = ReferralInput(to_org_id=cast.refugio.pk, services=["psychosocial"], sections=CONSENTED)
    cases = [Case.objects.get(pk=cast.case.pk) for _ in range(2)]
    outcomes = at_once(
        *(
            lambda case=case: referral_send(actor=cast.caseworker, case=case, data=data)
            for case in cases
        )
    )
    winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.message_dict["to_org"] == [
        "This case already has an open referral to this organisation."
    ]
    assert Referral.objects.count() == 1
    # The partner's desk is told once per person, about the one referral.
    notes = list(Notification.objects.values_list("user_id", "referral_id"))
    assert notes and len(notes) == len(set(notes)) and {r for _u, r in notes} == {winner.pk}


def test_one_transfer_requested_twice_at_once(net):
    cast = net.cast
    share_consent(cast, cast.refugio, sorted(vocab.ALL_SECTIONS))
    cases = [Case.objects.get(pk=cast.case.pk) for _ in range(2)]
    outcomes = at_once(
        *(
            lambda case=case: transfer_request(
                actor=cast.supervisor, case=case, data=TransferInput(cast.refugio.pk)
            )
            for case in cases
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.message_dict["to_org"] == [
        "A transfer of this case is already waiting for an answer."
    ]
    assert Transfer.objects.filter(status="pending").count() == 1

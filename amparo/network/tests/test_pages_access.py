"""The network pages not in another matrix, against the whole standing cast and a
signed-out visitor: who gets the page (or whose post goes through), who gets 404
(a record they may not know of), who gets 403 (a page their role has no business with).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.urls import reverse

from amparo.network.tests.conftest import Net, pending_transfer
from amparo.testing.cast import MEMBERS, SIGNED_IN
from amparo.testing.matrix import covers

RECEIVERS = {"partner_supervisor", "partner_caseworker"}
AGGREGATES = {"supervisor", "analyst", "admin", "partner_supervisor", "third_supervisor"}


@dataclass(frozen=True)
class Page:
    name: str
    record: Callable[[Net], dict[str, int]]  # builds the record, returns the URL kwargs
    allowed: dict[str, int]  # cast name -> status; everyone else gets ``refused``
    refused: int
    method: str = "get"


def _none(net: Net) -> dict[str, int]:
    return {}


def _agreement(net: Net) -> dict[str, int]:
    return {"agreement_id": net.agreement.pk}


def _pending_referral(net: Net) -> dict[str, int]:
    return {"referral_id": net.send().pk}


def _accepted_referral(net: Net) -> dict[str, int]:
    return {"referral_id": net.accepted().pk}


def _pending_transfer(net: Net) -> dict[str, int]:
    return {"transfer_id": pending_transfer(net).pk}


PAGES = [
    Page("agreement_new", _none, {"admin": 200}, 403),
    Page("agreement_end", _agreement, {"admin": 200}, 404),
    Page("network_dashboard", _none, dict.fromkeys(AGGREGATES, 200), 403),
    Page("network_csv", _none, dict.fromkeys(AGGREGATES, 200), 403),
    Page("network_xlsx", _none, dict.fromkeys(AGGREGATES, 200), 403),
    Page("notifications_read", _none, dict.fromkeys(MEMBERS, 302), 403, "post"),
    # An empty post: the receiver is let in and asked for a reason (422).
    Page("referral_decline", _pending_referral, dict.fromkeys(RECEIVERS, 422), 404, "post"),
    Page("referral_complete", _accepted_referral, dict.fromkeys(RECEIVERS, 200), 404),
    Page("referral_service_add", _accepted_referral, dict.fromkeys(RECEIVERS, 200), 404),
    # A transfer's answer page is only its side's: the other side, who may open the
    # transfer itself, gets 404 here too. An empty decline is asked for a note (422).
    Page("transfer_accept", _pending_transfer, {"partner_supervisor": 200}, 404),
    Page("transfer_cancel", _pending_transfer, {"supervisor": 200}, 404),
    Page("transfer_decline", _pending_transfer, {"partner_supervisor": 422}, 404, "post"),
]


@pytest.mark.parametrize("page", [pytest.param(p, id=p.name, marks=covers(p.name)) for p in PAGES])
def test_every_cast_member_gets_the_right_answer(net, client, page):
    url = reverse(page.name, kwargs=page.record(net))
    answers = {}
    for name in SIGNED_IN:
        client.force_login(net.cast.user(name))
        answers[name] = getattr(client, page.method)(url).status_code
    expected = {name: page.allowed.get(name, page.refused) for name in SIGNED_IN}
    assert answers == expected
    client.logout()
    response = getattr(client, page.method)(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

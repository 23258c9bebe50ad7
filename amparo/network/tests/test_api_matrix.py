"""Every network endpoint not already in ``test_api_access`` against the whole cast: the
owning organisation, its partner, a third organisation, a user with no organisation and
a signed-out visitor. A refusal writes nothing.

As elsewhere in the API: a record the user may not open is 404; one they may open but
whose side or role may not do this is 403, said before the body is read; signed out is 401.
"""

import pytest

from amparo.aftercare.models import Service
from amparo.network.models import Notification, PartnerAgreement, Referral, Transfer
from amparo.network.tests.conftest import (
    CONSENTED,
    TODAY,
    WORK_REFERRALS,
    consent_to_the_whole_file,
    pending_transfer,
)
from amparo.testing.cast import EVERYONE, NO_MEMBERSHIP, OWNER, expect
from amparo.testing.matrix import covers


def send_body(net) -> dict:
    return {
        "case": net.cast.case.pk,
        "to_org": net.cast.refugio.pk,
        "services": ["psychosocial"],
        "sections": ["incidents"],
    }


# Referrals


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referrals POST")
def test_send(net, name):
    response = net.cast.client(name).post("/api/v1/referrals/", send_body(net), format="json")
    # Who works referrals but may not open Lex's case (the partner's and the third
    # organisation's members, Lex's unassigned staff) gets a field error.
    refusals = dict.fromkeys(WORK_REFERRALS, 400)
    expected = expect(name, {**refusals, "caseworker": 201, "supervisor": 201}, 403)
    assert response.status_code == expected, response.content
    if expected == 400:
        assert list(response.json()) == ["case"]
    assert Referral.objects.count() == (1 if expected == 201 else 0)
    assert Notification.objects.exists() == (expected == 201)


RECEIVING = {"partner_caseworker": 200, "partner_supervisor": 200}
SENDING_REFUSED = {"caseworker": 403, "supervisor": 403}


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-decline POST")
def test_decline(net, name):
    referral = net.send()
    body = {"version": 1, "reason": "capacity"}
    response = net.cast.client(name).post(
        f"/api/v1/referrals/{referral.pk}/decline/", body, format="json"
    )
    assert response.status_code == expect(name, {**RECEIVING, **SENDING_REFUSED})
    referral.refresh_from_db()
    assert referral.status == ("declined" if response.status_code == 200 else "pending")


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-complete POST")
def test_complete(net, name):
    referral = net.accepted()  # assigned to partner_caseworker
    response = net.cast.client(name).post(
        f"/api/v1/referrals/{referral.pk}/complete/", {"version": 2}, format="json"
    )
    assert response.status_code == expect(name, {**RECEIVING, **SENDING_REFUSED})
    referral.refresh_from_db()
    assert referral.status == ("completed" if response.status_code == 200 else "accepted")


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral GET")
def test_accepted_referral(net, name):
    referral = net.accepted()
    response = net.cast.client(name).get(f"/api/v1/referrals/{referral.pk}/")
    sending = {"caseworker": 200, "supervisor": 200}
    assert response.status_code == expect(name, {**RECEIVING, **sending})
    if response.status_code == 200:
        body = response.json()
        assert body["side"] == ("sent" if name in sending else "received")
        assert body["case"] == (net.cast.case.pk if name in sending else None)
        assert (body["partner_services"] is None) == (name in RECEIVING)


@pytest.mark.parametrize(
    ("action", "side"),
    [("accept", "sender"), ("decline", "sender"), ("complete", "sender"), ("revoke", "receiver")],
)
def test_the_wrong_side_is_refused_before_its_body_is_read(net, action, side):
    """Not 428 (send a version) nor 400 (fix these fields): the other side may not do this."""
    referral = net.accepted() if action in {"complete", "revoke"} else net.send()
    name = "caseworker" if side == "sender" else "partner_caseworker"
    response = net.cast.client(name).post(
        f"/api/v1/referrals/{referral.pk}/{action}/", {}, format="json"
    )
    assert response.status_code == 403 and list(response.json()) == ["detail"]


def test_a_sender_recording_a_partner_service_is_refused_before_its_body_is_read(net):
    referral = net.accepted()
    response = net.cast.client("caseworker").post(
        f"/api/v1/referrals/{referral.pk}/services/", {"status": "bogus"}, format="json"
    )
    assert response.status_code == 403
    assert not Service.objects.filter(provider=net.cast.refugio).exists()


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-colleagues GET")
def test_colleagues(net, name):
    response = net.cast.client(name).get("/api/v1/referrals/colleagues/")
    assert response.status_code == expect(name, dict.fromkeys(WORK_REFERRALS, 200), 403)
    if response.status_code == 200:
        names = {row["name"] for row in response.json()["results"]}
        colleagues = {
            "owner": {
                "Alicia Caseworker",
                "Otto Caseworker",
                "Lara Lawyer",
                "Connie Counsellor",
                "Sam Supervisor",
            },
            "partner": {"Bob Partner", "Bea Partner"},
            "third": {"Tess Third", "Theo Third"},
        }
        side = "owner" if name in OWNER else name.split("_")[0]
        assert names == colleagues[side]


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-case-referral-partners GET")
def test_referral_partners_of_the_case(net, name):
    response = net.cast.client(name).get(f"/api/v1/cases/{net.cast.case.pk}/referral-partners/")
    may_refer = {"caseworker": 200, "supervisor": 200}
    # Others who work referrals may not open the case; the rest may not refer at all.
    not_theirs = dict.fromkeys(WORK_REFERRALS, 404)
    assert response.status_code == expect(name, {**not_theirs, **may_refer}, 403)
    if response.status_code == 200:
        assert response.json()["results"] == [
            {
                "id": net.cast.refugio.pk,
                "name": "Refugio Test Aftercare",
                "kind": "aftercare",
                "consented_sections": CONSENTED,
            }
        ]


# What the case file shows


MAY_OPEN_CASE = {"caseworker": 200, "supervisor": 200, "admin": 200}


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-case-referrals GET")
def test_referrals_of_the_case(net, name):
    referral = net.send()
    response = net.cast.client(name).get(f"/api/v1/cases/{net.cast.case.pk}/referrals/")
    assert response.status_code == expect(name, MAY_OPEN_CASE)
    if response.status_code == 200:
        (row,) = response.json()["results"]
        assert row["reference"] == referral.reference and row["to_org"] == net.cast.refugio.pk
        assert row["sent_by_name"] == "Alicia Caseworker" and row["status"] == "pending"


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-case-transfers GET")
def test_transfers_of_the_case(net, name):
    transfer = pending_transfer(net)
    response = net.cast.client(name).get(f"/api/v1/cases/{net.cast.case.pk}/transfers/")
    assert response.status_code == expect(name, MAY_OPEN_CASE)
    if response.status_code == 200:
        (row,) = response.json()["results"]
        assert row["reference"] == transfer.reference and row["status"] == "pending"


# Agreements


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-agreements POST")
def test_agreement_record(net, name):
    body = {
        "partner": net.cast.tercera.pk,
        "approved_by": "Fictional Board",
        "effective_from": TODAY,
    }
    response = net.cast.client(name).post("/api/v1/agreements/", body, format="json")
    assert response.status_code == expect(name, {"admin": 201}, 403)
    assert PartnerAgreement.objects.count() == (2 if response.status_code == 201 else 1)


def test_a_non_admin_recording_an_agreement_is_refused_before_its_body_is_read(net):
    response = net.cast.client("supervisor").post("/api/v1/agreements/", {}, format="json")
    assert response.status_code == 403


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-agreement-partners GET")
def test_agreement_partners(net, name):
    response = net.cast.client(name).get("/api/v1/agreements/partners/")
    assert response.status_code == expect(name, {"admin": 200}, 403)
    if response.status_code == 200:
        names = [row["name"] for row in response.json()["results"]]
        assert names == ["Refugio Test Aftercare", "Tercera Test Institute"]


# Transfers


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-transfers POST")
def test_transfer_request(net, name):
    consent_to_the_whole_file(net)
    body = {"case": net.cast.case.pk, "to_org": net.cast.refugio.pk}
    response = net.cast.client(name).post("/api/v1/transfers/", body, format="json")
    # Supervisors elsewhere may not open the case: a field error, as for a referral.
    refusals = {"partner_supervisor": 400, "third_supervisor": 400}
    assert response.status_code == expect(name, {"supervisor": 201, **refusals}, 403)
    assert Transfer.objects.count() == (1 if response.status_code == 201 else 0)


SUPERVISORS_OF_EITHER_SIDE = {
    "supervisor": 200,
    "admin": 200,
    "partner_supervisor": 200,
}


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-transfer GET")
def test_transfer_detail(net, name):
    transfer = pending_transfer(net)
    response = net.cast.client(name).get(f"/api/v1/transfers/{transfer.pk}/")
    assert response.status_code == expect(name, SUPERVISORS_OF_EITHER_SIDE)


# Who opens the transfer but may not decide this: the other side, and an admin (no edits).
@pytest.mark.parametrize(
    ("action", "body", "decides", "then"),
    [
        pytest.param(
            "accept", {}, "partner_supervisor", "accepted", marks=covers("api-transfer-accept POST")
        ),
        pytest.param(
            "decline",
            {"note": "No place for now."},
            "partner_supervisor",
            "declined",
            marks=covers("api-transfer-decline POST"),
        ),
        pytest.param(
            "cancel", {}, "supervisor", "cancelled", marks=covers("api-transfer-cancel POST")
        ),
    ],
)
@pytest.mark.parametrize("name", EVERYONE)
def test_transfer_answers(net, name, action, body, decides, then):
    transfer = pending_transfer(net)
    response = net.cast.client(name).post(
        f"/api/v1/transfers/{transfer.pk}/{action}/", {"version": 1, **body}, format="json"
    )
    refused = {n: 403 for n in SUPERVISORS_OF_EITHER_SIDE}
    assert response.status_code == expect(name, {**refused, decides: 200})
    transfer.refresh_from_db()
    assert transfer.status == (then if name == decides else "pending")


@pytest.mark.parametrize(
    ("name", "action"),
    [("supervisor", "accept"), ("supervisor", "decline"), ("admin", "cancel")],
)
def test_a_transfer_side_that_may_not_is_refused_before_its_body_is_read(net, name, action):
    transfer = pending_transfer(net)
    response = net.cast.client(name).post(
        f"/api/v1/transfers/{transfer.pk}/{action}/", {}, format="json"
    )
    assert response.status_code == 403


# Notifications and indicators


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-notifications-read POST")
def test_notifications_read(net, name):
    net.send()  # notifies Refugio's supervisor
    response = net.cast.client(name).post("/api/v1/notifications/read/", {}, format="json")
    # Without an organisation, 403 as on the page.
    assert response.status_code == expect(name, dict.fromkeys(NO_MEMBERSHIP, 403), 200)
    if response.status_code == 200:
        assert response.json() == {"marked": 1 if name == "partner_supervisor" else 0}
    read = Notification.objects.get().read_at is not None
    assert read == (name == "partner_supervisor")


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-network-indicators GET")
def test_indicators(net, name):
    response = net.cast.client(name).get("/api/v1/network/indicators/")
    see_aggregates = {
        "supervisor": 200,
        "admin": 200,
        "analyst": 200,
        "partner_supervisor": 200,
        "third_supervisor": 200,
    }
    assert response.status_code == expect(name, see_aggregates, 403)

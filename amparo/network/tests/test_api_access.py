"""Every network endpoint against the standing cast, the third organisation and anonymous.

Rules, as for the rest of the API: a record the user may not open is 404;
one they may open but whose side or role may not do this is 403; a list a
role has no business with is 403; signed out is 401.
"""

import pytest

from amparo.network.models import Referral
from amparo.network.services.agreements import agreement_end
from amparo.network.services.referrals import referral_revoke
from amparo.network.tests.conftest import TODAY, WORK_REFERRALS
from amparo.people.services import consent_withdraw
from amparo.testing.api import api_client
from amparo.testing.cast import EVERYONE, MEMBERS, NO_MEMBERSHIP, expect
from amparo.testing.matrix import covers

# The network's own who-may, on top of the standing cast.
SENDERS = {"caseworker", "supervisor"}  # may open Lex's case and work referrals
RECEIVERS = {"partner_supervisor", "partner_caseworker"}


def url(referral: Referral, action: str = "") -> str:
    return f"/api/v1/referrals/{referral.pk}/{action}"


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referrals GET")
def test_referral_list(net, name):
    net.send()
    response = net.cast.client(name).get("/api/v1/referrals/", {"box": "received"})
    expected = 200 if name in WORK_REFERRALS else expect(name, {}, 403)
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["count"] == (1 if name in RECEIVERS else 0)
    sent = net.cast.client(name).get("/api/v1/referrals/", {"box": "sent"})
    if sent.status_code == 200:
        assert sent.json()["count"] == (1 if name in SENDERS else 0)


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral GET", "api-referral-shared GET")
def test_pending_referral_and_its_shared_file(net, name):
    referral = net.send()
    expected = 200 if name in SENDERS | RECEIVERS else expect(name, {})
    response = net.cast.client(name).get(url(referral))
    assert response.status_code == expected
    shared = net.cast.client(name).get(url(referral, "shared/"))
    assert shared.status_code == (200 if name in RECEIVERS else expect(name, {}))
    if name in RECEIVERS:
        body = response.json()
        assert body["side"] == "received"
        # Pending: what is needed to decide, nothing that names the survivor or the case.
        assert body["survivor"]["pseudonym"] is None and body["survivor"]["sex"] == "female"
        assert body["case"] is None and body["case_code"] is None and body["message"] is None
        assert "Mariposa" not in response.content.decode()
        assert shared.json() == {
            "referral": referral.pk,
            "reference": referral.reference,
            "live": False,
            "sections": [],
        }
    elif name in SENDERS:
        body = response.json()
        assert body["side"] == "sent" and body["case"] == net.cast.case.pk
        assert body["survivor"]["pseudonym"] == net.cast.case.survivor.pseudonym


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-shared GET")
def test_accepted_referral_is_worked_by_its_assignee_and_supervisors(net, name):
    referral = net.accepted()  # by partner_caseworker
    response = net.cast.client(name).get(url(referral, "shared/"))
    assert response.status_code == (200 if name in RECEIVERS else expect(name, {}))
    if name in RECEIVERS:
        body = response.json()
        assert body["live"] is True and body["sections"] == [
            "assessments",
            "care_plan",
            "incidents",
        ]


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-accept POST")
def test_accept(net, name):
    referral = net.send()
    response = net.cast.client(name).post(url(referral, "accept/"), {"version": 1}, format="json")
    if name in RECEIVERS:
        assert response.status_code == 200
    else:
        # The sender may open the referral but not answer it.
        assert response.status_code == (403 if name in SENDERS else expect(name, {}))
        referral.refresh_from_db()
        assert referral.status == "pending"


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-revoke POST")
def test_revoke(net, name):
    referral = net.accepted()
    response = net.cast.client(name).post(url(referral, "revoke/"), {"version": 2}, format="json")
    if name in SENDERS:
        assert response.status_code == 200 and response.json()["status"] == "revoked"
    else:
        receiver = name in {"partner_supervisor", "partner_caseworker"}
        assert response.status_code == (403 if receiver else expect(name, {}))


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-referral-services POST")
def test_partner_service(net, name):
    referral = net.accepted()
    body = {"service_type": "psychosocial", "status": "provided", "started_on": TODAY}
    response = net.cast.client(name).post(url(referral, "services/"), body, format="json")
    if name in RECEIVERS:
        assert response.status_code == 201
        assert response.json()["provider"] == net.cast.refugio.pk
    else:
        assert response.status_code == (403 if name in SENDERS else expect(name, {}))


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-agreements GET", "api-agreement-end POST")
def test_agreements(net, name):
    response = net.cast.client(name).get("/api/v1/agreements/")
    assert response.status_code == (200 if name in MEMBERS else expect(name, {}, 403))
    if response.status_code == 200:
        lex_referrers = {"caseworker", "other_caseworker", "lawyer", "counsellor", "supervisor"}
        expected = 1 if name in lex_referrers | {"admin"} else 0
        assert response.json()["count"] == expected
    end = net.cast.client(name).post(
        f"/api/v1/agreements/{net.agreement.pk}/end/", {"version": 1}, format="json"
    )
    if name == "admin":
        assert end.status_code == 200 and end.json()["is_current"] is False
    elif name in {"caseworker", "other_caseworker", "lawyer", "counsellor", "supervisor"}:
        assert end.status_code == 403
    elif name in NO_MEMBERSHIP:
        assert end.status_code == 403  # no organisation at all, as for the list
    else:
        assert end.status_code == expect(name, {})


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-transfers GET")
def test_transfers_are_for_supervisors(net, name):
    response = net.cast.client(name).get("/api/v1/transfers/")
    supervisors = {"supervisor", "admin", "partner_supervisor", "third_supervisor"}
    assert response.status_code == (200 if name in supervisors else expect(name, {}, 403))


@pytest.mark.parametrize("name", EVERYONE)
@covers("api-notifications GET")
def test_notifications_are_ones_own(net, name):
    net.send()
    response = net.cast.client(name).get("/api/v1/notifications/")
    # A member's own notifications; without an organisation, 403 as on the page.
    assert response.status_code == expect(name, dict.fromkeys(NO_MEMBERSHIP, 403), 200)
    if response.status_code == 200:
        assert response.json()["count"] == (1 if name == "partner_supervisor" else 0)


def test_access_ends_on_revocation_consent_withdrawal_and_agreement_end(net):
    cast = net.cast
    partner = api_client(cast.partner_caseworker)

    def shared(referral: Referral) -> dict:
        response = partner.get(url(referral, "shared/"))
        assert response.status_code == 200
        return response.json()

    referral = net.accepted()
    assert shared(referral)["live"] is True
    referral_revoke(actor=cast.caseworker, referral=referral, expected_version=referral.version)
    assert shared(referral) == {
        "referral": referral.pk,
        "reference": referral.reference,
        "live": False,
        "sections": [],
    }
    # Once it has ended the partner no longer reads the survivor's pseudonym either.
    assert partner.get(url(referral)).json()["survivor"]["pseudonym"] is None

    second = net.accepted()
    assert shared(second)["live"] is True
    agreement_end(actor=cast.admin, agreement=net.agreement, expected_version=1)
    assert shared(second)["live"] is False and shared(second)["sections"] == []


def test_consent_withdrawal_ends_the_shared_file(net):
    referral = net.accepted()
    partner = api_client(net.cast.partner_supervisor)
    assert partner.get(url(referral, "shared/")).json()["live"] is True
    consent_withdraw(
        actor=net.cast.caseworker,
        case=net.cast.case,
        consent_id=net.consent.pk,
        expected_version=net.consent.version,
    )
    body = partner.get(url(referral, "shared/")).json()
    assert body["live"] is False and body["sections"] == [] and "profile" not in body
    detail = partner.get(url(referral)).json()
    assert detail["status"] == "revoked" and detail["end_reason"] == "consent"

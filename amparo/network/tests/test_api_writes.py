"""Network writes over the API: a stale version is 409, a missing one 428, bad input 400
with a message per field; none of them writes anything."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from amparo.aftercare.models import Service
from amparo.core.models import VersionedModel
from amparo.network.models import Notification, PartnerAgreement, Referral, Transfer
from amparo.network.tests.conftest import TODAY, consent_to_the_whole_file, pending_transfer


def snapshot(obj: VersionedModel) -> tuple:
    """What a refused write must leave as it was: the record and everything around it."""
    obj.refresh_from_db()
    return (
        obj.version,
        getattr(obj, "status", None),
        getattr(obj, "ended_at", None),
        Referral.objects.count(),
        Transfer.objects.count(),
        PartnerAgreement.objects.count(),
        Notification.objects.count(),
        Service.objects.count(),
    )


@dataclass
class Write:
    path: str
    actor: str
    body: dict
    make: Callable  # the record to write, made from the network cast


VERSIONED = {
    "referral_accept": Write("referrals/{}/accept/", "partner_caseworker", {}, lambda n: n.send()),
    "referral_decline": Write(
        "referrals/{}/decline/", "partner_supervisor", {"reason": "capacity"}, lambda n: n.send()
    ),
    "referral_revoke": Write("referrals/{}/revoke/", "caseworker", {}, lambda n: n.send()),
    "referral_complete": Write(
        "referrals/{}/complete/", "partner_caseworker", {}, lambda n: n.accepted()
    ),
    "agreement_end": Write("agreements/{}/end/", "admin", {}, lambda n: n.agreement),
    "transfer_accept": Write("transfers/{}/accept/", "partner_supervisor", {}, pending_transfer),
    "transfer_decline": Write(
        "transfers/{}/decline/", "partner_supervisor", {"note": "No place."}, pending_transfer
    ),
    "transfer_cancel": Write("transfers/{}/cancel/", "supervisor", {}, pending_transfer),
}


@pytest.mark.parametrize("write", VERSIONED.values(), ids=VERSIONED.keys())
def test_versions(net, write):
    record = write.make(net)
    current = record.version
    path = "/api/v1/" + write.path.format(record.pk)
    client = net.cast.client(write.actor)
    before = snapshot(record)

    missing = client.post(path, write.body, format="json")
    assert missing.status_code == 428 and "version" in missing.json()["detail"]
    assert snapshot(record) == before

    stale = client.post(path, {**write.body, "version": current - 1}, format="json")
    assert stale.status_code == 409, stale.content
    assert stale.json()["current_version"] == current and stale["ETag"] == f'"{current}"'
    assert snapshot(record) == before

    header = client.post(path, write.body, format="json", HTTP_IF_MATCH=f'"{current - 1}"')
    assert header.status_code == 409 and snapshot(record) == before

    disagree = client.post(
        path, {**write.body, "version": current}, format="json", HTTP_IF_MATCH=f'"{current - 1}"'
    )
    assert disagree.status_code == 400 and list(disagree.json()) == ["version"]
    assert snapshot(record) == before

    done = client.post(path, write.body, format="json", HTTP_IF_MATCH=f'"{current}"')
    assert done.status_code == 200, done.content
    assert done.json()["version"] == current + 1 and done["ETag"] == f'"{current + 1}"'

    # The version just used is now the stale one.
    again = client.post(path, {**write.body, "version": current}, format="json")
    assert again.status_code in (400, 409)


def _refused(client, path: str, body: dict, record, fields: set[str]) -> dict:
    before = snapshot(record)
    response = client.post(path, body, format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    assert set(errors) == fields, errors
    assert all(isinstance(m, str) and m for messages in errors.values() for m in messages)
    assert snapshot(record) == before
    return errors


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({}, {"partner", "approved_by", "effective_from"}),
        ({"partner": "Refugio"}, {"partner"}),
        ({"partner": 10**17}, {"partner"}),
        ({"effective_from": "yesterday"}, {"effective_from"}),
        ({"approved_by": "  "}, {"approved_by"}),
        ({"effective_until": "2000-01-01"}, {"effective_until"}),
    ],
)
def test_agreement_record_bad_input(net, body, fields):
    valid = {"partner": net.cast.tercera.pk, "approved_by": "Board", "effective_from": TODAY}
    full = {**valid, **body} if body else {}
    _refused(net.cast.client("admin"), "/api/v1/agreements/", full, net.agreement, fields)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"reason": "bored"}, {"reason"}),
        ({}, {"reason"}),
        ({"reason": "other"}, {"note"}),
        ({"reason": "other", "note": "x" * 4001}, {"note"}),
    ],
)
def test_referral_decline_bad_input(net, body, fields):
    referral = net.send()
    path = f"/api/v1/referrals/{referral.pk}/decline/"
    client = net.cast.client("partner_supervisor")
    _refused(client, path, {"version": 1, **body}, referral, fields)


def test_referral_accept_assigned_to_someone_elsewhere(net):
    referral = net.send()
    client = net.cast.client("partner_supervisor")
    path = f"/api/v1/referrals/{referral.pk}/accept/"
    for someone in (net.cast.caseworker.pk, net.cast.outsider.pk, "Bea"):
        _refused(client, path, {"version": 1, "assigned_to": someone}, referral, {"assigned_to"})


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"services": ["medical"], "sections": ["incidents"], "message": "x" * 4001},
         {"message"}),
        ({"services": "medical"}, {"services"}),
        ({"services": ["medical"], "sections": ["identity"]}, {"sections"}),
        ({"services": ["medical"], "urgency": "whenever"}, {"urgency"}),
        ({"services": ["medical"], "case": "LEX-1"}, {"case"}),
    ],
)  # fmt: skip
def test_referral_send_bad_input(net, body, fields):
    full = {"case": net.cast.case.pk, "to_org": net.cast.refugio.pk, **body}
    client = net.cast.client("caseworker")
    _refused(client, "/api/v1/referrals/", full, net.agreement, fields)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"service_type": "astrology"}, {"service_type"}),
        ({"status": "maybe"}, {"status"}),
        ({"started_on": "soon"}, {"started_on"}),
        ({"started_on": None}, {"started_on"}),
    ],
)
def test_partner_service_bad_input(net, body, fields):
    referral = net.accepted()
    full = {"service_type": "medical", "status": "provided", "started_on": TODAY, **body}
    path = f"/api/v1/referrals/{referral.pk}/services/"
    _refused(net.cast.client("partner_caseworker"), path, full, referral, fields)


@pytest.mark.parametrize(
    ("body", "fields"),
    [({"note": "   "}, {"note"}), ({}, {"note"}), ({"note": "x" * 4001}, {"note"})],
)
def test_transfer_decline_bad_input(net, body, fields):
    transfer = pending_transfer(net)
    path = f"/api/v1/transfers/{transfer.pk}/decline/"
    _refused(net.cast.client("partner_supervisor"), path, {"version": 1, **body}, transfer, fields)


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"keep_sections": ["diary"]}, {"keep_sections"}),
        ({"keep_sections": "notes"}, {"keep_sections"}),
        ({"to_org": None}, {"to_org"}),
    ],
)
def test_transfer_request_bad_input(net, body, fields):
    consent_to_the_whole_file(net)
    full = {"case": net.cast.case.pk, "to_org": net.cast.refugio.pk, **body}
    client = net.cast.client("supervisor")
    _refused(client, "/api/v1/transfers/", full, net.agreement, fields)


@pytest.mark.parametrize("ids", ["all", [0], ["one"], [None]])
def test_notifications_read_bad_input(net, ids):
    net.send()
    client = net.cast.client("partner_supervisor")
    response = client.post("/api/v1/notifications/read/", {"ids": ids}, format="json")
    assert response.status_code == 400
    assert all(key.startswith("ids") for key in response.json()), response.json()
    assert Notification.objects.get().read_at is None


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"box": "archive"}, "box"),
        ({"status": "lost"}, "status"),
        ({"urgency": "later"}, "urgency"),
    ],
)
def test_referral_list_bad_filters(net, params, field):
    response = net.cast.client("partner_supervisor").get("/api/v1/referrals/", params)
    assert response.status_code == 400 and list(response.json()) == [field]


@pytest.mark.parametrize(
    ("params", "field"),
    [({"start": "2024-13-01"}, "start"), ({"start": "2024-05-01", "end": "2024-01-01"}, "end")],
)
def test_indicator_bad_filters(net, params, field):
    response = net.cast.client("analyst").get("/api/v1/network/indicators/", params)
    assert response.status_code == 400 and list(response.json()) == [field]

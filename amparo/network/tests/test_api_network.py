"""The network API: what each side reads, bad input refused per field, versions, tokens."""

import datetime

import pytest
from django.utils import timezone

from amparo.accounts.services import token_issue
from amparo.aftercare.models import Service
from amparo.cases.models import Case
from amparo.network.models import Notification, PartnerAgreement, Referral, Transfer
from amparo.network.services.referrals import referral_revoke
from amparo.network.tests.conftest import CONSENTED, share_consent
from amparo.network.vocab import ALL_SECTIONS
from amparo.people.models import ConsentGrant
from amparo.testing.api import api_client

TODAY = timezone.localdate().isoformat()


def send_body(net, **overrides: object) -> dict:
    body = {
        "case": net.cast.case.pk,
        "to_org": net.cast.refugio.pk,
        "services": ["psychosocial", "medical"],
        "sections": ["incidents", "assessments"],
        "urgency": "urgent",
        "message": "Fictional referral message.",
    }
    body.update(overrides)
    return body


def test_send_then_accept_then_read_the_shared_file(net):
    cast = net.cast
    response = api_client(cast.caseworker).post("/api/v1/referrals/", send_body(net), format="json")
    assert response.status_code == 201, response.content
    sent = response.json()
    assert sent["side"] == "sent" and sent["status"] == "pending" and sent["version"] == 1
    assert sent["sections"] == ["assessments", "incidents"] and response["ETag"] == '"1"'

    partner = api_client(cast.partner_supervisor)
    inbox = partner.get("/api/v1/referrals/").json()
    assert inbox["count"] == 1
    row = inbox["results"][0]
    assert row["survivor"]["pseudonym"] is None and row["message"] is None
    assert row["services"] == ["medical", "psychosocial"] and row["from_org"] == cast.lex.pk

    accept = partner.post(
        f"/api/v1/referrals/{sent['id']}/accept/",
        {"version": 1, "assigned_to": cast.partner_caseworker.pk},
        format="json",
    )
    assert accept.status_code == 200, accept.content
    accepted = accept.json()
    assert accepted["status"] == "accepted"
    assert accepted["assigned_to"] == cast.partner_caseworker.pk
    assert accepted["survivor"]["pseudonym"] == "Mariposa Azul"
    # The message is read with the shared file, where the read is audited.
    assert accepted["message"] is None
    assert accepted["case"] is None  # the sender's case stays the sender's

    shared = api_client(cast.partner_caseworker).get(f"/api/v1/referrals/{sent['id']}/shared/")
    body = shared.json()
    assert body["live"] is True and body["sections"] == ["assessments", "incidents"]
    assert body["profile"]["pseudonym"] == "Mariposa Azul"
    assert set(body["profile"]) == {"pseudonym", "sex", "age_band", "nationality", "languages"}
    assert body["narrative"] == "Fictional narrative for tests."
    assert body["message"] == "Fictional referral message."
    assert len(body["incidents"]) == 1 and body["assessments"] == []
    # Only the sections shared are present: never identity, legal status or notes.
    for absent in ("identity", "legal_cases", "care_plans", "notes"):
        assert absent not in body
    assert "Testa" not in shared.content.decode()


def test_identity_and_legal_sections_when_consented(net):
    share_consent(net.cast, net.cast.refugio, ["identity", "legal", "notes"])
    referral = net.accepted(sections=["identity", "legal", "notes"])
    body = (
        api_client(net.cast.partner_caseworker)
        .get(f"/api/v1/referrals/{referral.pk}/shared/")
        .json()
    )
    assert body["sections"] == ["identity", "legal", "notes"]
    assert body["identity"]["given_names"] == "Testa Ficticia"
    assert body["legal_cases"] == [] and body["notes"] == []
    assert "incidents" not in body and "narrative" not in body


def test_send_needs_an_agreement(net):
    share_consent(net.cast, net.cast.tercera, ["incidents"])
    response = api_client(net.cast.caseworker).post(
        "/api/v1/referrals/",
        send_body(net, to_org=net.cast.tercera.pk, sections=["incidents"]),
        format="json",
    )
    assert response.status_code == 400
    assert "agreement" in " ".join(response.json()["to_org"])
    assert not Referral.objects.exists()


def test_send_needs_consent_covering_each_section(net):
    client = api_client(net.cast.caseworker)
    response = client.post(
        "/api/v1/referrals/", send_body(net, sections=["incidents", "identity"]), format="json"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["sections"]
    assert "Identity" in response.json()["sections"][0]
    ConsentGrant.objects.filter(pk=net.consent.pk).update(withdrawn_at=timezone.now())
    response = client.post("/api/v1/referrals/", send_body(net), format="json")
    assert response.status_code == 400
    assert "no current consent" in " ".join(response.json()["to_org"])
    assert not Referral.objects.exists() and not Notification.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"services": []}, "services"),
        ({"services": ["astrology"]}, "services"),
        ({"sections": ["diary"]}, "sections"),
        ({"urgency": "whenever"}, "urgency"),
        ({"to_org": 10**17}, "to_org"),
        ({"case": 10**17}, "case"),
    ],
)
def test_send_refuses_bad_input_per_field(net, overrides, field):
    response = api_client(net.cast.caseworker).post(
        "/api/v1/referrals/", send_body(net, **overrides), format="json"
    )
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert not Referral.objects.exists()


@pytest.mark.parametrize("name", ["other_caseworker", "partner_caseworker", "counsellor"])
def test_send_from_a_case_one_may_not_open_is_a_field_error(net, name):
    response = api_client(getattr(net.cast, name)).post(
        "/api/v1/referrals/", send_body(net), format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["case"]
    assert not Referral.objects.exists()


def test_accepting_a_referral_revoked_meanwhile_is_a_field_error(net):
    referral = net.send()
    revoked = referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=1)
    # The supervisor still opens it (it was received); accepting now is refused per field.
    response = api_client(net.cast.partner_supervisor).post(
        f"/api/v1/referrals/{referral.pk}/accept/", {"version": revoked.version}, format="json"
    )
    assert response.status_code == 400
    assert "only a pending referral" in response.json()["status"][0]


def test_decline_needs_a_reason_and_a_note_for_other(net):
    referral = net.send()
    client = api_client(net.cast.partner_supervisor)
    path = f"/api/v1/referrals/{referral.pk}/decline/"
    response = client.post(path, {"version": 1, "reason": "other"}, format="json")
    assert response.status_code == 400 and "note" in response.json()
    response = client.post(path, {"version": 1, "reason": "capacity"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "declined"
    sender = api_client(net.cast.caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert sender["decline_reason"] == "capacity"


def test_stale_or_missing_version(net):
    referral = net.send()
    client = api_client(net.cast.partner_supervisor)
    path = f"/api/v1/referrals/{referral.pk}/accept/"
    assert client.post(path, {}, format="json").status_code == 428
    stale = client.post(path, {"version": 0}, format="json")
    assert stale.status_code == 409 and stale["ETag"] == '"1"'
    assert client.post(path, {}, format="json", HTTP_IF_MATCH='"1"').status_code == 200
    assert client.post(path, {"version": 1}, format="json").status_code == 409
    revoke = api_client(net.cast.caseworker).post(
        f"/api/v1/referrals/{referral.pk}/revoke/", {"version": 1}, format="json"
    )
    assert revoke.status_code == 409
    referral.refresh_from_db()
    assert referral.status == "accepted"


def test_complete_ends_access(net):
    referral = net.accepted()
    client = api_client(net.cast.partner_caseworker)
    response = client.post(
        f"/api/v1/referrals/{referral.pk}/complete/", {"version": 2}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "completed"
    assert client.get(f"/api/v1/referrals/{referral.pk}/shared/").json()["live"] is False


def test_partner_service_after_access_ended_writes_nothing(net):
    referral = net.accepted()
    referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=2)
    body = {"service_type": "medical", "status": "provided", "started_on": TODAY}
    response = api_client(net.cast.partner_caseworker).post(
        f"/api/v1/referrals/{referral.pk}/services/", body, format="json"
    )
    assert response.status_code == 400 and list(response.json()) == ["referral"]
    assert not Service.objects.filter(provider=net.cast.refugio).exists()


def test_partner_service_is_seen_by_the_sender(net):
    referral = net.accepted()
    body = {"service_type": "medical", "status": "provided", "started_on": TODAY}
    partner = api_client(net.cast.partner_caseworker)
    bad = partner.post(
        f"/api/v1/referrals/{referral.pk}/services/", {**body, "status": "x"}, format="json"
    )
    assert bad.status_code == 400 and "status" in bad.json()
    assert (
        partner.post(f"/api/v1/referrals/{referral.pk}/services/", body, format="json").status_code
        == 201
    )
    sender = api_client(net.cast.caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert [s["service_type"] for s in sender["partner_services"]] == ["medical"]
    shared = partner.get(f"/api/v1/referrals/{referral.pk}/shared/").json()
    assert [s["provider"] for s in shared["services"]] == [net.cast.refugio.pk]


def test_token_auth_works_for_the_partner(net):
    referral = net.send()
    _token, secret = token_issue(user=net.cast.partner_supervisor, name="integration")
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert client.get("/api/v1/referrals/").json()["count"] == 1
    response = client.post(
        f"/api/v1/referrals/{referral.pk}/accept/", {"version": 1}, format="json"
    )
    assert response.status_code == 200


def test_list_filters(net):
    net.send(urgency="emergency")
    client = api_client(net.cast.partner_supervisor)
    assert client.get("/api/v1/referrals/", {"urgency": "emergency"}).json()["count"] == 1
    assert client.get("/api/v1/referrals/", {"urgency": "routine"}).json()["count"] == 0
    assert client.get("/api/v1/referrals/", {"status": "accepted"}).json()["count"] == 0
    bad = client.get("/api/v1/referrals/", {"box": "archive"})
    assert bad.status_code == 400 and "box" in bad.json()


def test_agreement_record_and_end(net):
    admin = api_client(net.cast.admin)
    body = {
        "partner": net.cast.tercera.pk,
        "approved_by": "Fictional Board",
        "effective_from": TODAY,
    }
    response = admin.post("/api/v1/agreements/", body, format="json")
    assert response.status_code == 201 and response.json()["is_current"] is True
    agreement_id = response.json()["id"]
    refused = admin.post("/api/v1/agreements/", {**body, "partner": net.cast.lex.pk}, format="json")
    assert refused.status_code == 400 and list(refused.json()) == ["partner"]
    assert (
        api_client(net.cast.supervisor).post("/api/v1/agreements/", body, format="json").status_code
        == 403
    )
    end = f"/api/v1/agreements/{agreement_id}/end/"
    assert admin.post(end, {"version": 0}, format="json").status_code == 409
    assert admin.post(end, {"version": 1}, format="json").status_code == 200
    again = admin.post(end, {"version": 2}, format="json")
    assert again.status_code == 400 and "agreement" in again.json()
    assert PartnerAgreement.objects.count() == 2


def test_transfer_needs_consent_to_the_whole_file_then_moves_the_case(net):
    cast = net.cast
    lex = api_client(cast.supervisor)
    body = {"case": cast.case.pk, "to_org": cast.refugio.pk, "message": "Moving.",
            "keep_sections": ["care_plan"]}  # fmt: skip
    response = lex.post("/api/v1/transfers/", body, format="json")
    assert response.status_code == 400 and "to_org" in response.json()
    assert not Transfer.objects.exists()
    assert (
        api_client(cast.caseworker).post("/api/v1/transfers/", body, format="json").status_code
        == 403
    )
    share_consent(cast, cast.refugio, sorted(ALL_SECTIONS - set(CONSENTED)))
    response = lex.post("/api/v1/transfers/", body, format="json")
    assert response.status_code == 201, response.content
    transfer = response.json()
    assert transfer["previous_code"] == cast.case.code and transfer["status"] == "pending"

    path = f"/api/v1/transfers/{transfer['id']}/"
    partner = api_client(cast.partner_supervisor)
    assert partner.get("/api/v1/transfers/").json()["count"] == 1
    assert api_client(net.cast.third_supervisor).get(path).status_code == 404
    assert lex.post(path + "accept/", {"version": 1}, format="json").status_code == 403
    assert partner.post(path + "cancel/", {"version": 1}, format="json").status_code == 403
    declined = partner.post(path + "decline/", {"version": 1, "note": ""}, format="json")
    assert declined.status_code == 400 and "note" in declined.json()
    assert partner.post(path + "accept/", {"version": 0}, format="json").status_code == 409
    accepted = partner.post(path + "accept/", {"version": 1}, format="json")
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted"
    assert Case.objects.get(pk=cast.case.pk).organisation == cast.refugio


def test_transfer_cancel(net):
    cast = net.cast
    share_consent(cast, cast.refugio, sorted(ALL_SECTIONS))
    lex = api_client(cast.supervisor)
    body = {"case": cast.case.pk, "to_org": cast.refugio.pk}
    transfer = lex.post("/api/v1/transfers/", body, format="json").json()
    response = lex.post(
        f"/api/v1/transfers/{transfer['id']}/cancel/", {"version": 1}, format="json"
    )
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert lex.get(f"/api/v1/transfers/{transfer['id']}/").json()["status"] == "cancelled"


def test_notifications_list_and_mark_read(net):
    referral = net.send()
    client = api_client(net.cast.partner_supervisor)
    body = client.get("/api/v1/notifications/").json()
    assert body["count"] == 1
    note = body["results"][0]
    assert note["kind"] == "referral.received" and note["reference"] == referral.reference
    assert note["label"] and note["link"].endswith(f"/{referral.pk}/") and note["read_at"] is None
    assert "Mariposa" not in str(body)
    other = api_client(net.cast.caseworker)
    marked = other.post("/api/v1/notifications/read/", {"ids": [note["id"]]}, format="json")
    assert marked.json() == {"marked": 0}  # someone else's notification
    marked = client.post("/api/v1/notifications/read/", {"ids": [note["id"]]}, format="json")
    assert marked.json() == {"marked": 1}
    assert client.post("/api/v1/notifications/read/", {}, format="json").json() == {"marked": 0}
    assert Notification.objects.get().read_at is not None


def test_share_consent_through_the_api_names_sections(net):
    path = f"/api/v1/cases/{net.cast.case.pk}/consents/"
    client = api_client(net.cast.caseworker)
    body = {"scope": "share", "given_by": "survivor", "given_on": TODAY,
            "recipient": net.cast.tercera.pk}  # fmt: skip
    response = client.post(path, body, format="json")
    assert response.status_code == 400 and list(response.json()) == ["sections"]
    response = client.post(path, {**body, "sections": ["legal", "nonsense"]}, format="json")
    assert response.status_code == 400 and "nonsense" in response.json()["sections"][0]
    response = client.post(path, {**body, "sections": ["legal", "notes"]}, format="json")
    assert response.status_code == 201 and response.json()["sections"] == ["legal", "notes"]
    services = client.post(
        path, {**body, "scope": "services", "recipient": None, "sections": ["legal"]}, format="json"
    )
    assert services.status_code == 400 and "sections" in services.json()


def test_the_network_api_is_in_the_openapi_schema(net):
    schema = api_client(net.cast.caseworker).get("/api/schema/", {"format": "json"}).json()
    paths = schema["paths"]
    for path in (
        "/api/v1/agreements/",
        "/api/v1/agreements/{agreement_id}/end/",
        "/api/v1/referrals/",
        "/api/v1/referrals/{referral_id}/",
        "/api/v1/referrals/{referral_id}/accept/",
        "/api/v1/referrals/{referral_id}/decline/",
        "/api/v1/referrals/{referral_id}/revoke/",
        "/api/v1/referrals/{referral_id}/complete/",
        "/api/v1/referrals/{referral_id}/shared/",
        "/api/v1/referrals/{referral_id}/services/",
        "/api/v1/transfers/",
        "/api/v1/transfers/{transfer_id}/",
        "/api/v1/transfers/{transfer_id}/accept/",
        "/api/v1/transfers/{transfer_id}/decline/",
        "/api/v1/transfers/{transfer_id}/cancel/",
        "/api/v1/notifications/",
        "/api/v1/notifications/read/",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/referrals/"]) == {"get", "post"}
    assert "409" in paths["/api/v1/referrals/{referral_id}/accept/"]["post"]["responses"]
    components = schema["components"]["schemas"]
    assert "SharedFile" in components and "ReferralSendInput" in components
    assert "sections" in components["ConsentInput"]["properties"]


def test_an_expired_consent_hides_the_pseudonym_from_the_receivers_api(net):
    """Expiry leaves the referral accepted; what it showed the receiver ends all the same."""
    referral = net.accepted()
    partner = api_client(net.cast.partner_caseworker)
    assert partner.get("/api/v1/referrals/").json()["results"][0]["survivor"]["pseudonym"]
    ConsentGrant.objects.filter(pk=net.consent.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    row = partner.get("/api/v1/referrals/").json()["results"][0]
    detail = partner.get(f"/api/v1/referrals/{referral.pk}/").json()
    for body in (row, detail):
        assert body["status"] == "accepted" and body["survivor"]["pseudonym"] is None
    shared = partner.get(f"/api/v1/referrals/{referral.pk}/shared/").json()
    assert shared["live"] is False and "message" not in shared

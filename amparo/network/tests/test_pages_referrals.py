"""The referral pages against the cast: inbox, sending, the referral, partner services."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.models import Service
from amparo.network.models import Referral
from amparo.network.services.agreements import agreement_end
from amparo.network.tests.conftest import CONSENTED
from amparo.people.models import ConsentGrant
from amparo.people.services import consent_withdraw
from amparo.testing.matrix import covers

TODAY = timezone.localdate()
PSEUDONYM = "Mariposa Azul"
NARRATIVE = "Fictional narrative for tests."


def detail(referral: Referral) -> str:
    return reverse("referral_detail", args=[referral.pk])


def statuses(client, url: str, people: dict) -> dict[str, int]:
    answers = {}
    for name, user in people.items():
        client.force_login(user)
        answers[name] = client.get(url).status_code
    return answers


# Inbox


@covers("referral_inbox")
def test_inbox_is_for_people_who_work_referrals(net, client):
    url = reverse("referral_inbox")
    answers = statuses(client, url, net.cast.everyone())
    allowed = {n for n, s in answers.items() if s == 200}
    assert allowed == {
        "caseworker",
        "other_caseworker",
        "lawyer",
        "counsellor",
        "supervisor",
        "partner_supervisor",
        "partner_caseworker",
        "third_supervisor",
        "third_caseworker",
    }
    refused = {answers[n] for n in ("analyst", "admin", "inactive", "outsider")}
    assert refused == {403}
    client.logout()
    assert client.get(url)["Location"].startswith(reverse("account_login"))


def test_pending_received_referral_shows_no_pseudonym(net, client):
    referral = net.send()
    client.force_login(net.cast.partner_caseworker)
    body = client.get(reverse("referral_inbox")).content.decode()
    assert referral.reference in body and "Lex Test Legal Aid" in body
    assert "Psychosocial" in body or "psychosocial" in body.lower()
    assert PSEUDONYM not in body
    # The sender's box shows it with the pseudonym.
    client.force_login(net.cast.caseworker)
    body = client.get(reverse("referral_inbox") + "?box=sent").content.decode()
    assert referral.reference in body and PSEUDONYM in body
    assert referral.reference not in client.get(reverse("referral_inbox")).content.decode()
    # A third organisation sees nothing.
    client.force_login(net.cast.third_supervisor)
    body = client.get(reverse("referral_inbox")).content.decode()
    assert referral.reference not in body and "No referrals received." in body


def test_inbox_filters_by_status_and_urgency(net, client):
    referral = net.send(urgency="emergency")
    client.force_login(net.cast.partner_supervisor)
    inbox = reverse("referral_inbox")
    assert referral.reference in client.get(inbox + "?urgency=emergency").content.decode()
    body = client.get(inbox + "?urgency=routine").content.decode()
    assert referral.reference not in body and "No referral matches these filters." in body
    assert referral.reference not in client.get(inbox + "?status=accepted").content.decode()


def _inbox_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("referral_inbox")).status_code == 200
    return len(ctx.captured_queries)


def test_inbox_runs_a_constant_number_of_queries(net, client):
    first = net.send()
    one = _inbox_queries(client, net.cast.partner_supervisor)
    for _i in range(9):
        Referral.objects.create(
            case=first.case,
            from_org=first.from_org,
            to_org=first.to_org,
            services=["medical"],
            sections=["incidents"],
            sent_by=first.sent_by,
            status="declined",
        )
    assert _inbox_queries(client, net.cast.partner_supervisor) == one


# Sending


def send_data(**overrides: object) -> dict[str, object]:
    return {
        "to_org": "",
        "services": ["psychosocial", "shelter"],
        "sections": ["incidents", "care_plan"],
        "urgency": "urgent",
        "message": "Fictional: needs a safe place this week.",
        **overrides,
    }


@covers("referral_send")
def test_send_page_is_for_the_case_team(net, client):
    url = reverse("referral_send", args=[net.cast.case.pk])
    answers = statuses(client, url, net.cast.everyone())
    assert {n for n, s in answers.items() if s == 200} == {"caseworker", "supervisor"}
    assert answers["admin"] == 404 and answers["partner_supervisor"] == 404
    client.force_login(net.cast.caseworker)
    body = client.get(url).content.decode()
    # Beside the form: what the consent to share with each partner covers.
    assert "Refugio Test Aftercare" in body and "Restoration assessments" in body


def test_send_page_without_an_agreement_says_an_admin_records_one(net, client):
    agreement_end(actor=net.cast.admin, agreement=net.agreement, expected_version=1)
    client.force_login(net.cast.caseworker)
    body = client.get(reverse("referral_send", args=[net.cast.case.pk])).content.decode()
    assert "An organisation admin must record an agreement first" in body
    assert reverse("agreement_list") in body


def test_sending_asks_for_confirmation_then_sends(net, client):
    cast = net.cast
    client.force_login(cast.caseworker)
    url = reverse("referral_send", args=[cast.case.pk])
    data = send_data(to_org=cast.refugio.pk)
    confirm = client.post(url, data)
    body = confirm.content.decode()
    assert confirm.status_code == 200 and "Yes, send the referral" in body
    assert "Intake summary and incidents" in body and not Referral.objects.exists()
    response = client.post(url, {**data, "confirmed": "yes"})
    assert response["Location"] == reverse("case_file", args=[cast.case.pk])
    referral = Referral.objects.get()
    assert referral.sections == ["care_plan", "incidents"] and referral.urgency == "urgent"
    file = client.get(response["Location"]).content.decode()
    assert "Referrals and transfers" in file and referral.reference in file


def test_sending_shows_the_service_errors_and_writes_nothing(net, client):
    cast = net.cast
    client.force_login(cast.caseworker)
    url = reverse("referral_send", args=[cast.case.pk])
    # Sections the consent does not cover: named on the form.
    data = send_data(to_org=cast.refugio.pk, sections=["identity", "incidents"], confirmed="yes")
    response = client.post(url, data)
    assert response.status_code == 422
    errors = " ".join(response.context["form"]["sections"].errors)
    assert "does not cover" in errors and "Identity" in errors
    # No service chosen, no organisation.
    response = client.post(url, send_data(services=[], confirmed="yes"))
    assert response.status_code == 422 and response.context["form"]["to_org"].errors
    # A third organisation is not a partner: not even a choice.
    response = client.post(url, send_data(to_org=net.cast.tercera.pk, confirmed="yes"))
    assert response.status_code == 422 and response.context["form"]["to_org"].errors
    assert not Referral.objects.exists()


# The referral


@covers("referral_detail")
def test_pending_referral_detail_for_the_cast(net, client):
    referral = net.send()
    answers = statuses(client, detail(referral), net.cast.everyone())
    assert {n for n, s in answers.items() if s == 200} == {
        "caseworker",
        "supervisor",
        "partner_supervisor",
        "partner_caseworker",
    }
    client.logout()
    assert client.get(detail(referral))["Location"].startswith(reverse("account_login"))
    client.force_login(net.cast.partner_caseworker)
    body = client.get(detail(referral)).content.decode()
    # Pending: services, urgency, sections offered, sender, sex and age band; nothing else.
    assert "Lex Test Legal Aid" in body and "Accept" in body and "Decline" in body
    assert "Restoration assessments" in body
    assert PSEUDONYM not in body and NARRATIVE not in body
    assert "Fictional referral message." not in body


def test_accepted_referral_shows_the_shared_sections_only(net, client):
    referral = net.accepted()
    answers = statuses(client, detail(referral), net.cast.everyone())
    assert {n for n, s in answers.items() if s == 200} == {
        "caseworker",
        "supervisor",
        "partner_supervisor",
        "partner_caseworker",
    }
    client.force_login(net.cast.partner_caseworker)
    body = client.get(detail(referral)).content.decode()
    assert PSEUDONYM in body and NARRATIVE in body and "Fictional referral message." in body
    # Identity and notes were not shared.
    assert "Testa Ficticia" not in body and "Case notes" not in body


def test_full_flow_send_accept_record_a_service(net, client):
    cast = net.cast
    client.force_login(cast.caseworker)
    url = reverse("referral_send", args=[cast.case.pk])
    client.post(url, send_data(to_org=cast.refugio.pk, confirmed="yes"))
    referral = Referral.objects.get()

    client.force_login(cast.partner_supervisor)
    assert "Referrals (1)" in client.get(reverse("referral_inbox")).content.decode()
    response = client.post(
        reverse("referral_accept", args=[referral.pk]),
        {"version": referral.version, "assigned_to": cast.partner_caseworker.pk},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "accepted" and referral.assigned_to == cast.partner_caseworker

    client.force_login(cast.partner_caseworker)
    add = reverse("referral_service_add", args=[referral.pk])
    assert client.get(add).status_code == 200
    bad = client.post(add, {"service_type": "shelter", "status": "provided", "started_on": ""})
    assert bad.status_code == 422 and not Service.objects.exists()
    response = client.post(
        add,
        {"service_type": "shelter", "status": "provided", "started_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.provider == cast.refugio

    client.force_login(cast.caseworker)
    file = client.get(reverse("case_file", args=[cast.case.pk])).content.decode()
    assert "Refugio Test Aftercare" in file and "Accepted" in file
    body = client.get(detail(referral)).content.decode()
    assert "Services recorded by Refugio Test Aftercare" in body and "Shelter" in body


def test_decline_needs_a_reason_and_a_stale_page_is_refused(net, client):
    referral = net.send()
    client.force_login(net.cast.partner_supervisor)
    url = reverse("referral_decline", args=[referral.pk])
    response = client.post(url, {"version": referral.version, "reason": "other", "note": ""})
    assert response.status_code == 422 and response.context["decline_form"]["note"].errors
    response = client.post(url, {"version": referral.version + 1, "reason": "capacity"})
    assert response.status_code == 422 and "someone else" in response.content.decode().lower()
    referral.refresh_from_db()
    assert referral.status == "pending"
    response = client.post(url, {"version": referral.version, "reason": "capacity"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "declined"
    client.force_login(net.cast.caseworker)
    assert "No capacity" in client.get(detail(referral)).content.decode()


@covers("referral_accept", "referral_revoke")
def test_only_the_receiver_answers_and_only_the_sender_revokes(net, client):
    referral = net.send()
    accept = reverse("referral_accept", args=[referral.pk])
    for user in (net.cast.caseworker, net.cast.third_supervisor, net.cast.analyst):
        client.force_login(user)
        assert client.post(accept, {"version": referral.version}).status_code == 404
    client.force_login(net.cast.partner_supervisor)
    assert client.get(reverse("referral_revoke", args=[referral.pk])).status_code == 404
    assert client.get(accept).status_code == 405
    referral.refresh_from_db()
    assert referral.status == "pending"


def _access_ended(client, net, referral) -> str:
    client.force_login(net.cast.partner_caseworker)
    response = client.get(detail(referral))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Access has ended" in body
    assert PSEUDONYM not in body and NARRATIVE not in body
    assert "Fictional referral message." not in body
    return body


def test_revoking_via_the_page_ends_the_partners_access(net, client):
    referral = net.accepted()
    client.force_login(net.cast.caseworker)
    url = reverse("referral_revoke", args=[referral.pk])
    page = client.get(url)
    assert "Yes, revoke the referral" in page.content.decode()
    response = client.post(url, {"version": referral.version, "note": "Fictional reason"})
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.status == "revoked"
    _access_ended(client, net, referral)
    # The partner can no longer record services.
    add = reverse("referral_service_add", args=[referral.pk])
    response = client.post(
        add, {"service_type": "shelter", "status": "provided", "started_on": TODAY.isoformat()}
    )
    assert response.status_code == 422 and not Service.objects.exists()


def test_consent_withdrawal_ends_the_partners_access(net, client):
    referral = net.accepted()
    consent_withdraw(
        actor=net.cast.caseworker,
        case=net.cast.case,
        consent_id=net.consent.pk,
        expected_version=net.consent.version,
    )
    _access_ended(client, net, referral)


def test_an_expired_consent_hides_the_survivor_in_the_partners_inbox(net, client):
    """Expiry leaves the referral accepted; its access, and so the pseudonym, end anyway."""
    referral = net.accepted()
    client.force_login(net.cast.partner_caseworker)
    assert PSEUDONYM in client.get(reverse("referral_inbox")).content.decode()
    ConsentGrant.objects.filter(pk=net.consent.pk).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )
    body = client.get(reverse("referral_inbox")).content.decode()
    assert referral.reference in body and PSEUDONYM not in body
    _access_ended(client, net, referral)


def test_completing_via_the_page(net, client):
    referral = net.accepted()
    client.force_login(net.cast.partner_caseworker)
    url = reverse("referral_complete", args=[referral.pk])
    assert "Yes, mark it completed" in client.get(url).content.decode()
    assert client.post(url, {"version": referral.version}).status_code == 302
    referral.refresh_from_db()
    assert referral.status == "completed"
    _access_ended(client, net, referral)


def test_case_file_queries_stay_constant_with_referrals(net, client):
    client.force_login(net.cast.caseworker)
    url = reverse("case_file", args=[net.cast.case.pk])
    client.get(url)  # the first opening adds it to the recent cases (a session write)
    with CaptureQueriesContext(connection) as ctx:
        client.get(url)
    before = len(ctx.captured_queries)
    net.send(sections=CONSENTED)
    Referral.objects.create(
        case=net.cast.case,
        from_org=net.cast.lex,
        to_org=net.cast.refugio,
        services=["medical"],
        sent_by=net.cast.caseworker,
        status="declined",
        sent_at=timezone.now() - datetime.timedelta(days=1),
    )
    with CaptureQueriesContext(connection) as ctx:
        body = client.get(url).content.decode()
    assert len(ctx.captured_queries) == before
    assert "Refer to a partner…" in body


def test_send_page_queries_stay_constant_with_partners(net, client):
    from amparo.network.tests.test_api_lists import add_partners

    client.force_login(net.cast.caseworker)
    url = reverse("referral_send", args=[net.cast.case.pk])
    client.get(url)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx.captured_queries)

    few = queries()
    add_partners(net, 6)
    body = client.get(url).content.decode()
    assert body.count("Fictional Partner") >= 6
    assert queries() == few

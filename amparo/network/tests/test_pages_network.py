"""Transfer, agreement and notification pages against the cast."""

import datetime

from django.urls import reverse
from django.utils import timezone

from amparo.cases.models import Case
from amparo.network.models import Notification, PartnerAgreement, Transfer
from amparo.network.tests.conftest import share_consent
from amparo.network.vocab import ALL_SECTIONS
from amparo.testing.matrix import covers

TODAY = timezone.localdate()


def statuses(client, url: str, people: dict) -> dict[str, int]:
    answers = {}
    for name, user in people.items():
        client.force_login(user)
        answers[name] = client.get(url).status_code
    return answers


# Transfers


def _request(client, net) -> Transfer:
    share_consent(net.cast, net.cast.refugio, sorted(ALL_SECTIONS))
    client.force_login(net.cast.supervisor)
    url = reverse("transfer_request", args=[net.cast.case.pk])
    data = {"to_org": net.cast.refugio.pk, "message": "Fictional", "keep_sections": ["legal"]}
    confirm = client.post(url, data)
    assert "Yes, propose the transfer" in confirm.content.decode()
    assert not Transfer.objects.exists()
    response = client.post(url, {**data, "confirmed": "yes"})
    transfer = Transfer.objects.get()
    assert response["Location"] == reverse("transfer_detail", args=[transfer.pk])
    return transfer


@covers("transfer_request")
def test_transfer_request_is_for_supervisors(net, client):
    url = reverse("transfer_request", args=[net.cast.case.pk])
    answers = statuses(client, url, net.cast.everyone())
    assert {n for n, s in answers.items() if s == 200} == {"supervisor"}
    assert answers["admin"] == 403  # may open the file, may not change it
    assert answers["caseworker"] == 404 and answers["partner_supervisor"] == 404


def test_transfer_needs_consent_for_the_whole_file(net, client):
    client.force_login(net.cast.supervisor)
    url = reverse("transfer_request", args=[net.cast.case.pk])
    response = client.post(url, {"to_org": net.cast.refugio.pk, "confirmed": "yes"})
    assert response.status_code == 422 and response.context["form"]["to_org"].errors
    assert not Transfer.objects.exists()


@covers("transfer_detail")
def test_transfer_flow_accept_shows_both_codes(net, client):
    transfer = _request(client, net)
    url = reverse("transfer_detail", args=[transfer.pk])
    answers = statuses(client, url, net.cast.everyone())
    assert {n for n, s in answers.items() if s == 200} == {
        "supervisor",
        "admin",
        "partner_supervisor",
    }
    client.force_login(net.cast.partner_supervisor)
    body = client.get(url).content.decode()
    assert "Accept…" in body and transfer.previous_code in body
    accept = reverse("transfer_accept", args=[transfer.pk])
    assert "Yes, accept the case" in client.get(accept).content.decode()
    client.force_login(net.cast.supervisor)
    assert client.get(accept).status_code == 404  # the sender cannot accept
    client.force_login(net.cast.partner_supervisor)
    assert client.post(accept, {"version": transfer.version})["Location"] == url
    transfer.refresh_from_db()
    case = Case.objects.get(pk=net.cast.case.pk)
    assert transfer.status == "accepted" and case.organisation == net.cast.refugio
    body = client.get(url).content.decode()
    assert transfer.previous_code in body and transfer.new_code in body


def test_transfer_decline_needs_a_note_and_sender_may_cancel(net, client):
    transfer = _request(client, net)
    client.force_login(net.cast.partner_supervisor)
    decline = reverse("transfer_decline", args=[transfer.pk])
    response = client.post(decline, {"version": transfer.version, "note": ""})
    assert response.status_code == 422 and response.context["decline_form"]["note"].errors
    transfer.refresh_from_db()
    assert transfer.status == "pending"
    client.force_login(net.cast.supervisor)
    cancel = reverse("transfer_cancel", args=[transfer.pk])
    assert client.post(cancel, {"version": transfer.version}).status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == "cancelled"


# Agreements


@covers("agreement_list")
def test_agreement_list_for_admins_and_people_who_refer(net, client):
    url = reverse("agreement_list")
    answers = statuses(client, url, net.cast.everyone())
    assert answers["admin"] == answers["caseworker"] == answers["partner_caseworker"] == 200
    assert answers["analyst"] == answers["inactive"] == answers["outsider"] == 403
    client.force_login(net.cast.caseworker)
    body = client.get(url).content.decode()
    assert "Refugio Test Aftercare" in body and "ISA-TEST-1" in body
    assert "Record an agreement" not in body
    # The partner's list holds its own agreements only: none.
    client.force_login(net.cast.partner_caseworker)
    assert "ISA-TEST-1" not in client.get(url).content.decode()


def test_admin_records_and_ends_an_agreement(net, client):
    new = reverse("agreement_new")
    client.force_login(net.cast.supervisor)
    assert client.get(new).status_code == 403
    client.force_login(net.cast.admin)
    assert client.get(new).status_code == 200
    data = {
        "partner": net.cast.tercera.pk,
        "approved_by": "Fictional Board",
        "effective_from": TODAY.isoformat(),
        "effective_until": (TODAY - datetime.timedelta(days=1)).isoformat(),
    }
    response = client.post(new, data)
    assert response.status_code == 422 and response.context["form"]["effective_until"].errors
    assert PartnerAgreement.objects.count() == 1
    data["effective_until"] = ""
    assert client.post(new, data)["Location"] == reverse("agreement_list")
    agreement = PartnerAgreement.objects.get(partner=net.cast.tercera)

    end = reverse("agreement_end", args=[agreement.pk])
    client.force_login(net.cast.caseworker)
    assert client.get(end).status_code == 404
    client.force_login(net.cast.admin)
    assert "Yes, end the agreement" in client.get(end).content.decode()
    assert client.post(end, {"version": agreement.version + 1}).status_code == 422
    assert client.post(end, {"version": agreement.version}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.ended_at is not None


# Notifications


@covers("notification_list")
def test_notifications_list_and_header_counts(net, client):
    referral = net.send()
    client.force_login(net.cast.partner_supervisor)
    response = client.get(reverse("notification_list"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "New referral received" in body and referral.reference in body
    assert "Mariposa" not in body
    assert 'Notifications <span class="count">1</span>' in body and "Referrals (1)" in body
    note = Notification.objects.get(user=net.cast.partner_supervisor)
    client.post(reverse("notifications_read"), {"id": note.pk})
    note.refresh_from_db()
    assert note.read_at is not None
    assert (
        'Notifications <span class="count">'
        not in client.get(reverse("notification_list")).content.decode()
    )
    # Nobody else reads it.
    client.force_login(net.cast.third_supervisor)
    assert referral.reference not in client.get(reverse("notification_list")).content.decode()
    client.force_login(net.cast.outsider)
    assert client.get(reverse("notification_list")).status_code == 403
    client.logout()
    assert client.get(reverse("notification_list"))["Location"].startswith(reverse("account_login"))


def test_mark_all_read(net, client):
    net.accepted()
    client.force_login(net.cast.caseworker)
    assert Notification.objects.filter(user=net.cast.caseworker, read_at__isnull=True).exists()
    assert client.get(reverse("notifications_read")).status_code == 405
    client.post(reverse("notifications_read"))
    assert not Notification.objects.filter(user=net.cast.caseworker, read_at__isnull=True).exists()

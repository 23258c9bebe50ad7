"""The receiver triages a pending referral from its urgency, services and the sender's
note for triage — never from the message or anything else of the file."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.network.models import Referral
from amparo.network.services.referrals import MAX_TRIAGE_LENGTH
from amparo.testing.api import api_client

TRIAGE = "Needs a shelter bed within two days; speaks Spanish."


def test_the_receiver_reads_the_note_for_triage_before_accepting(net, client):
    referral = net.send(triage_note=TRIAGE, urgency="urgent")
    client.force_login(net.cast.partner_caseworker)
    body = client.get(reverse("referral_detail", args=[referral.pk])).content.decode()
    assert TRIAGE in body and "Note for triage" in body
    assert "Fictional referral message." not in body
    assert net.cast.case.survivor.pseudonym not in body and net.cast.case.code not in body
    # Its read is audited against the case, like every read of the referral.
    assert AuditEvent.objects.filter(
        code=Code.REFERRAL_OPENED, actor=net.cast.partner_caseworker, case=net.cast.case
    ).exists()
    detail = api_client(net.cast.partner_caseworker).get(f"/api/v1/referrals/{referral.pk}/").json()
    assert detail["triage_note"] == TRIAGE and detail["urgency"] == "urgent"
    assert detail["message"] is None
    # A list carries no free text at all.
    listed = api_client(net.cast.partner_caseworker).get("/api/v1/referrals/").json()
    assert TRIAGE not in str(listed)


def test_the_sender_writes_it_in_the_form_and_the_api(net, client):
    client.force_login(net.cast.caseworker)
    page = client.get(reverse("referral_send", args=[net.cast.case.pk])).content.decode()
    assert 'name="triage_note"' in page and "No names, places" in page
    answer = api_client(net.cast.caseworker).post(
        "/api/v1/referrals/",
        {
            "case": net.cast.case.pk,
            "to_org": net.cast.refugio.pk,
            "services": ["shelter"],
            "triage_note": TRIAGE,
        },
        format="json",
    )
    assert answer.status_code == 201, answer.content
    assert Referral.objects.get(pk=answer.json()["id"]).triage_note == TRIAGE


def test_a_note_too_long_is_refused_and_nothing_is_sent(net):
    with pytest.raises(ValidationError) as exc:
        net.send(triage_note="x" * (MAX_TRIAGE_LENGTH + 1))
    assert "triage_note" in exc.value.message_dict
    assert not Referral.objects.exists()

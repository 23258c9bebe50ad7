"""The access matrix over HTTP: for each section of the file, the sender, the
receiver before and after acceptance, after revocation and after consent
withdrawal, a third organisation, an outsider and a signed-out visitor get
exactly what they should — in the pages and in the API alike.
"""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from amparo.cases.services import note_add
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court
from amparo.justice.services import legal_case_open
from amparo.network.services.referrals import referral_accept, referral_revoke
from amparo.network.tests.conftest import share_consent
from amparo.people.services import consent_withdraw
from amparo.testing.api import api_client
from amparo.testing.cast import EVERYONE, MAY_OPEN_CASE
from amparo.testing.matrix import covers

STATES = ["pending", "accepted", "revoked", "consent_withdrawn"]
SENT = ["identity", "incidents", "legal"]
# What each shared section looks like on the page: its heading and a value from it.
PAGE_MARKS = {
    "identity": ('id="identity-h"', "Testa Ficticia"),
    "incidents": ('id="incidents-h"', "Fictional narrative for tests."),
    "legal": ('id="legal-h"', "Escuintla bar case"),
    "assessments": ('id="assessments-h"', None),
    "care_plan": ('id="plans-h"', None),
    "notes": ('id="notes-h"', "Fictional matrix note."),
}
RECEIVERS = {"partner_caseworker", "partner_supervisor"}
SENDERS = {"caseworker", "supervisor"}


@pytest.fixture
def world(net):
    """Every section has something in it; the survivor consented to share all but notes."""
    legal_case_open(
        actor=net.cast.supervisor,
        data=LegalCaseInput(
            title="Escuintla bar case",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
            reference="EXP-TEST-0001",
            complaint_on=timezone.localdate() - datetime.timedelta(days=400),
            victim_case_ids=[net.cast.case.pk],
        ),
    )
    note_add(actor=net.cast.caseworker, case=net.cast.case, body="Fictional matrix note.")
    share_consent(net.cast, net.cast.refugio, ["identity", "legal"])
    return net


def referral_in(net, state: str):
    referral = net.send(sections=SENT)
    if state != "pending":
        referral = referral_accept(
            actor=net.cast.partner_caseworker, referral=referral, expected_version=1
        )
    if state == "revoked":
        referral_revoke(actor=net.cast.caseworker, referral=referral, expected_version=2)
    if state == "consent_withdrawn":
        # The other consent (identity, legal) stays: but no longer covers incidents.
        consent_withdraw(
            actor=net.cast.caseworker,
            case=net.cast.case,
            consent_id=net.consent.pk,
            expected_version=net.consent.version,
        )
    referral.refresh_from_db()
    return referral


def people(net):
    return {name: net.cast.user(name) for name in EVERYONE}


def expected_sections(name: str, state: str) -> set[str]:
    return set(SENT) if name in RECEIVERS and state == "accepted" else set()


@pytest.mark.parametrize("state", STATES)
@covers("referral_detail")
def test_referral_page_matrix(world, client, state):
    referral = referral_in(world, state)
    url = reverse("referral_detail", args=[referral.pk])
    for name, user in people(world).items():
        client.logout()
        if user is not None:
            client.force_login(user)
        response = client.get(url)
        if user is None:
            assert response.status_code == 302, name
            continue
        if name not in RECEIVERS | SENDERS:
            assert response.status_code == 404, (name, state)
            continue
        assert response.status_code == 200, (name, state)
        body = response.content.decode()
        expected = expected_sections(name, state)
        for section, (heading, value) in PAGE_MARKS.items():
            shown = section in expected
            assert (heading in body) == shown, (name, state, section)
            if value is not None and name in RECEIVERS:
                assert (value in body) == shown, (name, state, section, value)
        if name in RECEIVERS and state != "pending":
            # The pseudonym is part of every accepted referral; pending ones hide it.
            assert ("Mariposa Azul" in body) == (state == "accepted"), (name, state)
        if name in RECEIVERS and state == "pending":
            assert "Mariposa Azul" not in body


@pytest.mark.parametrize("state", STATES)
@covers("case_file")
def test_case_file_stays_with_its_owner(world, client, state):
    """Whatever the referral's state, the partner never opens the case file itself."""
    referral_in(world, state)
    url = reverse("case_file", args=[world.cast.case.pk])
    for name, user in people(world).items():
        if user is None or name in MAY_OPEN_CASE:
            continue
        client.force_login(user)
        assert client.get(url).status_code == 404, (name, state)


# The key each section adds to the API's shared file, and a value from it.
API_KEYS = {
    "identity": ("identity", "Testa Ficticia"),
    "incidents": ("incidents", "Fictional narrative for tests."),
    "legal": ("legal_cases", "Escuintla bar case"),
    "assessments": ("assessments", None),
    "care_plan": ("care_plans", None),
    "notes": ("notes", "Fictional matrix note."),
}


@pytest.mark.parametrize("state", STATES)
@covers("api-referral GET", "api-referral-shared GET")
def test_api_matrix(world, state):
    referral = referral_in(world, state)
    detail = reverse("api-referral", args=[referral.pk])
    shared = reverse("api-referral-shared", args=[referral.pk])
    for name, user in people(world).items():
        client = api_client(user)
        if user is None:
            assert client.get(detail).status_code in (401, 403), name
            assert client.get(shared).status_code in (401, 403), name
            continue
        if name not in RECEIVERS | SENDERS:
            assert client.get(detail).status_code in (403, 404), (name, state)
            assert client.get(shared).status_code in (403, 404), (name, state)
            continue
        assert client.get(detail).status_code == 200, (name, state)
        response = client.get(shared)
        if name in SENDERS:
            assert response.status_code == 404, (name, state)  # the sender reads its own case
            continue
        assert response.status_code == 200, (name, state)
        data = response.json()
        expected = expected_sections(name, state)
        assert set(data["sections"]) == expected, (name, state)
        text = json.dumps(data, ensure_ascii=False)
        for section, (key, value) in API_KEYS.items():
            assert (key in data) == (section in expected), (name, state, section)
            if value is not None:
                assert (value in text) == (section in expected), (name, state, section)
        assert ("Mariposa Azul" in text) == (state == "accepted"), (name, state)

"""The access matrix at the selector level: for each state of a referral and
each person, exactly which sections of the file can be read.

Pages and API go through these same selectors; their own matrices are in
``test_matrix_http.py``.
"""

import pytest
from django.http import Http404

from amparo.network import access
from amparo.network.selectors import referral_get_for_user, shared_file_get
from amparo.network.services.referrals import referral_revoke
from amparo.network.tests.conftest import CONSENTED
from amparo.people.services import consent_withdraw

STATES = ["pending", "accepted", "revoked", "consent_withdrawn"]
ALL = {"identity", "incidents", "legal", "assessments", "care_plan", "notes"}
# Refugio is sent every section, but the survivor consented to three of them.
SENT = sorted(ALL)


def referral_in(net, state: str):
    referral = net.send(sections=CONSENTED) if state == "pending" else net.accepted()
    if state == "revoked":
        referral_revoke(
            actor=net.cast.caseworker, referral=referral, expected_version=referral.version
        )
    if state == "consent_withdrawn":
        consent_withdraw(
            actor=net.cast.caseworker,
            case=net.cast.case,
            consent_id=net.consent.pk,
            expected_version=net.consent.version,
        )
    referral.refresh_from_db()
    return referral


# Who may open the referral record at all, by state.
MAY_OPEN = {
    "pending": {
        "caseworker",
        "supervisor",
        "partner_caseworker",
        "partner_supervisor",
    },
    "accepted": {
        "caseworker",
        "supervisor",
        "partner_caseworker",
        "partner_supervisor",
    },
}
MAY_OPEN["revoked"] = MAY_OPEN["accepted"]
MAY_OPEN["consent_withdrawn"] = MAY_OPEN["accepted"]
RECEIVERS = {"partner_caseworker", "partner_supervisor"}


@pytest.mark.parametrize("state", STATES)
def test_who_opens_the_referral_and_which_sections(net, state):
    referral = referral_in(net, state)
    # Lex's staff not assigned to the case see no more than a third party.
    for name, user in net.cast.everyone().items():
        if name not in MAY_OPEN[state]:
            with pytest.raises(Http404):
                referral_get_for_user(user=user, referral_id=referral.pk)
            with pytest.raises(Http404):
                shared_file_get(user=user, referral=referral)
            continue
        assert referral_get_for_user(user=user, referral_id=referral.pk) == referral
        if name not in RECEIVERS:
            # The sender has the case itself; the shared view is the receiver's.
            with pytest.raises(Http404):
                shared_file_get(user=user, referral=referral)
            continue
        shared = shared_file_get(user=user, referral=referral)
        expected = set(CONSENTED) if state == "accepted" else set()
        assert set(shared.sections) == expected, (name, state)
        assert shared.identity is None
        assert bool(shared.narrative) == ("incidents" in expected)
        assert bool(shared.incidents) == ("incidents" in expected)
        assert bool(shared.care_plans or shared.assessments) is False  # none recorded yet
        assert shared.notes == [] and shared.legal_cases == []


def test_sections_are_the_intersection_of_referral_and_consent(net):
    referral = net.accepted(sections=["incidents"])
    assert access.shared_sections(referral) == {"incidents"}
    shared = shared_file_get(user=net.cast.partner_supervisor, referral=referral)
    # Incidents carry the intake narrative, never the rest of the identity.
    assert shared.narrative == "Fictional narrative for tests." and shared.identity is None
    assert shared.sections == {"incidents"}


def test_identity_and_notes_only_when_consented(net):
    from amparo.network.tests.conftest import share_consent

    share_consent(net.cast, net.cast.refugio, ["identity", "notes", "legal"])
    referral = net.accepted(sections=SENT)
    assert access.shared_sections(referral) == ALL
    shared = shared_file_get(user=net.cast.partner_caseworker, referral=referral)
    assert shared.identity.given_names == "Testa Ficticia"
    assert shared.incidents


def test_every_shared_read_is_audited_with_its_sections(net):
    from amparo.audit.models import AuditEvent

    referral = net.accepted()
    shared_file_get(user=net.cast.partner_caseworker, referral=referral)
    event = AuditEvent.objects.get(code="referral.viewed")
    assert event.actor == net.cast.partner_caseworker and event.organisation == net.cast.refugio
    assert event.case == net.cast.case
    assert event.changed_fields == sorted(f"section:{s}" for s in CONSENTED)

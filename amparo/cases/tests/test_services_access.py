"""The case and survivor services refuse a role that may not do what they do,
with the one denial error (``Denied``, a ``PermissionDenied``), whoever calls them."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.cases import services
from amparo.people import services as people_services
from amparo.people.inputs import ConsentInput
from amparo.testing.factories import intake_input


def _writes(cast):
    case = cast.case
    incident = case.incidents.get()
    grant = case.survivor.consents.first()
    today = timezone.localdate()
    return {
        "intake": lambda actor: services.intake_submit(actor=actor, data=intake_input()),
        "rescue": lambda actor: services.rescue_operation_record(
            actor=actor, name="Op", happened_on=today, admin1="Escuintla", people_removed=1
        ),
        "case update": lambda actor: services.case_update(
            actor=actor,
            case=case,
            expected_version=case.version,
            risk_level="high",
            status="active",
        ),
        "assign": lambda actor: services.case_assign(
            actor=actor, case=case, user_id=cast.lawyer.pk
        ),
        "flag": lambda actor: services.case_flag_raise(actor=actor, case=case, kind="safety"),
        "note": lambda actor: services.note_add(actor=actor, case=case, body="A note."),
        "incident": lambda actor: services.incident_record(
            actor=actor, case=case, data=intake_input().incident
        ),
        "incident update": lambda actor: services.incident_update(
            actor=actor,
            incident=incident,
            expected_version=incident.version,
            data=dataclasses.replace(intake_input().incident, admin2="Otra"),
        ),
        "consent": lambda actor: people_services.consent_grant(
            actor=actor,
            case=case,
            data=ConsentInput(scope="services", given_by="survivor", given_on=today),
        ),
        "withdraw": lambda actor: people_services.consent_withdraw(
            actor=actor, case=case, consent_id=grant.pk, expected_version=grant.version
        ),
        "survivor": lambda actor: people_services.survivor_update(
            actor=actor,
            case=case,
            expected_version=case.survivor.version,
            data=intake_input().survivor,
        ),
        "identity": lambda actor: people_services.identity_update(
            actor=actor,
            case=case,
            expected_version=case.survivor.version,
            data=intake_input().identity,
        ),
        "reveal": lambda actor: people_services.identity_reveal(
            actor=actor, case=case, reason="Preparing the court summons"
        ),
        "family": lambda actor: people_services.family_member_add(
            actor=actor, case=case, relation="mother"
        ),
        "duplicates": lambda actor: people_services.duplicate_check(
            actor=actor, identity=intake_input().identity
        ),
    }


WRITES = [
    "intake",
    "rescue",
    "case update",
    "assign",
    "flag",
    "note",
    "incident",
    "incident update",
    "consent",
    "withdraw",
    "survivor",
    "identity",
    "reveal",
    "family",
    "duplicates",
]
# The counsellor works cases but runs no intake and assigns no one.
COUNSELLOR_REFUSED = {"intake", "rescue", "assign", "duplicates"}


@pytest.mark.parametrize("write", WRITES)
def test_an_analyst_may_write_nothing_and_nothing_is_written(cast, write):
    before = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        _writes(cast)[write](cast.analyst)
    assert AuditEvent.objects.count() == before


@pytest.mark.parametrize("write", sorted(COUNSELLOR_REFUSED))
def test_a_counsellor_is_refused_what_the_role_does_not_do(cast, write):
    with pytest.raises(PermissionDenied):
        _writes(cast)[write](cast.counsellor)

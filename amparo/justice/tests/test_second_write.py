"""A verdict or sentence sent a second time (a double click, a second tab) is
refused as a conflict on the page and in the API, and changes nothing; the
"at most one" rules of legal cases hold in the database on both engines."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from amparo.audit.models import AuditEvent
from amparo.core.concurrency import ConflictError
from amparo.justice.inputs import SentenceInput
from amparo.justice.models import Charge, LegalCaseLawyer, StageEvent
from amparo.justice.services import sentence_record, verdict_record
from amparo.justice.tests.world import MAY_EDIT_LEGAL_CASE, days_ago
from amparo.testing.api import api_client


def writes() -> int:
    return AuditEvent.objects.exclude(code__endswith=".viewed").count()


def verdict_api(world) -> str:
    return f"/api/v1/legal-cases/{world.legal_case.pk}/charges/{world.convicted_charge.pk}/verdict/"


def test_a_second_verdict_through_the_api_is_a_409_and_changes_nothing(cast, world):
    before = writes()
    response = api_client(cast.lawyer).post(
        verdict_api(world),
        {"verdict": "acquitted", "verdict_on": days_ago(10).isoformat()},
        format="json",
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "This charge already has a verdict."}
    stored = Charge.objects.get(pk=world.convicted_charge.pk)
    assert (stored.verdict, stored.verdict_on) == ("convicted", days_ago(50))
    assert writes() == before


def test_a_second_verdict_on_the_page_says_so_and_changes_nothing(cast, client, world):
    client.force_login(cast.lawyer)
    before = writes()
    response = client.post(
        reverse(
            "legal_verdict",
            kwargs={"pk": world.legal_case.pk, "charge_pk": world.convicted_charge.pk},
        ),
        {"verdict": "acquitted", "verdict_on": days_ago(10).isoformat()},
    )
    assert response.status_code == 422
    assert "This charge already has a verdict." in response.content.decode()
    assert Charge.objects.get(pk=world.convicted_charge.pk).verdict == "convicted"
    assert writes() == before


@pytest.mark.parametrize("who", ["outsider", "partner_supervisor", "analyst"])
def test_who_may_not_change_the_legal_case_learns_nothing_from_a_second_verdict(cast, world, who):
    assert who not in MAY_EDIT_LEGAL_CASE
    response = api_client(getattr(cast, who)).post(
        verdict_api(world),
        {"verdict": "acquitted", "verdict_on": days_ago(10).isoformat()},
        format="json",
    )
    assert response.status_code in (403, 404)
    assert "already" not in response.content.decode()


def test_a_second_sentence_is_a_conflict_in_spanish(cast, world):
    charge = world.convicted_charge
    sentence_record(actor=cast.lawyer, charge=charge, data=SentenceInput(days_ago(30), 96))
    before = writes()
    with translation.override("es"), pytest.raises(ConflictError) as exc:
        sentence_record(actor=cast.lawyer, charge=charge, data=SentenceInput(days_ago(20), 12))
    assert exc.value.messages == ["Este cargo ya tiene una sentencia."]
    assert Charge.objects.get(pk=charge.pk).custody_months == 96 and writes() == before


def test_a_stale_copy_of_the_charge_is_not_trusted(cast, world):
    """The service re-reads the charge under its lock; the caller's copy may be old."""
    stale = Charge.objects.get(pk=world.open_charge.pk)
    verdict_record(
        actor=cast.lawyer, charge=world.open_charge, verdict="acquitted", verdict_on=days_ago(9)
    )
    with pytest.raises(ConflictError):
        verdict_record(actor=cast.lawyer, charge=stale, verdict="convicted", verdict_on=days_ago(8))
    assert Charge.objects.get(pk=stale.pk).verdict == "acquitted"


def test_one_current_event_per_stage(cast, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        StageEvent.objects.create(
            legal_case=world.legal_case,
            stage="trial",
            occurred_on=days_ago(90),
            recorded_by=cast.lawyer,
        )


def test_one_active_assignment_per_lawyer(cast, world):
    with pytest.raises(IntegrityError), transaction.atomic():
        LegalCaseLawyer.objects.create(legal_case=world.legal_case, user=cast.lawyer)

"""Intakes in progress do not outlive their use: past the retention their answers are
erased by a daily job, with an audit row that holds none of them."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import IntakeDraft, RescueOperation
from amparo.cases.selectors_drafts import intake_drafts_for_user
from amparo.cases.services import rescue_operation_record
from amparo.cases.services.draft_retention import intake_drafts_purge
from amparo.cases.services.drafts import (
    QuickRegistration,
    intake_draft_discard,
    intake_draft_store,
    rescue_quick_register,
)
from amparo.cases.tasks import purge_intake_drafts
from amparo.core.concurrency import ConflictError
from amparo.testing.api import api_client


def at(*args: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(*args))


def rescue(cast, day: datetime.date) -> RescueOperation:
    return rescue_operation_record(
        actor=cast.caseworker,
        name="Operación Fin de Mes",
        happened_on=day,
        admin1="Izabal",
        admin2="Puerto Barrios",
        people_removed=3,
    )


def quick(cast, operation: RescueOperation, pseudonym: str = "Garza Blanca") -> IntakeDraft:
    return rescue_quick_register(
        actor=cast.caseworker,
        operation=operation,
        data=QuickRegistration(
            pseudonym=pseudonym, sex="female", birth_year=2008, given_names="Testa Inventada"
        ),
    )


def raw_state(draft: IntakeDraft) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT state FROM cases_intakedraft WHERE id = %s", [draft.pk])
        return str(cursor.fetchone()[0])


@pytest.mark.parametrize(
    ("saved", "kept_until"),
    [
        # A month end: thirty days after 31 January 2024 is 1 March (a leap year).
        (at(2024, 1, 31, 23, 30), datetime.date(2024, 3, 1)),
        (at(2025, 1, 31, 9, 0), datetime.date(2025, 3, 2)),
        (at(2024, 2, 29, 12, 0), datetime.date(2024, 3, 30)),
        (at(2024, 12, 31, 18, 0), datetime.date(2025, 1, 30)),
    ],
)
def test_a_draft_is_erased_thirty_days_after_it_was_last_saved(cast, client, saved, kept_until):
    with time_machine.travel(saved, tick=False):
        operation = rescue(cast, saved.date())
        draft = quick(cast, operation)
        assert draft.updated_at == saved
    expiry = saved + datetime.timedelta(days=30)
    assert timezone.localtime(expiry).date() == kept_until
    with time_machine.travel(saved + datetime.timedelta(days=29), tick=False):
        client.force_login(cast.caseworker)
        page = client.get(reverse("intake_start")).content.decode()
        assert f"kept until {kept_until:%Y-%m-%d}" in page
        listed = api_client(cast.caseworker).get("/api/v1/intake-drafts/").json()
        assert [row["expires_at"] for row in listed] == [timezone.localtime(expiry).isoformat()]
    with time_machine.travel(expiry - datetime.timedelta(minutes=1), tick=False):
        assert intake_drafts_purge() == 0
    assert raw_state(draft) != ""
    with time_machine.travel(expiry + datetime.timedelta(minutes=1), tick=False):
        assert intake_drafts_purge() == 1
        # Idempotent: a second run (the command after the job) erases nothing twice.
        assert intake_drafts_purge() == 0
    draft.refresh_from_db()
    assert raw_state(draft) == "" and draft.state == ""
    assert draft.purged_at == expiry + datetime.timedelta(minutes=1)
    assert draft.updated_at == saved  # when the answers were last touched, still
    assert not intake_drafts_for_user(user=cast.caseworker).exists()
    assert not intake_drafts_for_user(user=cast.supervisor).exists()
    event = AuditEvent.objects.get(code=Code.INTAKE_DRAFT_PURGED)
    assert (event.object_type, event.object_id) == ("cases.intakedraft", str(draft.pk))
    assert event.actor_id is None and event.changed_fields == [] and event.reason == "retention"
    assert "Garza" not in str(event.__dict__) and "Testa" not in str(event.__dict__)


def test_saving_a_step_again_keeps_the_draft_and_set_aside_or_submitted_ones_expire_too(
    cast,
):
    start = at(2024, 2, 29, 8, 0)
    with time_machine.travel(start, tick=False):
        operation = rescue(cast, start.date())
        worked, aside = quick(cast, operation, "Colibrí"), quick(cast, operation, "Quetzal")
        intake_draft_discard(actor=cast.caseworker, draft=aside)
    with time_machine.travel(start + datetime.timedelta(days=20), tick=False):
        intake_draft_store(
            actor=cast.caseworker, draft=worked, step="identity", raw={"given_names": ["T"]}
        )
    with time_machine.travel(start + datetime.timedelta(days=31), tick=False):
        assert intake_drafts_purge() == 1
    aside.refresh_from_db()
    worked.refresh_from_db()
    assert aside.purged_at is not None and aside.state == ""
    assert worked.purged_at is None and "identity" in worked.state
    assert list(intake_drafts_for_user(user=cast.caseworker)) == [worked]


def test_an_erased_draft_cannot_be_worked_on(cast):
    start = at(2025, 3, 31, 10, 0)
    with time_machine.travel(start, tick=False):
        draft = quick(cast, rescue(cast, start.date()))
    with time_machine.travel(start + datetime.timedelta(days=40), tick=False):
        purge_intake_drafts.call_local()
        with pytest.raises(ConflictError):
            intake_draft_store(
                actor=cast.caseworker, draft=draft, step="identity", raw={"given_names": ["T"]}
            )
    draft.refresh_from_db()
    assert draft.state == ""


@override_settings(AMPARO_INTAKE_DRAFT_DAYS=1)
def test_the_retention_is_a_setting_and_the_command_runs_the_purge(cast, capsys):
    start = at(2024, 2, 28, 22, 0)
    with time_machine.travel(start, tick=False):
        quick(cast, rescue(cast, start.date()))
    with time_machine.travel(at(2024, 2, 29, 21, 0), tick=False):
        call_command("purge_intake_drafts")
        assert "Erased the answers of 0 intake draft(s) unchanged for 1 days." in (
            capsys.readouterr().out
        )
    with time_machine.travel(at(2024, 2, 29, 22, 1), tick=False):
        call_command("purge_intake_drafts")
        assert "Erased the answers of 1 intake draft(s)" in capsys.readouterr().out


def test_the_rescue_pages_say_how_long_registrations_are_kept(cast, client):
    operation = rescue(cast, timezone.localdate())
    quick(cast, operation)
    client.force_login(cast.caseworker)
    client.cookies["django_language"] = "es"
    for name in ("rescue_detail", "rescue_quick_register"):
        page = client.get(reverse(name, args=[operation.pk])).content.decode()
        assert "se conserva 30 días" in page, name

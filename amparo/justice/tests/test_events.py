"""The justice app's audit events: each creator links the files its event concerns."""

import ast
import datetime
from pathlib import Path

from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.justice import events
from amparo.justice.inputs import AccusedInput, LegalCaseInput
from amparo.justice.models import Court
from amparo.justice.reminders import hearing_reminders_send
from amparo.justice.services import accused_add, hearing_schedule, legal_case_open

JUSTICE = Path(events.__file__).parent


def test_a_read_of_a_legal_case_names_each_victims_case_and_survivor(cast, legal_case):
    events.legal_case_viewed(actor=cast.lawyer, legal_case=legal_case)
    (viewed,) = AuditEvent.objects.filter(code="legal.viewed")
    assert (viewed.case, viewed.survivor) == (cast.case, cast.case.survivor)
    assert viewed.object_id == str(legal_case.pk)


def test_a_read_of_a_legal_case_without_victims_still_leaves_one_event(cast):
    no_victims = legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="No victims yet",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
        ),
    )
    events.legal_case_viewed(actor=cast.supervisor, legal_case=no_victims)
    (viewed,) = AuditEvent.objects.filter(code="legal.viewed", object_id=str(no_victims.pk))
    assert viewed.case is None and viewed.survivor is None


def test_a_revealed_identity_is_told_to_each_victim_with_the_reason(cast, legal_case):
    accused = accused_add(
        actor=cast.lawyer, legal_case=legal_case, data=AccusedInput(pseudonym="El Lobo")
    )
    events.accused_revealed(actor=cast.lawyer, accused=accused, reason="Checking the warrant")
    (revealed,) = AuditEvent.objects.filter(code="accused.revealed")
    assert (revealed.case, revealed.survivor) == (cast.case, cast.case.survivor)
    assert revealed.reason == "Checking the warrant"


def test_opening_names_the_legal_case_and_links_each_victim(cast, legal_case):
    (opened,) = AuditEvent.objects.filter(code="legal.opened")
    assert opened.case is None and opened.object_id == str(legal_case.pk)
    (linked,) = AuditEvent.objects.filter(code="legal.victim_linked")
    assert (linked.case, linked.survivor) == (cast.case, cast.case.survivor)
    assert linked.actor == cast.supervisor


def test_a_reminder_has_no_actor(cast, legal_case, django_capture_on_commit_callbacks):
    hearing = hearing_schedule(
        actor=cast.lawyer,
        legal_case=legal_case,
        scheduled_for=timezone.now() + datetime.timedelta(days=2),
        kind="trial",
    )
    with django_capture_on_commit_callbacks(execute=True):
        hearing_reminders_send()
    (reminded,) = AuditEvent.objects.filter(code="hearing.reminded")
    assert reminded.actor is None and reminded.object_id == str(hearing.pk)


def test_only_the_events_module_writes_audit_rows():
    """Everything else in the app goes through a named creator of ``amparo.justice.events``."""
    writers = []
    for path in JUSTICE.rglob("*.py"):
        if (path.name == "events.py" and path.parent == JUSTICE) or "tests" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.module == "amparo.audit.events":
                writers.append(str(path.relative_to(JUSTICE)))
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "amparo.audit"
                and any(alias.name == "events" for alias in node.names)
            ):
                writers.append(str(path.relative_to(JUSTICE)))
    assert writers == []

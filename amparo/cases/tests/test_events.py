"""Every write of a case leaves its event, linked to the case and its survivor by
the creator in ``amparo.cases.events``, whichever service wrote it."""

import dataclasses

import pytest
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases import services
from amparo.cases.selectors import case_audit_trail, case_get_for_user, caseload_list
from amparo.testing.factories import intake_input


def _new_events(before: int) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(pk__gt=before).order_by("pk"))


def _last_id() -> int:
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _links(events: list[AuditEvent]) -> list[tuple[str, int | None, int | None]]:
    return [(e.code, e.case_id, e.survivor_id) for e in events]


def test_an_intake_writes_each_record_s_event_on_the_new_case(cast):
    before = _last_id()
    case = services.intake_submit(
        actor=cast.caseworker, data=intake_input(first_note="Met at the shelter.")
    )
    codes = [code for code, case_id, survivor_id in _links(_new_events(before))]
    assert codes == [
        Code.SURVIVOR_REGISTERED,
        Code.CASE_OPENED,
        Code.CASE_ASSIGNED,
        Code.INCIDENT_RECORDED,
        Code.CONSENT_GRANTED,
        Code.NOTE_ADDED,
    ]
    for code, case_id, survivor_id in _links(_new_events(before)):
        assert survivor_id == case.survivor_id
        assert case_id == (None if code == Code.SURVIVOR_REGISTERED else case.pk)


def test_each_change_to_a_case_is_linked_to_the_case_and_survivor(cast):
    case, actor = cast.case, cast.supervisor
    before = _last_id()
    updated = services.case_update(
        actor=actor, case=case, expected_version=case.version, risk_level="high", status="active"
    )
    assignment = services.case_assign(actor=actor, case=case, user_id=cast.lawyer.pk)
    services.case_unassign(actor=actor, case=case, assignment_id=assignment.pk)
    flag = services.case_flag_raise(actor=actor, case=case, kind="safety")
    services.case_flag_resolve(actor=actor, case=case, flag_id=flag.pk)
    services.note_add(actor=actor, case=case, body="Called the family.")
    incident = services.incident_record(actor=actor, case=case, data=intake_input().incident)
    services.incident_update(
        actor=actor,
        incident=incident,
        expected_version=incident.version,
        data=dataclasses.replace(intake_input().incident, admin2="Otra Aldea"),
    )
    events = _new_events(before)
    assert [e.code for e in events] == [
        Code.CASE_UPDATED,
        Code.CASE_ASSIGNED,
        Code.CASE_UNASSIGNED,
        Code.CASE_FLAG_RAISED,
        Code.CASE_FLAG_RESOLVED,
        Code.NOTE_ADDED,
        Code.INCIDENT_RECORDED,
        Code.INCIDENT_UPDATED,
    ]
    assert {(e.case_id, e.survivor_id, e.actor_id) for e in events} == {
        (case.pk, case.survivor_id, actor.pk)
    }
    assert events[0].changed_fields == ["risk_level"]
    assert events[-1].changed_fields == ["admin2"]
    assert updated.risk_level == "high"


def test_a_closure_over_the_rule_records_the_override_and_its_reason(cast):
    case = cast.case
    before = _last_id()
    services.case_close(
        actor=cast.supervisor,
        case=case,
        expected_version=case.version,
        reason="restored",
        override_reason="Moved abroad with her family",
    )
    (event,) = _new_events(before)
    assert (event.code, event.case_id, event.survivor_id) == (
        Code.CASE_CLOSURE_OVERRIDDEN,
        case.pk,
        case.survivor_id,
    )
    assert event.reason == "Moved abroad with her family"


def test_a_rescue_operation_concerns_no_survivor_yet(cast):
    before = _last_id()
    services.rescue_operation_record(
        actor=cast.caseworker,
        name="Operación Prueba",
        happened_on=timezone.localdate(),
        admin1="Escuintla",
        people_removed=3,
    )
    assert _links(_new_events(before)) == [(Code.RESCUE_RECORDED, None, None)]


def test_the_reads_of_a_file_are_linked_to_its_case_and_survivor(cast):
    case = cast.case
    before = _last_id()
    case_get_for_user(user=cast.supervisor, case_id=case.pk)
    list(case_audit_trail(user=cast.supervisor, case_id=case.pk))
    found = list(caseload_list(user=cast.supervisor, query="Testa Ficticia", by_name=True))
    assert found == [case]
    assert _links(_new_events(before)) == [
        (Code.CASE_VIEWED, case.pk, case.survivor_id),
        (Code.AUDIT_TRAIL_VIEWED, case.pk, case.survivor_id),
        (Code.CASELOAD_SEARCHED_BY_NAME, case.pk, case.survivor_id),
    ]


@pytest.mark.parametrize("query", ["Nadie Conocido"])
def test_a_name_search_that_finds_nobody_still_leaves_one_event(cast, query):
    before = _last_id()
    assert list(caseload_list(user=cast.supervisor, query=query, by_name=True)) == []
    assert _links(_new_events(before)) == [(Code.CASELOAD_SEARCHED_BY_NAME, None, None)]

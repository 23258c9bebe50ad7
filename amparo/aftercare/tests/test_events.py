"""The restoration audit creators (``amparo.aftercare.events``): each event names the
case, and so the survivor, of the record it is about, with no caller passing them."""

from django.apps import apps

from amparo.aftercare import events
from amparo.aftercare.models import Facility, Task
from amparo.aftercare.reminders import overdue_digests_send
from amparo.aftercare.tests.records import restoration_records
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent

# Records of an organisation, not of a survivor: their events name no case.
REFERENCE_DATA = {"aftercare.facility", "aftercare.instrument"}


def _restoration_events() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(object_type__startswith="aftercare.").order_by("pk"))


def test_every_restoration_event_names_its_records_case_and_survivor(cast):
    restoration_records(cast)
    written = _restoration_events()
    assert {e.code for e in written} >= {
        Code.FACILITY_CREATED,
        Code.PLACEMENT_STARTED,
        Code.CARE_PLAN_DRAFTED,
        Code.CARE_PLAN_SUBMITTED,
        Code.TASK_CREATED,
        Code.FAMILY_ASSESSMENT_RECORDED,
        Code.FAMILY_ASSESSMENT_APPROVED,
        Code.TASK_DONE,
        Code.REINTEGRATION_PROPOSED,
    }
    for event in written:
        if event.object_type in REFERENCE_DATA:
            assert event.case_id is None and event.survivor_id is None, event.code
            continue
        model = apps.get_model(event.object_type)
        record = model.objects.select_related("case").get(pk=event.object_id)
        assert event.case_id == record.case_id, event.code
        assert event.survivor_id == record.case.survivor_id, event.code


def test_a_creator_reads_the_case_from_its_record(cast):
    restoration_records(cast)
    task = Task.objects.select_related("case").first()
    assert task is not None
    event = events.task_done(actor=cast.supervisor, task=task)
    assert (event.code, event.case_id, event.survivor_id) == (
        Code.TASK_DONE,
        task.case_id,
        task.case.survivor_id,
    )
    facility = Facility.objects.get()
    event = events.facility_created(actor=cast.supervisor, facility=facility)
    assert event.case_id is None and event.survivor_id is None


def test_the_work_digest_event_is_about_the_user_and_sent_by_no_one(cast):
    restoration_records(cast)
    assert overdue_digests_send() >= 1
    sent = AuditEvent.objects.filter(code=Code.WORK_DIGEST_SENT)
    assert sent.exists()
    for event in sent:
        assert event.actor_id is None
        assert event.object_type == "accounts.user"
        assert event.case_id is None and event.survivor_id is None

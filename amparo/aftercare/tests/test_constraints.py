"""The "at most one" rules of restoration hold in the database itself, whatever
path writes (both databases), and a double click is answered, not crashed."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from amparo.aftercare.models import CarePlan, Facility, Placement, Reintegration, Task
from amparo.aftercare.services.careplans import care_plan_submit
from amparo.aftercare.tests.conftest import days_ago
from amparo.aftercare.tests.records import restoration_records
from amparo.audit.models import AuditEvent
from amparo.core.concurrency import ConflictError, duplicate_refused
from amparo.testing.api import api_client

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite does not name the failed constraint"
)


def refused(model, **fields) -> bool:
    try:
        with transaction.atomic():
            model.objects.create(**fields)
    except IntegrityError:
        return True
    return False


@pytest.fixture
def records(cast):
    return restoration_records(cast)


def test_one_open_placement_per_case(cast, records):
    facility = Facility.objects.get(pk=records.facility)
    second = {
        "case_id": records.case,
        "facility": facility,
        "started_on": days_ago(10),
        "reason": "emergency",
        "created_by": cast.caseworker,
    }
    assert refused(Placement, **second)
    Placement.objects.filter(pk=records.placement).update(ended_on=days_ago(11))
    assert not refused(Placement, **second)  # an ended placement does not count


def test_one_approved_care_plan_per_case(cast, records):
    approved = {
        "case_id": records.case,
        "review_due_on": days_ago(-30),
        "created_by": cast.caseworker,
    }
    CarePlan.objects.create(number=7, status="approved", **approved)
    assert refused(CarePlan, number=8, status="approved", **approved)
    assert not refused(CarePlan, number=9, status="superseded", **approved)


def test_one_open_reintegration_per_case(cast, records):
    reintegration = Reintegration.objects.get(pk=records.reintegration)
    again = {
        "case_id": records.case,
        "family_assessment_id": records.family,
        "destination": "family",
        "planned_on": days_ago(-5),
        "proposed_by": cast.caseworker,
    }
    assert refused(Reintegration, status="approved", **again)
    Reintegration.objects.filter(pk=reintegration.pk).update(status="rejected")
    assert not refused(Reintegration, status="proposed", **again)


def test_one_open_task_per_decision_and_person(cast, records):
    task = Task.objects.get(pk=records.task)
    copy = {
        "case_id": records.case,
        "kind": task.kind,
        "assigned_to": task.assigned_to,
        "due_on": days_ago(-3),
        "source_type": task.source_type,
        "source_id": task.source_id,
    }
    assert refused(Task, **copy)
    assert not refused(Task, **{**copy, "assigned_to": cast.other_caseworker})
    Task.objects.filter(pk=task.pk).update(done_at=timezone.now())
    assert not refused(Task, **copy)  # asked again once the first was answered


def test_a_refused_duplicate_is_a_conflict_and_the_transaction_goes_on(cast, records):
    facility = Facility.objects.get(pk=records.facility)
    with transaction.atomic():
        with (
            pytest.raises(ConflictError) as exc,
            duplicate_refused(constraint="uniq_open_placement", field="f", message="Taken."),
        ):
            Placement.objects.create(
                case_id=records.case,
                facility=facility,
                started_on=days_ago(10),
                reason="emergency",
                created_by=cast.caseworker,
            )
        assert exc.value.message_dict == {"f": ["Taken."]}
        assert Placement.objects.filter(case_id=records.case).count() == 1  # still usable


@on_postgresql
def test_another_constraint_is_not_mistaken_for_the_named_one(cast, records):
    """Only PostgreSQL reports which constraint failed; SQLite takes the narrow block's word."""
    plan = CarePlan.objects.get(pk=records.plan)
    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        duplicate_refused(constraint="uniq_open_placement", field="f", message="Taken."),
    ):
        CarePlan.objects.create(
            case_id=records.case,
            number=plan.number,
            review_due_on=days_ago(-30),
            created_by=cast.caseworker,
        )


# -- A double click on "Send for approval" ---------------------------------------------------


def test_a_plan_sent_twice_from_the_page_makes_one_task_and_says_so(cast, records, client):
    plan = CarePlan.objects.get(pk=records.plan)  # already sent once by the records
    client.force_login(cast.caseworker)
    before = AuditEvent.objects.exclude(code__endswith=".viewed").count()
    url = reverse("care_plan_submit", kwargs={"pk": records.case, "plan_pk": plan.pk})
    response = client.post(url, follow=True)
    assert "This plan has already been sent for approval." in response.content.decode()
    assert (
        Task.objects.filter(source_type="aftercare.careplan", source_id=str(plan.pk)).count() == 1
    )
    assert AuditEvent.objects.exclude(code__endswith=".viewed").count() == before


def test_a_plan_sent_twice_through_the_api_is_a_409(cast, records):
    url = f"/api/v1/cases/{records.case}/care-plans/{records.plan}/submit/"
    before = AuditEvent.objects.count()
    response = api_client(cast.caseworker).post(url)
    assert response.status_code == 409
    assert response.json() == {"detail": "This plan has already been sent for approval."}
    assert AuditEvent.objects.count() == before
    assert Task.objects.filter(source_id=str(records.plan), kind="approve_plan").count() == 1


def test_the_double_submit_refusal_is_in_spanish(cast, records):
    from django.utils import translation

    plan = CarePlan.objects.get(pk=records.plan)
    with translation.override("es"), pytest.raises(ConflictError) as exc:
        care_plan_submit(actor=cast.caseworker, plan=plan)
    assert exc.value.messages == ["Este plan ya fue enviado para su aprobación."]


@pytest.mark.parametrize("who", ["outsider", "partner_caseworker", "other_caseworker"])
def test_who_may_not_open_the_case_learns_nothing_from_a_second_submit(cast, records, who):
    url = f"/api/v1/cases/{records.case}/care-plans/{records.plan}/submit/"
    response = api_client(getattr(cast, who)).post(url)
    assert response.status_code in (403, 404)
    assert "already" not in response.content.decode()

"""The migration adding the "at most one" constraints keeps every row: duplicates
a race left behind are resolved (ended, superseded, marked), never deleted."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

from amparo.aftercare.tests.conftest import days_ago


def _constraints_migration() -> tuple[tuple[str, str], tuple[str, str]]:
    """The migration by its name, not its number (numbers change when branches merge),
    and the aftercare migration it follows."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    after = next(
        key
        for key in graph.nodes
        if key[0] == "aftercare"
        and key[1].endswith("at_most_one_open_placement_plan_reintegration_task")
    )
    before = next(
        key
        for key in (parent.key for parent in graph.node_map[after].parents)
        if key[0] == "aftercare"
    )
    return before, after


BEFORE, AFTER = _constraints_migration()

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrated_reference_data"),
]


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def before_constraints():
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_duplicates_are_resolved_without_losing_a_row(cast, before_constraints):
    apps = before_constraints
    Facility = apps.get_model("aftercare", "Facility")
    Placement = apps.get_model("aftercare", "Placement")
    CarePlan = apps.get_model("aftercare", "CarePlan")
    FamilyAssessment = apps.get_model("aftercare", "FamilyAssessment")
    Reintegration = apps.get_model("aftercare", "Reintegration")
    Task = apps.get_model("aftercare", "Task")
    case_id, user_id = cast.case.pk, cast.caseworker.pk
    facility = Facility.objects.create(
        organisation_id=cast.lex.pk, name="Casa", kind="shelter", admin1="Escuintla", capacity=5
    )
    placed = {"case_id": case_id, "facility": facility, "reason": "emergency"}
    older = Placement.objects.create(started_on=days_ago(40), created_by_id=user_id, **placed)
    newer = Placement.objects.create(started_on=days_ago(20), created_by_id=user_id, **placed)
    plan = {"case_id": case_id, "status": "approved", "review_due_on": days_ago(-9)}
    plans = [CarePlan.objects.create(number=n, created_by_id=user_id, **plan) for n in (1, 2)]
    family = FamilyAssessment.objects.create(
        case_id=case_id,
        assessed_on=days_ago(30),
        household_safety="safe",
        recommendation="reintegrate",
        assessed_by_id=user_id,
    )
    moves = [
        Reintegration.objects.create(
            case_id=case_id,
            family_assessment=family,
            destination="family",
            planned_on=days_ago(-5),
            status=status,
            proposed_by_id=user_id,
        )
        for status in ("proposed", "approved")
    ]
    task = {
        "case_id": case_id,
        "kind": "approve_plan",
        "assigned_to_id": cast.supervisor.pk,
        "due_on": days_ago(-3),
        "source_type": "aftercare.careplan",
        "source_id": str(plans[1].pk),
    }
    tasks = [Task.objects.create(**task) for _ in range(2)]

    apps = migrate(AFTER)
    Placement = apps.get_model("aftercare", "Placement")
    CarePlan = apps.get_model("aftercare", "CarePlan")
    Reintegration = apps.get_model("aftercare", "Reintegration")
    Task = apps.get_model("aftercare", "Task")

    older, newer = Placement.objects.get(pk=older.pk), Placement.objects.get(pk=newer.pk)
    assert (older.ended_on, older.end_reason, older.version) == (days_ago(20), "transferred", 2)
    assert newer.ended_on is None
    assert [CarePlan.objects.get(pk=p.pk).status for p in plans] == ["superseded", "approved"]
    proposed, approved = (Reintegration.objects.get(pk=m.pk) for m in moves)
    assert approved.status == "approved"
    assert proposed.status == "rejected" and "duplicate" in proposed.decision_note
    assert [Task.objects.get(pk=t.pk).done_at is None for t in tasks] == [True, False]
    assert Placement.objects.count() == 2 and CarePlan.objects.count() == 2
    assert Reintegration.objects.count() == 2 and Task.objects.count() == 2

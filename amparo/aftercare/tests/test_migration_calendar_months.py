"""The migration to restoration in calendar months converts every stored rule and
schedule in days (182 → 6 months, 365 → 12) and recomputes every case's
``restored_on`` and ``next_due_on`` with the rule and schedule as written now."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

D = datetime.date


def _months_migration() -> tuple[tuple[str, str], tuple[str, str]]:
    """The migration by its name, not its number (numbers change when branches merge),
    and the aftercare migration it follows."""
    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    after = next(
        key
        for key in graph.nodes
        if key[0] == "aftercare" and key[1].endswith("restoration_in_calendar_months")
    )
    before = next(
        key
        for key in (parent.key for parent in graph.node_map[after].parents)
        if key[0] == "aftercare"
    )
    return before, after


BEFORE, AFTER = _months_migration()

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
def before_months():
    apps = migrate(BEFORE)
    yield apps
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_a_rule_in_days_becomes_months_and_restored_on_is_recomputed(cast, before_months):
    apps = before_months
    Instrument = apps.get_model("aftercare", "Instrument")
    Assessment = apps.get_model("aftercare", "Assessment")
    RestorationStatus = apps.get_model("aftercare", "RestorationStatus")
    instrument = Instrument.objects.get(organisation__isnull=True)
    instrument.closure_rule = {"min_domain_score": 3, "consecutive": 2, "min_gap_days": 182}
    instrument.schedule = {"first_days": 0, "second_days": 182, "then_every_days": 365}
    instrument.save()
    passing = {code: 3.0 for code in instrument.domains.values_list("code", flat=True)}
    # Under the rule in days this never qualified: the interim check-in broke the
    # pair, and 15 January → 15 July is 181 days.
    for day in (D(2026, 1, 15), D(2026, 4, 15), D(2026, 7, 15)):
        Assessment.objects.create(
            case_id=cast.case.pk,
            instrument=instrument,
            assessed_on=day,
            assessed_by_id=cast.caseworker.pk,
            domain_scores=passing,
        )
    RestorationStatus.objects.create(
        case_id=cast.case.pk,
        instrument=instrument,
        assessments=3,
        restored_on=None,
        next_due_on=D(2027, 7, 15),  # 365 days after 15 July 2026
    )

    apps = migrate(AFTER)
    Instrument = apps.get_model("aftercare", "Instrument")
    RestorationStatus = apps.get_model("aftercare", "RestorationStatus")
    migrated = Instrument.objects.get(pk=instrument.pk)
    assert migrated.closure_rule == {"min_domain_score": 3, "consecutive": 2, "min_gap_months": 6}
    assert migrated.schedule == {"first_days": 0, "second_months": 6, "then_every_months": 12}
    status = RestorationStatus.objects.get(case_id=cast.case.pk)
    assert (status.restored_on, status.next_due_on) == (D(2026, 7, 15), D(2027, 7, 15))


def test_going_back_gives_the_rule_and_schedule_in_days_again(cast, before_months):
    Instrument = migrate(AFTER).get_model("aftercare", "Instrument")
    assert Instrument.objects.get(organisation__isnull=True).closure_rule["min_gap_months"] == 6
    Instrument = migrate(BEFORE).get_model("aftercare", "Instrument")
    instrument = Instrument.objects.get(organisation__isnull=True)
    assert instrument.closure_rule == {"min_domain_score": 3, "consecutive": 2, "min_gap_days": 182}
    assert instrument.schedule == {"first_days": 0, "second_days": 182, "then_every_days": 365}

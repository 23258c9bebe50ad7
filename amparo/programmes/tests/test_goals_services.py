"""Goal services: indicators, dates and values checked; milestones replaced; all audited."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.concurrency import StaleVersionError
from amparo.core.exceptions import Denied, NotFound
from amparo.programmes.models import Goal, Milestone, ProgrammeArea
from amparo.programmes.services.goals import goal_archive, goal_create, goal_update
from amparo.programmes.tests.records import programme_records

GOAL_CODES = (Code.GOAL_SAVED, Code.GOAL_ARCHIVED)
BASE, TARGET = datetime.date(2024, 1, 1), datetime.date(2030, 12, 31)


def _goal(cast, records, **overrides):
    fields = {
        "actor": cast.analyst,
        "programme_id": records.lex_programme.pk,
        "indicator": "conviction_rate",
        "area_id": records.guatemala.pk,
        "title": "Conviction rate reaches 30%",
        "baseline_value": Decimal("6"),
        "baseline_on": BASE,
        "target_value": Decimal("30"),
        "target_on": TARGET,
        "milestones": [(datetime.date(2027, 12, 31), Decimal("18"))],
        **overrides,
    }
    return goal_create(**fields)


def test_a_goal_is_set_with_its_milestones_and_audited(cast):
    records = programme_records(cast)
    goal = _goal(cast, records)
    assert goal.area == records.guatemala
    assert list(goal.milestones.values_list("due_on", "value")) == [
        (datetime.date(2027, 12, 31), Decimal("18.000"))
    ]
    assert AuditEvent.objects.get(code=Code.GOAL_SAVED).object_id == str(goal.pk)


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"indicator": "happiness"}, "indicator"),
        ({"target_on": BASE}, "target_on"),
        ({"milestones": [(TARGET, Decimal("20"))]}, "milestones.0.due_on"),
        ({"milestones": [(datetime.date(2023, 6, 1), Decimal("20"))]}, "milestones.0.due_on"),
        (
            {
                "milestones": [
                    (datetime.date(2026, 1, 1), Decimal("10")),
                    (datetime.date(2026, 1, 1), Decimal("12")),
                ]
            },
            "milestones.1.due_on",
        ),
        ({"target_value": Decimal("130")}, "target_value"),
        ({"milestones": [(datetime.date(2026, 1, 1), Decimal("-1"))]}, "milestones.0.value"),
        ({"title": ""}, "title"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_written(cast, overrides, field):
    records = programme_records(cast)
    with pytest.raises(ValidationError) as refused:
        _goal(cast, records, **overrides)
    assert field in refused.value.message_dict
    assert not Goal.objects.exists() and not Milestone.objects.exists()
    assert not AuditEvent.objects.filter(code__in=GOAL_CODES).exists()


def test_counts_people_and_days_may_not_be_negative(cast):
    records = programme_records(cast)
    with pytest.raises(ValidationError) as refused:
        _goal(cast, records, indicator="officials_trained", baseline_value=Decimal("-5"))
    assert "baseline_value" in refused.value.message_dict
    goal = _goal(cast, records, indicator="time_to_verdict", target_value=Decimal("400"))
    assert goal.target_value == Decimal("400")


def test_an_area_of_another_programme_is_refused(cast):
    records = programme_records(cast)
    other = ProgrammeArea.objects.create(
        programme=records.third_programme, country="GT", admin1="Petén", population=10
    )
    with pytest.raises(ValidationError) as refused:
        _goal(cast, records, area_id=other.pk)
    assert "area_id" in refused.value.message_dict
    assert not Goal.objects.exists()


def test_a_partner_may_not_set_a_goal_and_an_outsider_does_not_see_the_programme(cast):
    records = programme_records(cast)
    with pytest.raises(Denied):
        _goal(cast, records, actor=cast.partner_supervisor)
    with pytest.raises(NotFound):
        _goal(cast, records, actor=cast.third_supervisor)
    assert not Goal.objects.exists()


def _update(cast, goal, **overrides):
    fields = {
        "actor": cast.supervisor,
        "goal_id": goal.pk,
        "expected_version": goal.version,
        "indicator": goal.indicator,
        "area_id": goal.area_id,
        "title": goal.title,
        "baseline_value": goal.baseline_value,
        "baseline_on": goal.baseline_on,
        "target_value": goal.target_value,
        "target_on": goal.target_on,
        "milestones": list(goal.milestones.values_list("due_on", "value")),
        **overrides,
    }
    return goal_update(**fields)


def test_an_update_replaces_the_milestones_and_names_what_changed(cast):
    records = programme_records(cast)
    goal = _goal(cast, records)
    milestones = [
        (datetime.date(2026, 12, 31), Decimal("12")),
        (datetime.date(2028, 12, 31), Decimal("22")),
    ]
    updated = _update(cast, goal, target_value=Decimal("35"), milestones=milestones)
    assert updated.version == goal.version + 1
    assert list(updated.milestones.values_list("due_on", "value")) == milestones
    event = AuditEvent.objects.filter(code=Code.GOAL_SAVED).latest("at")
    assert sorted(event.changed_fields) == ["milestones", "target_value"]


def test_an_update_with_bad_input_or_a_stale_version_changes_nothing(cast):
    records = programme_records(cast)
    goal = _goal(cast, records)
    with pytest.raises(ValidationError):
        _update(cast, goal, milestones=[(datetime.date(2035, 1, 1), Decimal("1"))])
    with pytest.raises(ValidationError):
        _update(cast, goal, indicator="undefined")
    with pytest.raises(StaleVersionError):
        _update(cast, goal, expected_version=goal.version + 1, title="Stale")
    goal.refresh_from_db()
    assert goal.title == "Conviction rate reaches 30%" and goal.version == 1
    assert goal.milestones.count() == 1
    assert AuditEvent.objects.filter(code=Code.GOAL_SAVED).count() == 1


def test_archiving_keeps_the_goal_and_is_audited_once(cast):
    records = programme_records(cast)
    goal = _goal(cast, records)
    goal_archive(actor=cast.supervisor, goal_id=goal.pk)
    goal_archive(actor=cast.supervisor, goal_id=goal.pk)
    goal.refresh_from_db()
    assert goal.archived_at is not None and goal.milestones.count() == 1
    assert AuditEvent.objects.filter(code=Code.GOAL_ARCHIVED).count() == 1
    with pytest.raises(ValidationError):
        _update(cast, goal, title="After archiving")
    with pytest.raises(NotFound):
        goal_archive(actor=cast.supervisor, goal_id=10**9)

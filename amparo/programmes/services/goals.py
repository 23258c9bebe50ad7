"""Goals on indicators, with their milestones: set, changed and archived."""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.core.concurrency import apply_changes
from amparo.core.exceptions import NotFound
from amparo.core.validation import Errors
from amparo.programmes import events
from amparo.programmes.indicators import INDICATORS
from amparo.programmes.models import Goal, Milestone, Programme
from amparo.programmes.selectors.access import programme_lock_for_change

MilestoneInput = tuple[datetime.date, Decimal | int | float | str]
_PLACES = Decimal("0.001")


def _value(errors: Errors, field: str, value: Any, unit: str | None) -> Decimal | None:
    try:
        number = Decimal(str(value)).quantize(_PLACES)
    except (InvalidOperation, ValueError):
        errors.add(field, _("Give a number."))
        return None
    if not number.is_finite() or abs(number) >= Decimal(10**11):
        errors.add(field, _("Give a number."))
        return None
    if unit == "percent" and not Decimal(0) <= number <= Decimal(100):
        errors.add(field, _("A percentage is between 0 and 100."))
    elif unit in ("count", "people", "days") and number < 0:
        errors.add(field, _("This value cannot be negative."))
    return number


def _validated(
    errors: Errors,
    programme: Programme,
    *,
    indicator: str,
    area_id: int | None,
    title: str,
    baseline_value: Any,
    baseline_on: datetime.date,
    target_value: Any,
    target_on: datetime.date,
    milestones: Iterable[MilestoneInput],
) -> tuple[dict[str, Any], list[tuple[datetime.date, Decimal]]]:
    definition = INDICATORS.get(indicator)
    if definition is None:
        errors.add("indicator", _("Choose an indicator from the list."))
    unit = definition.unit if definition else None
    if area_id is not None and not programme.areas.filter(pk=area_id).exists():
        errors.add("area_id", _("Choose an area of this programme."))
    title = (title or "").strip()
    if not title:
        errors.add("title", _("Give the goal a title, as it will be published."))
    fields: dict[str, Any] = {
        "indicator": indicator,
        "area_id": area_id,
        "title": title,
        "baseline_value": _value(errors, "baseline_value", baseline_value, unit),
        "baseline_on": baseline_on,
        "target_value": _value(errors, "target_value", target_value, unit),
        "target_on": target_on,
    }
    if target_on <= baseline_on:
        errors.add("target_on", _("The target date comes after the baseline date."))
    steps: list[tuple[datetime.date, Decimal]] = []
    seen: set[datetime.date] = set()
    for index, (due_on, value) in enumerate(milestones):
        key = f"milestones.{index}"
        if not baseline_on < due_on < target_on:
            errors.add(
                f"{key}.due_on", _("A milestone falls between the baseline and the target dates.")
            )
        if due_on in seen:
            errors.add(f"{key}.due_on", _("Two milestones cannot share a date."))
        seen.add(due_on)
        number = _value(errors, f"{key}.value", value, unit)
        if number is not None:
            steps.append((due_on, number))
    return fields, sorted(steps)


@transaction.atomic
def goal_create(
    *,
    actor: User,
    programme_id: int,
    indicator: str,
    title: str,
    baseline_value: Any,
    baseline_on: datetime.date,
    target_value: Any,
    target_on: datetime.date,
    area_id: int | None = None,
    milestones: Iterable[MilestoneInput] = (),
) -> Goal:
    """A goal of a programme the actor may change, on an indicator of ``INDICATORS``.

    Field errors, nothing written: an undefined indicator, an area of another
    programme, no title, a target date not after the baseline date, a
    milestone outside the two dates or sharing a date with another, a
    percentage outside 0–100, a negative count, people or days. Audited as
    ``goal.saved``.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    if programme.archived_at is not None:
        raise ValidationError({"programme": [_("This programme is archived.")]})
    errors = Errors()
    fields, steps = _validated(
        errors,
        programme,
        indicator=indicator,
        area_id=area_id,
        title=title,
        baseline_value=baseline_value,
        baseline_on=baseline_on,
        target_value=target_value,
        target_on=target_on,
        milestones=milestones,
    )
    errors.raise_if_any()
    goal = Goal.objects.create(programme=programme, created_by=actor, **fields)
    Milestone.objects.bulk_create(Milestone(goal=goal, due_on=d, value=v) for d, v in steps)
    events.goal_saved(actor=actor, goal=goal)
    return goal


def _goal_locked(*, actor: User, goal_id: int) -> Goal:
    """The goal, under its programme's lock then its own: 404 unless the actor sees the
    programme, 403 unless they may change it."""
    programme_id = Goal.objects.filter(pk=goal_id).values_list("programme_id", flat=True).first()
    if programme_id is None:
        raise NotFound
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    return (
        Goal.objects.select_for_update()
        .select_related("programme")
        .get(pk=goal_id, programme=programme)
    )


@transaction.atomic
def goal_update(
    *,
    actor: User,
    goal_id: int,
    expected_version: int,
    indicator: str,
    title: str,
    baseline_value: Any,
    baseline_on: datetime.date,
    target_value: Any,
    target_on: datetime.date,
    area_id: int | None = None,
    milestones: Iterable[MilestoneInput] = (),
) -> Goal:
    """Change a goal and replace its milestones, if nobody changed it since ``expected_version``.

    The same field errors as ``goal_create``; an archived goal takes no
    change. A stale version raises ``StaleVersionError``. Audited as
    ``goal.saved`` with the fields that changed (``milestones`` among them).
    """
    goal = _goal_locked(actor=actor, goal_id=goal_id)
    if goal.archived_at is not None:
        raise ValidationError({"goal": [_("This goal is archived.")]})
    errors = Errors()
    fields, steps = _validated(
        errors,
        goal.programme,
        indicator=indicator,
        area_id=area_id,
        title=title,
        baseline_value=baseline_value,
        baseline_on=baseline_on,
        target_value=target_value,
        target_on=target_on,
        milestones=milestones,
    )
    errors.raise_if_any()
    changed = apply_changes(goal, expected_version=expected_version, changes=fields)
    current = list(goal.milestones.values_list("due_on", "value"))
    if current != steps:
        goal.milestones.all().delete()  # milestones are the goal's own rows, replaced whole
        Milestone.objects.bulk_create(Milestone(goal=goal, due_on=d, value=v) for d, v in steps)
        if not changed:
            goal.version += 1
            goal.save(update_fields=["version", "updated_at"])
        changed.append("milestones")
    changed = [name.removesuffix("_id") for name in changed]
    if changed:
        events.goal_saved(actor=actor, goal=goal, changed_fields=changed)
    return goal


@transaction.atomic
def goal_archive(*, actor: User, goal_id: int) -> Goal:
    """Archive a goal: kept, with its milestones, but no longer current.

    Archiving an archived goal changes nothing. Audited as ``goal.archived``.
    """
    goal = _goal_locked(actor=actor, goal_id=goal_id)
    if goal.archived_at is None:
        goal.archived_at = timezone.now()
        goal.version += 1
        goal.save(update_fields=["archived_at", "version", "updated_at"])
        events.goal_archived(actor=actor, goal=goal)
    return goal

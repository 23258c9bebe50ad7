"""The programmes' audit events: one named creator per event code.

Programmes hold aggregates only, so no event names a case or a survivor;
each names the programme's object. Services call these inside their
transaction.
"""

from django.db import models

from amparo.accounts.models import User
from amparo.audit import events as audit
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.programmes.models import Goal, ImportBatch, Programme, Release


def programme_saved(
    *, actor: User, programme: Programme, changed_fields: list[str] | None = None
) -> AuditEvent:
    """A programme created (no fields) or changed (the fields that changed)."""
    return audit.record(
        code=Code.PROGRAMME_SAVED, actor=actor, obj=programme, changed_fields=changed_fields
    )


def programme_archived(*, actor: User, programme: Programme) -> AuditEvent:
    return audit.record(code=Code.PROGRAMME_ARCHIVED, actor=actor, obj=programme)


def goal_saved(*, actor: User, goal: Goal, changed_fields: list[str] | None = None) -> AuditEvent:
    """A goal (or its milestones) created or changed."""
    return audit.record(code=Code.GOAL_SAVED, actor=actor, obj=goal, changed_fields=changed_fields)


def goal_archived(*, actor: User, goal: Goal) -> AuditEvent:
    return audit.record(code=Code.GOAL_ARCHIVED, actor=actor, obj=goal)


def measurement_recorded(*, actor: User, measurement: models.Model) -> AuditEvent:
    """A prevalence study wave, survey result or training entered on a page or the API."""
    return audit.record(code=Code.MEASUREMENT_RECORDED, actor=actor, obj=measurement)


def measurement_corrected(
    *, actor: User, measurement: models.Model, changed_fields: list[str]
) -> AuditEvent:
    return audit.record(
        code=Code.MEASUREMENT_CORRECTED,
        actor=actor,
        obj=measurement,
        changed_fields=changed_fields,
    )


def measurements_checked(*, actor: User, batch: ImportBatch) -> AuditEvent:
    """A file of measurements checked (the dry run); nothing imported yet."""
    return audit.record(code=Code.MEASUREMENTS_CHECKED, actor=actor, obj=batch, reason=batch.kind)


def measurements_imported(*, actor: User, batch: ImportBatch) -> AuditEvent:
    return audit.record(
        code=Code.MEASUREMENTS_IMPORTED,
        actor=actor,
        obj=batch,
        reason=f"{batch.kind}: {batch.imported_count}",
    )


def release_drafted(*, actor: User, release: Release) -> AuditEvent:
    """A release drafted, or its draft rebuilt (its figures computed again)."""
    return audit.record(code=Code.RELEASE_DRAFTED, actor=actor, obj=release)


def release_published(*, actor: User, release: Release) -> AuditEvent:
    """Approved by ``actor`` (not its drafter) and published, as version ``release.version``."""
    return audit.record(
        code=Code.RELEASE_PUBLISHED,
        actor=actor,
        obj=release,
        reason=f"version {release.version}",
    )


def release_discarded(*, actor: User, release: Release) -> AuditEvent:
    return audit.record(code=Code.RELEASE_DISCARDED, actor=actor, obj=release)

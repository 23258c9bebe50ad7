"""Optimistic concurrency for records edited by people."""

from typing import Any

from django.db import models
from django.utils.translation import gettext as _


class StaleVersionError(Exception):
    """The record changed since the caller read it; nothing was written."""

    def __init__(self, *, current_version: int) -> None:
        self.current_version = current_version
        super().__init__(
            _(
                "Someone else changed this record while you were editing it. "
                "Reload it to see their changes, then apply yours again."
            )
        )


def apply_changes(
    instance: models.Model, *, expected_version: int, changes: dict[str, Any]
) -> list[str]:
    """Set ``changes`` on a row locked with select_for_update, bumping its version.

    Returns the names of the fields that actually changed.
    """
    if instance.version != expected_version:  # type: ignore[attr-defined]
        raise StaleVersionError(current_version=instance.version)  # type: ignore[attr-defined]
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, changes[name])
    if changed:
        instance.version += 1  # type: ignore[attr-defined]
        instance.save(update_fields=[*changed, "version", "updated_at"])
    return changed

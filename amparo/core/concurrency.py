"""Concurrency for records edited by people: versions, row locks, "at most one" conflicts."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn, Protocol, TypeVar

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

ModelT = TypeVar("ModelT", bound=models.Model)


class Versioned(Protocol):
    """A model edited by people: a ``version`` bumped on every change (and ``updated_at``)."""

    version: int

    def save(self, *args: Any, **kwargs: Any) -> None: ...


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
    instance: Versioned, *, expected_version: int, changes: dict[str, Any]
) -> list[str]:
    """Set ``changes`` on a row locked with select_for_update, bumping its version.

    Returns the names of the fields that actually changed.
    """
    if instance.version != expected_version:
        raise StaleVersionError(current_version=instance.version)
    changed = [name for name, value in changes.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, changes[name])
    if changed:
        instance.version += 1
        instance.save(update_fields=[*changed, "version", "updated_at"])
    return changed


class ConflictError(ValidationError):
    """Another request made this change first; nothing was written.

    A ``ValidationError`` with field messages, so every page that shows a
    service's refusals shows this one too; the API answers it with 409.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__({field: [message]})


def refuse(field: str, message: str) -> NoReturn:
    """Refuse a write that a state re-read under the lock shows was already made."""
    raise ConflictError(field, message)


@contextmanager
def duplicate_refused(*, constraint: str, field: str, message: str) -> Iterator[None]:
    """Turn the "at most one" constraint ``constraint`` failing inside the block into
    a ``ConflictError``; the surrounding transaction stays usable (a savepoint).

    The lock a service takes already serialises its own callers; the constraint
    catches any other path, so what reaches the database twice is one row and a
    clear conflict, never a 500.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError as exc:
        name = getattr(getattr(exc.__cause__, "diag", None), "constraint_name", None)
        # PostgreSQL names the constraint; SQLite names only the columns, and the
        # block around one insert is narrow enough to take any uniqueness failure.
        if name is not None and name != constraint:
            raise
        raise ConflictError(field, message) from exc


def lock_fresh(instance: ModelT) -> ModelT:
    """Lock ``instance``'s row and re-read it under the lock, in place.

    What a service checks must be read after the lock: a copy loaded before it
    may already be out of date when the lock is granted.
    """
    manager = type(instance)._default_manager
    instance.refresh_from_db(from_queryset=manager.select_for_update())
    return instance

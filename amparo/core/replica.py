"""Reporting reads from a PostgreSQL streaming replica; everything else uses the primary.

A replica lags the primary by a moment, so only code that can show a figure
a few seconds old reads from it: the reporting dashboards and exports enter
``reading_from_replica()``, and inside it ``ReplicaRouter`` sends their
reads to ``settings.AMPARO_REPORTING_DATABASE`` (the ``replica`` alias when
``DATABASE_REPLICA_URL`` is set, else ``default``). Outside it, and for every
write, the router says nothing and Django uses ``default``: a case page reads
what its user has just written. A read meant for a write (``select_for_update``,
``get_or_create``) is a write to the router, so it goes to the primary too.
Migrations run on the primary only; the replica receives them by replication.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

_reporting: ContextVar[bool] = ContextVar("amparo_reading_from_replica", default=False)


@contextmanager
def reading_from_replica() -> Iterator[None]:
    """Route the block's reads to the reporting database (the replica, if any)."""
    token = _reporting.set(True)
    try:
        yield
    finally:
        _reporting.reset(token)


def reporting_database() -> str:
    """The alias reads go to inside ``reading_from_replica()``."""
    return str(getattr(settings, "AMPARO_REPORTING_DATABASE", DEFAULT_DB_ALIAS))


class ReplicaRouter:
    """Reads inside ``reading_from_replica()`` to the replica; all else to the primary."""

    def db_for_read(self, model: type, **hints: object) -> str | None:
        return reporting_database() if _reporting.get() else None

    def db_for_write(self, model: type, **hints: object) -> str | None:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: object, obj2: object, **hints: object) -> bool:
        # The replica holds the primary's rows: an object read from either is the same row.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: object) -> bool:
        return db == DEFAULT_DB_ALIAS

"""A world built once and shared by the tests of a module or class, as Django's
``setUpTestData`` shares one: built in a transaction, rolled back after the last of them.

Each test still asks for ``db``, which opens its own savepoint inside that
transaction, so what one test writes is undone before the next reads the world.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction
from pytest_django import DjangoDbBlocker


@contextmanager
def rolled_back(django_db_blocker: DjangoDbBlocker) -> Iterator[None]:
    """Database access for a fixture wider than one test; everything it wrote is undone after."""
    with django_db_blocker.unblock(), transaction.atomic():
        try:
            yield
        finally:
            transaction.set_rollback(True)

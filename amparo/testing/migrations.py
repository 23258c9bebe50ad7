"""For tests of a data migration: the database goes back to the latest schema after them."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.fixture
def latest_schema_after():
    """Going back to a migration unapplies every migration that depends on it: the test
    leaves the database on the latest schema again for the tests after it."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

"""Fixtures every app's tests share.

- ``cast``: the standing cast (``amparo.testing.cast``, whose docstring names its
  people); ``Cast`` and ``MAY_OPEN_CASE`` are importable from here too.
- ``claims_are_requested`` (autouse): a test marked ``covers`` must request the
  routes it claims (``amparo.testing.matrix``).
- ``browser``/``page``: one Playwright instance per test process.
- ``latest_schema_after``: a data migration's test ends on the latest schema.
- ``migrated_reference_data``: the reference data the race tests load after a flush.
"""

import pytest

from amparo.testing.browser import PHONE, SHOTS, browser, page  # noqa: F401
from amparo.testing.cast import MAY_OPEN_CASE, Cast, cast  # noqa: F401
from amparo.testing.matrix import MARKER, claims_are_requested  # noqa: F401
from amparo.testing.migrations import latest_schema_after  # noqa: F401
from amparo.testing.races import migrated_reference_data  # noqa: F401


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)


@pytest.fixture(autouse=True)
def english_after_each_test():
    """Each test starts and ends in English.

    ``LocaleMiddleware`` leaves the language of a Spanish request active in
    the thread, so without this a later test would read Spanish labels.
    """
    from django.utils import translation

    translation.activate("en")
    yield
    translation.activate("en")

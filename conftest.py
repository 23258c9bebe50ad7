"""Fixtures every app's tests share: the standing cast (amparo.testing.cast, whose
docstring names its people), the browser and the race tests' reference data."""

# The standing cast; ``Cast`` and ``MAY_OPEN_CASE`` are imported from here by older tests.
# One Playwright instance per test process, shared by every browser test.
from amparo.testing.browser import PHONE, SHOTS, browser, page  # noqa: F401
from amparo.testing.cast import MAY_OPEN_CASE, Cast, cast  # noqa: F401
from amparo.testing.races import migrated_reference_data  # noqa: F401

"""The indicators read every app's records: their tests use those apps' fixtures."""

from amparo.aftercare.tests.conftest import old_case
from amparo.justice.tests.conftest import legal_case, world
from amparo.network.tests.conftest import net

__all__ = ["legal_case", "net", "old_case", "world"]

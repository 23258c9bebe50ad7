"""Settings for the test suite: fixed, obviously fake keys and fast hashing."""

import os

os.environ.setdefault("AMPARO_ENV", "test")
os.environ.setdefault("SECRET_KEY", "test-secret-key-not-for-production-" + "x" * 20)
os.environ.setdefault("AMPARO_ENCRYPTION_KEYS", "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdDE=")
os.environ.setdefault("AMPARO_BLIND_INDEX_KEY", "test-blind-index-key")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")

from config.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AMPARO_REQUIRE_MFA = True
# Static files are served from the finders in tests; an empty root keeps
# WhiteNoise from warning on every request.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(exist_ok=True)  # noqa: F405
# Only the test suite's flush may empty the audit trail between transactional
# tests (amparo/testing/management/commands/flush.py).
INSTALLED_APPS = [*INSTALLED_APPS, "amparo.testing"]  # noqa: F405
# The CI proof that reporting reads from a streaming replica
# (amparo/reporting/tests/test_replica.py) names the replica's server here. Every
# other test keeps reporting on the primary: a replica sees only committed rows,
# and an ordinary test's rows are never committed.
AMPARO_TEST_REPLICA_URL = os.environ.get("AMPARO_TEST_REPLICA_URL", "")
if AMPARO_TEST_REPLICA_URL:
    DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
AMPARO_REPORTING_DATABASE = "default"

"""Production settings pass Django's deployment checks and fail fast without secrets."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

BASE_DIR = Path(__file__).resolve().parents[3]


def _production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "AMPARO_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "AMPARO_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
        "AMPARO_BLIND_INDEX_KEY": secrets.token_urlsafe(32),
        "ALLOWED_HOSTS": "amparo.example.org",
        "AMPARO_BASE_URL": "https://amparo.example.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.sqlite3'}",
    }
    for name, value in overrides.items():
        if value is None:
            env.pop(name)
        else:
            env[name] = value
    return env


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 - fixed arguments, our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deployment_checks(tmp_path):
    result = _manage(_production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing",
    ["SECRET_KEY", "AMPARO_ENCRYPTION_KEYS", "AMPARO_BLIND_INDEX_KEY", "AMPARO_BASE_URL"],
)
def test_a_missing_secret_stops_start_up_naming_the_variable(tmp_path, missing):
    result = _manage(_production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert missing in result.stderr


def test_a_malformed_encryption_key_is_refused(tmp_path):
    env = _production_env(tmp_path, AMPARO_ENCRYPTION_KEYS="not-a-key")
    result = _manage(env, "shell", "-c", "from amparo.core import crypto; crypto.encrypt('x')")
    assert result.returncode != 0
    assert "AMPARO_ENCRYPTION_KEYS" in result.stderr


def test_debug_in_production_refuses_to_start(tmp_path):
    result = _manage(_production_env(tmp_path, DEBUG="true"), "check")
    assert result.returncode != 0
    assert "DEBUG=true is refused with AMPARO_ENV=production" in result.stderr


def test_debug_is_allowed_in_development(tmp_path):
    env = _production_env(tmp_path, DEBUG="true", AMPARO_ENV="development", AMPARO_BASE_URL=None)
    result = _manage(env, "check")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://localhost", "https://[::1]/", "amparo.example.org"]
)
def test_production_base_url_must_be_a_real_address(tmp_path, url):
    result = _manage(_production_env(tmp_path, AMPARO_BASE_URL=url), "check")
    assert result.returncode != 0
    assert "AMPARO_BASE_URL" in result.stderr


@pytest.mark.parametrize("days", ["0", "400", "ninety"])
def test_token_lifetime_must_be_sensible(tmp_path, days):
    result = _manage(_production_env(tmp_path, AMPARO_API_TOKEN_DAYS=days), "check")
    assert result.returncode != 0
    assert "AMPARO_API_TOKEN_DAYS" in result.stderr


@pytest.mark.parametrize("days", ["0", "367", "a month"])
def test_intake_draft_retention_must_be_sensible(tmp_path, days):
    result = _manage(_production_env(tmp_path, AMPARO_INTAKE_DRAFT_DAYS=days), "check")
    assert result.returncode != 0
    assert "AMPARO_INTAKE_DRAFT_DAYS" in result.stderr


@pytest.mark.parametrize(
    "overrides",
    [
        {"AMPARO_SCHEDULE_MAX_YEARS": "0"},
        {"AMPARO_SCHEDULE_MAX_YEARS": "10", "AMPARO_VALIDITY_MAX_YEARS": "5"},
        {"AMPARO_VALIDITY_MAX_YEARS": "8000"},
    ],
)
def test_date_horizons_out_of_order_or_range_stop_start_up(tmp_path, overrides):
    result = _manage(_production_env(tmp_path, **overrides), "check")
    assert result.returncode != 0
    assert "AMPARO_SCHEDULE_MAX_YEARS" in result.stderr


@pytest.mark.parametrize("seconds", ["-1", "901", "soon"])
def test_the_session_refresh_must_fit_the_idle_timeout(tmp_path, seconds):
    result = _manage(_production_env(tmp_path, SESSION_REFRESH_SECONDS=seconds), "check")
    assert result.returncode != 0
    assert "SESSION_REFRESH_SECONDS" in result.stderr


def test_a_replica_and_pgbouncer_come_from_the_environment(tmp_path):
    show = (
        "from django.conf import settings as s; d = s.DATABASES; "
        "print(sorted(d), d['replica']['HOST'], d['replica']['TEST']['MIRROR'], "
        "d['default']['DISABLE_SERVER_SIDE_CURSORS'], d['default']['OPTIONS'], "
        "d['default']['CONN_MAX_AGE'], d['default']['CONN_HEALTH_CHECKS'], "
        "s.AMPARO_REPORTING_DATABASE)"
    )
    env = _production_env(
        tmp_path,
        DATABASE_URL="postgres://amparo_app:x@pgbouncer:6432/amparo",
        DATABASE_REPLICA_URL="postgres://amparo_app:x@pgbouncer-replica:6432/amparo",
        DATABASE_PGBOUNCER="true",
        DATABASE_CONN_MAX_AGE="120",
    )
    result = _manage(env, "shell", "-c", show)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1].split() == [
        "['default',",
        "'replica']",
        "pgbouncer-replica",
        "default",
        "True",
        "{'prepare_threshold':",
        "None}",
        "120",
        "True",
        "replica",
    ]

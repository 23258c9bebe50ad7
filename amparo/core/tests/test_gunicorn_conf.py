"""``config/gunicorn.conf.py``: read from the environment, accepted by Gunicorn itself."""

import runpy
import subprocess
import sys
from pathlib import Path

from django.conf import settings

CONF = Path(settings.BASE_DIR) / "config" / "gunicorn.conf.py"


def test_sizes_and_timeouts_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_THREADS", "8")
    monkeypatch.setenv("GUNICORN_TIMEOUT", "45")
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:8000")
    conf = runpy.run_path(str(CONF))
    assert (conf["workers"], conf["threads"], conf["timeout"]) == (3, 8, 45)
    assert conf["worker_class"] == "gthread"
    assert conf["bind"] == ["0.0.0.0:8000"]
    # Nested timeouts: the queue-time refusal comes long before a worker is killed.
    assert conf["timeout"] > settings.AMPARO_MAX_QUEUE_SECONDS


def test_gunicorn_accepts_the_file():
    result = subprocess.run(  # noqa: S603  # our own gunicorn, our own file
        [
            Path(sys.executable).parent / "gunicorn",
            "--check-config",
            "-c",
            str(CONF),
            "config.wsgi",
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=settings.BASE_DIR,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]

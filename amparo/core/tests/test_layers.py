"""Apps import only downward: import-linter's layers contract (``[tool.importlinter]``).

The contract counts imports inside functions and under ``TYPE_CHECKING`` too.
Run here as well as in ``make lint`` so that ``make test`` fails on an upward
import.
"""

import subprocess
import sys
from pathlib import Path

from amparo.core.tests.source import REPO


def test_apps_import_only_downward():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    result = subprocess.run(  # noqa: S603 - our own linter, fixed arguments
        [str(lint_imports), "--no-cache", "--config", str(REPO / "pyproject.toml")],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr

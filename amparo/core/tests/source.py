"""Reading Amparo's own source, for the tests that keep the house rules.

App code is every module under ``amparo/`` except tests, the test factories
(``amparo/testing``) and migrations.
"""

import ast
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPO = ROOT.parent
_EVENTS_MODULE = re.compile(r"^amparo(\.\w+)?\.events$")
_WRITES = ("create", "bulk_create", "get_or_create", "update_or_create")


def relative(path: Path) -> str:
    """``amparo/cases/services/intake.py``: the name a test reports and an allowlist holds."""
    return path.relative_to(REPO).as_posix()


def python_files(*, tests: bool = False) -> Iterator[Path]:
    """Every Python module of ``amparo/`` (app code; with ``tests``, the tests too), sorted."""
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if "migrations" in parts:
            continue
        if not tests and ("tests" in parts or parts[0] == "testing"):
            continue
        yield path


@cache
def tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(), filename=str(path))


def called_name(call: ast.Call) -> str | None:
    """The last name of what is called: ``record`` for ``events.record(...)`` or ``record(...)``."""
    func = call.func
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def calls(path: Path) -> Iterator[ast.Call]:
    return (node for node in ast.walk(tree(path)) if isinstance(node, ast.Call))


def audit_writes(path: Path) -> list[int]:
    """Lines of ``path`` that write an audit event: a call of an ``events`` module's
    function (``events.case_viewed(...)``, or one imported by name), or of ``AuditEvent``'s
    manager."""
    modules: set[str] = set()
    functions: set[str] = set()
    for node in ast.walk(tree(path)):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if alias.name == "events" and node.module.startswith("amparo"):
                    modules.add(alias.asname or alias.name)
                elif _EVENTS_MODULE.match(node.module):
                    functions.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if _EVENTS_MODULE.match(alias.name):
                    modules.add(alias.asname or alias.name)
    lines = []
    for call in calls(path):
        func = call.func
        if isinstance(func, ast.Name) and func.id in functions:
            lines.append(call.lineno)
        elif isinstance(func, ast.Attribute):
            owner = ast.unparse(func.value)
            writes_rows = owner == "AuditEvent.objects" and func.attr in _WRITES
            if owner in modules or writes_rows:
                lines.append(call.lineno)
    return sorted(lines)


def is_view_module(path: Path) -> bool:
    """A page or API module: ``views.py``, ``api.py``, or one inside ``views/`` or ``api/``."""
    parts = path.relative_to(ROOT).parts
    return path.stem in ("views", "api") or "views" in parts[:-1] or "api" in parts[:-1]

"""Audit events are written through small named creators, one per event code.

Each app's ``events.py`` holds a creator per code it owns; the creator fills
the case and survivor links for its object, so no caller can forget whose file
an event concerns. Only those modules call the primitives (``record``,
``record_per_case``), and no page or API module writes an event itself: it
calls a service or selector that does.

The ``PENDING_...`` allowlists name today's offenders, which issue 12 removes;
the lead empties them at merge, and a test fails when an entry is stale.
"""

import ast
from collections import defaultdict

from amparo.audit.events import Code
from amparo.core.tests.source import (
    ROOT,
    audit_writes,
    called_name,
    calls,
    is_view_module,
    python_files,
    relative,
    tree,
)

PRIMITIVES = ("record", "record_per_case")

# Modules that still call the primitives themselves (issue 12: lead empties at merge).
PENDING_PRIMITIVE_CALLERS = set()
# Page and API modules that still write an audit event (issue 12: lead empties at merge).
PENDING_VIEW_AUDIT_WRITES = set()
# Codes written today through record(code=...) only (issue 12: lead empties at merge).
PENDING_CODES_WITHOUT_CREATOR = set()


def _primitive_callers() -> dict[str, list[int]]:
    found: dict[str, list[int]] = {}
    for path in python_files():
        if path.name == "events.py":
            continue
        lines = [call.lineno for call in calls(path) if called_name(call) in PRIMITIVES]
        if lines:
            found[relative(path)] = lines
    return found


def _creators_by_code() -> dict[str, list[str]]:
    """For each code, the named creators (``app.events.function``) that write it."""
    creators: dict[str, list[str]] = defaultdict(list)
    for path in sorted(ROOT.glob("*/events.py")):
        for node in tree(path).body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if node.name in PRIMITIVES:
                continue
            codes = {
                child.attr
                for child in ast.walk(node)
                if isinstance(child, ast.Attribute)
                and isinstance(child.value, ast.Name)
                and child.value.id == "Code"
            }
            for code in codes:
                creators[code].append(f"{path.parent.name}.events.{node.name}")
    return creators


def test_only_the_named_creators_call_the_audit_primitives():
    found = _primitive_callers()
    new = {path: lines for path, lines in found.items() if path not in PENDING_PRIMITIVE_CALLERS}
    assert new == {}, (
        "Write audit events through a named creator in your app's events.py, "
        f"not record()/record_per_case(): {new}"
    )


def test_no_page_or_api_module_writes_an_audit_event():
    found = {
        relative(path): audit_writes(path)
        for path in python_files()
        if is_view_module(path) and audit_writes(path)
    }
    new = {path: lines for path, lines in found.items() if path not in PENDING_VIEW_AUDIT_WRITES}
    assert new == {}, f"A view calls a service or selector that writes the event: {new}"


def test_every_code_has_exactly_one_named_creator():
    creators = _creators_by_code()
    missing = {code.name for code in Code} - set(creators)
    missing -= {code.name for code in PENDING_CODES_WITHOUT_CREATOR}
    assert missing == set(), f"Codes with no named creator in any app's events.py: {missing}"
    shared = {code: names for code, names in creators.items() if len(names) > 1}
    assert shared == {}, f"A code has one creator, in the app that owns it: {shared}"
    unknown = set(creators) - {code.name for code in Code}
    assert unknown == set(), f"Creators name codes that do not exist: {unknown}"


def test_the_pending_allowlists_name_only_todays_offenders():
    """An offender that was fixed leaves its allowlist, so none can come back unseen."""
    callers = set(_primitive_callers())
    assert PENDING_PRIMITIVE_CALLERS - callers == set()
    writers = {relative(p) for p in python_files() if is_view_module(p) and audit_writes(p)}
    assert PENDING_VIEW_AUDIT_WRITES - writers == set()
    creators = _creators_by_code()
    assert {code.name for code in PENDING_CODES_WITHOUT_CREATOR} & set(creators) == set()

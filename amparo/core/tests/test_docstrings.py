"""Every public service and selector says what it guarantees, and is typed.

STYLE.md: docstrings on services and selectors say what they guarantee; type
hints on services and selectors. A function whose name starts with ``_`` is
the module's own business and exempt.
"""

import ast
import re

from amparo.core.tests.source import python_files, relative, tree

_SERVICE_OR_SELECTOR = re.compile(r"^amparo/\w+/(services|selectors)\w*(\.py$|/)")

# Functions without a docstring today (issue 12 writes them: lead empties at merge).
PENDING_WITHOUT_DOCSTRING = set()
# Functions not fully typed today (issue 12 types them: lead empties at merge).
PENDING_UNTYPED = set()


def _public_functions() -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    found = []
    for path in python_files():
        if not _SERVICE_OR_SELECTOR.match(relative(path)):
            continue
        for node in tree(path).body:
            public = not getattr(node, "name", "_").startswith("_")
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and public:
                found.append((f"{relative(path)}::{node.name}", node))
    return found


def _is_typed(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    args = node.args
    params = [*args.posonlyargs, *args.args, *args.kwonlyargs]
    params += [arg for arg in (args.vararg, args.kwarg) if arg is not None]
    return node.returns is not None and all(param.annotation is not None for param in params)


def _without_docstring() -> set[str]:
    return {name for name, node in _public_functions() if not ast.get_docstring(node)}


def _untyped() -> set[str]:
    return {name for name, node in _public_functions() if not _is_typed(node)}


def test_every_service_and_selector_has_a_docstring():
    missing = _without_docstring() - PENDING_WITHOUT_DOCSTRING
    assert missing == set(), f"Say what these guarantee, in a docstring: {sorted(missing)}"


def test_every_service_and_selector_is_typed():
    untyped = _untyped() - PENDING_UNTYPED
    assert untyped == set(), f"Annotate every parameter and the return of: {sorted(untyped)}"


def test_the_pending_allowlists_name_only_todays_offenders():
    assert PENDING_WITHOUT_DOCSTRING - _without_docstring() == set()
    assert PENDING_UNTYPED - _untyped() == set()

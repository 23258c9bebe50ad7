"""App code raises the two access errors of ``amparo.core.exceptions`` and nothing else.

``NotFound`` (404: not yours to know) and ``Denied`` (403: known, not yours to
do). Never Python's ``PermissionError``, and never Django's ``PermissionDenied``
or ``Http404`` themselves: ``Denied`` and ``NotFound`` subclass them, so pages
and the API map them in one place.
"""

import ast

from django.core.exceptions import PermissionDenied
from django.http import Http404

from amparo.core.exceptions import Denied, NotFound
from amparo.core.tests.source import python_files, relative, tree

FORBIDDEN = ("PermissionError", "PermissionDenied", "Http404")

# Modules that still raise one of them today (issue 12 switches them to
# Denied/NotFound: lead empties at merge).
PENDING_RAISERS = set()


def _raised_name(node: ast.Raise) -> str | None:
    exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
    if isinstance(exc, ast.Name):
        return exc.id
    if isinstance(exc, ast.Attribute):
        return exc.attr
    return None


def _raisers() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in python_files():
        for node in ast.walk(tree(path)):
            if isinstance(node, ast.Raise) and _raised_name(node) in FORBIDDEN:
                found.setdefault(relative(path), []).append(f"{_raised_name(node)} l.{node.lineno}")
    return found


def test_app_code_raises_only_denied_and_not_found():
    found = {path: raises for path, raises in _raisers().items() if path not in PENDING_RAISERS}
    assert found == {}, f"Raise Denied or NotFound (amparo.core.exceptions): {found}"


def test_the_two_errors_are_the_ones_django_and_drf_map():
    assert issubclass(Denied, PermissionDenied)
    assert issubclass(NotFound, Http404)


def test_the_pending_allowlist_names_only_todays_offenders():
    assert PENDING_RAISERS - set(_raisers()) == set()

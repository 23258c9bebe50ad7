"""Which routes the access matrices cover, and the checks that keep the claim honest.

An access matrix asks the standing cast (``amparo.testing.cast``) about routes and
says which with the ``covers`` marker, on the test or on one of its parameters::

    @covers("case_file", "api-case GET", "api-case PATCH")
    def test_...

    @pytest.mark.parametrize("page", [pytest.param(p, marks=covers(p.name)) for p in PAGES])

A page is claimed by its route name; an API route by its name and each method it
answers. Two checks hold the claims to the truth:

- ``claims_are_requested`` (autouse in the root ``conftest.py``): while a test that
  claims routes runs, every request it makes is resolved to its route; a claimed route
  it never requested (with that method, for an API route) fails the test.
- ``amparo/core/tests/test_route_coverage.py``: every route of the registry
  (``amparo.core.routes``) is claimed by some matrix, and every claim names a real route.
"""

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from types import ModuleType
from typing import Any

import pytest
from _pytest.mark.structures import Mark, ParameterSet  # ParameterSet is not public
from django.core.signals import request_started
from django.urls import Resolver404, resolve

import amparo
from amparo.core.routes import ANY_METHOD, Route

covers = pytest.mark.covers
MARKER = "covers(*routes): the routes an access matrix asks the cast about"


def route_key(route: Route) -> str:
    """A route's name, or its pattern when it has none (the admin's redirects)."""
    if route.name and not route.name.endswith(":"):
        return route.name
    return route.pattern


def claims_of(route: Route) -> set[str]:
    """What a matrix must claim to cover ``route``: a page by name, an API route by
    name and each method."""
    if not route.is_api:
        return {route_key(route)}
    return {f"{route_key(route)} {method}" for method in route.methods if method != ANY_METHOD}


def _requested(path: str, method: str) -> tuple[str, str] | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return (match.view_name if match.url_name else match.route), method


def _satisfied(claim: str, requested: set[tuple[str, str]]) -> bool:
    name, _, method = claim.partition(" ")
    return any(name == seen and method in ("", made) for seen, made in requested)


@pytest.fixture(autouse=True)
def claims_are_requested(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails a test that claims to cover a route it never requested."""
    claims = [claim for mark in request.node.iter_markers("covers") for claim in mark.args]
    if not claims:
        yield
        return
    requested: set[tuple[str, str]] = set()

    def record(sender: object, environ: dict[str, Any], **kwargs: object) -> None:
        seen = _requested(environ["PATH_INFO"], environ["REQUEST_METHOD"])
        if seen is not None:
            requested.add(seen)

    request_started.connect(record, weak=False)
    try:
        yield
    finally:
        request_started.disconnect(record)
    unrequested = sorted(c for c in claims if not _satisfied(c, requested))
    assert not unrequested, f"claimed by covers() but never requested: {unrequested}"


def all_test_modules() -> Iterator[ModuleType]:
    """Every ``test_*`` module under ``amparo``."""
    for info in pkgutil.walk_packages(amparo.__path__, "amparo."):
        if ".tests." in info.name and info.name.rsplit(".", 1)[1].startswith("test_"):
            yield importlib.import_module(info.name)


def _marks(obj: object) -> list[Mark]:
    marks = getattr(obj, "pytestmark", [])
    return list(marks) if isinstance(marks, list) else [marks]


def _claims_in_marks(marks: Iterable[Mark]) -> Iterator[str]:
    for mark in marks:
        if mark.name == "covers":
            yield from mark.args
        elif mark.name == "parametrize":
            values = mark.args[1] if len(mark.args) > 1 else mark.kwargs.get("argvalues", [])
            for value in values:
                if isinstance(value, ParameterSet):
                    yield from _claims_in_marks(
                        m.mark if isinstance(m, pytest.MarkDecorator) else m for m in value.marks
                    )


def declared_claims(modules: Iterable[ModuleType]) -> set[str]:
    """Every route claimed by a ``covers`` marker in ``modules``: on a module, a test
    or a test's parameters."""
    claims: set[str] = set()
    for module in modules:
        claims.update(_claims_in_marks(_marks(module)))
        for name, obj in vars(module).items():
            if name.startswith("test") and callable(obj):
                claims.update(_claims_in_marks(_marks(obj)))
    return claims

"""Every route the project serves, classified by what it shows.

Each urls module that defines routes declares, beside ``urlpatterns``, a
``ROUTE_ACCESS`` dict keyed by route name. A value is one class for every
method the view answers, or a dict by HTTP method::

    ROUTE_ACCESS = {
        "caseload": SIGNED_IN,
        "case_file": READS,
        "note_add": FORM,  # GET shows the form on the file (a read), POST writes
        "api-cases": {"GET": SIGNED_IN, "POST": WRITES},
    }

Routes of a third-party app (allauth, the admin) are classified in the
module that includes them (``config/urls.py``); ``"namespace:*"`` classifies
a whole namespace.

The classes:

- ``PUBLIC``: answers without signing in, and shows nothing of anyone.
- ``SIGNED_IN``: needs a signed-in user and shows no survivor's file: the
  user's own account and work, reference data, aggregates, and lists that
  name cases only by case code and pseudonym.
- ``READS``: shows a survivor's data. Its selector must write an audit event
  naming the case (and so the survivor) of *each* survivor it shows, so the
  read appears in that survivor's "who has seen this file".
- ``WRITES``: changes data; the service writes its own named audit event.

``amparo/audit/tests/test_route_registry.py`` walks every route and every
API method: an unclassified one fails, and so does a ``READS`` one that the
test cannot exercise or that writes no event naming each survivor it showed.

Each route also carries the permission its view declares (``required_perms``:
set by ``perm_required_view`` on a page, a class attribute on an API view), so
``amparo/core/tests/test_routes.py`` finds a view that declares none.
"""

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from types import ModuleType

from django.urls import URLPattern, URLResolver, get_resolver


class Access(StrEnum):
    PUBLIC = "public"
    SIGNED_IN = "signed_in"
    READS = "reads"
    WRITES = "writes"


PUBLIC = Access.PUBLIC
SIGNED_IN = Access.SIGNED_IN
READS = Access.READS
WRITES = Access.WRITES
# A page holding one form about a record: its GET shows the record, its POST writes.
FORM: Mapping[str, Access] = {"GET": READS, "POST": WRITES}

AccessSpec = Access | Mapping[str, Access]
ANY_METHOD = "*"
_API_METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Route:
    """One route: ``methods`` are those its view handles (``*`` for a plain function
    view, which may answer any); ``access`` maps each to its class, or is None."""

    name: str
    pattern: str
    methods: tuple[str, ...]
    access: Mapping[str, Access] | None
    is_api: bool
    # By method, what the view declares it needs: Perm values, () for any member,
    # None for nothing declared.
    declared_perms: Mapping[str, tuple[str, ...] | None]
    module: str

    def access_for(self, method: str) -> Access | None:
        if self.access is None:
            return None
        return self.access.get(method, self.access.get(ANY_METHOD))

    def unclassified_methods(self) -> list[str]:
        return [m for m in self.methods if self.access_for(m) is None]

    def undeclared_methods(self) -> list[str]:
        """The methods whose view declares no permission (``required_perms``)."""
        return [m for m in self.methods if self.declared_perms.get(m) is None]


def _view_methods(callback: object) -> tuple[tuple[str, ...], bool]:
    view_class = getattr(callback, "cls", None)
    if view_class is not None and hasattr(view_class, "permission_classes"):
        # A DRF view (or ``by_method``'s combination): the handlers it defines.
        return tuple(m.upper() for m in _API_METHODS if hasattr(view_class, m)), True
    view_class = getattr(callback, "view_class", None)
    if view_class is not None:
        handled = tuple(m.upper() for m in _API_METHODS if hasattr(view_class, m))
        return (handled or (ANY_METHOD,)), False
    return (ANY_METHOD,), False


def _declared_perms(
    callback: object, methods: tuple[str, ...]
) -> dict[str, tuple[str, ...] | None]:
    operations = getattr(callback, "operations", None)  # ``by_method``: one view per method
    if operations is not None:
        return {m: getattr(operations.get(m), "required_perms", None) for m in methods}
    owner = getattr(callback, "cls", None) or callback
    return {m: getattr(owner, "required_perms", None) for m in methods}


def _declared(module: ModuleType | None) -> Mapping[str, AccessSpec]:
    return getattr(module, "ROUTE_ACCESS", {}) if module is not None else {}


def _as_mapping(spec: AccessSpec | None) -> Mapping[str, Access] | None:
    if spec is None:
        return None
    if isinstance(spec, Access):
        return {ANY_METHOD: spec}
    return dict(spec)


def _lookup(
    stack: list[Mapping[str, AccessSpec]], namespace: str, name: str | None
) -> AccessSpec | None:
    keys = [f"{namespace}:{name}" if namespace else name] if name else []
    if namespace:
        keys.append(f"{namespace}:*")
    # The innermost declaration wins: the module that defines the route knows it best.
    for declared in reversed(stack):
        for key in keys:
            if key in declared:
                return declared[key]
    return None


def _module(resolver: URLResolver) -> ModuleType | None:
    urlconf = resolver.urlconf_name
    if isinstance(urlconf, str):
        return import_module(urlconf)
    return urlconf if isinstance(urlconf, ModuleType) else None


def _walk(
    resolver: URLResolver, prefix: str, namespace: str, stack: list[Mapping[str, AccessSpec]]
) -> Iterator[Route]:
    stack = [*stack, _declared(_module(resolver))]
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace or "") if n)
            yield from _walk(entry, prefix + str(entry.pattern), inner, stack)
        elif isinstance(entry, URLPattern):
            methods, is_api = _view_methods(entry.callback)
            access = _as_mapping(_lookup(stack, namespace, entry.name))
            if methods == (ANY_METHOD,) and access and ANY_METHOD not in access:
                # A function view classified by method answers those methods only.
                methods = tuple(access)
            name = entry.name or ""
            yield Route(
                name=f"{namespace}:{name}" if namespace else name,
                pattern=prefix + str(entry.pattern),
                methods=methods,
                access=access,
                is_api=is_api,
                declared_perms=_declared_perms(entry.callback, methods),
                module=getattr(entry.callback, "__module__", ""),
            )


def all_routes() -> list[Route]:
    """Every route of the project's URLconf, with its classification (None if missing)."""
    return list(_walk(get_resolver(), "", "", []))


def unclassified_routes() -> list[str]:
    """``pattern [methods]`` of every route, or method of one, that has no class."""
    return [
        f"{route.name or '(unnamed)'} {route.pattern} {route.unclassified_methods()}"
        for route in all_routes()
        if route.unclassified_methods()
    ]

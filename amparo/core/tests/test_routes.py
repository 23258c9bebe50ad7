"""Each page and API view declares the permission it needs (``required_perms``).

One mechanism for both: ``perm_required_view`` / ``member_required_view`` on
a page, the class attribute on an API view (``amparo.core.api_base.ApiView``),
enforced by the same helper. Public routes and other packages' views (allauth,
the admin) are exempt.
"""

from amparo.accounts.roles import Perm
from amparo.core.routes import PUBLIC, Route, all_routes

# API operations that still check their permission inside the handler (issue 12
# declares it instead: lead empties at merge).
PENDING_UNDECLARED = set()


def _ours(route: Route) -> bool:
    return route.module.startswith("amparo.")


def _undeclared() -> set[str]:
    return {
        f"{route.name} {method}"
        for route in all_routes()
        if _ours(route)
        for method in route.undeclared_methods()
        if route.access_for(method) != PUBLIC
    }


def test_every_view_declares_the_permission_it_needs():
    undeclared = _undeclared() - PENDING_UNDECLARED
    assert undeclared == set(), (
        "Declare what these need: perm_required_view(...) on a page, "
        f"required_perms = (...) on an API view: {sorted(undeclared)}"
    )


def test_a_declaration_names_known_permissions():
    known = {perm.value for perm in Perm}
    unknown = {
        f"{route.name} {method}: {perm}"
        for route in all_routes()
        for method, perms in route.declared_perms.items()
        for perm in perms or ()
        if perm not in known
    }
    assert unknown == set()


def test_the_pending_allowlist_names_only_todays_offenders():
    assert PENDING_UNDECLARED - _undeclared() == set()

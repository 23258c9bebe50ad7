"""What the page frame knows of the signed-in member: their membership and ``can``.

``can`` holds one flag per permission (``can.intake``) and, for the header
menu, whether each of its pages would let the member in (``can.open.<route>``)
and whether a menu group has any such page (``can.group.<name>``). The page
flags are read from the permissions each page's view declares
(``required_perms``, the attribute ``perm_required_view`` sets and the route
registry reads), never restated here: the menu cannot offer a page that would
refuse, nor hide one that would answer.
"""

from collections.abc import Mapping
from functools import cache

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_urlconf

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.routes import all_routes

# The header menu's groups and the pages each links to, by route name, in the
# order they are shown. A group none of whose pages admits the member is not shown.
NAV_GROUPS: Mapping[str, tuple[str, ...]] = {
    "cases": ("my_work", "caseload", "intake_start", "rescue_list"),
    "justice": ("legal_caseload", "legal_hearings"),
    "restoration": ("facility_list", "restoration_dashboard"),
    "network": ("referral_inbox", "agreement_list", "notification_list"),
    "reports": (
        "justice_dashboard",
        "restoration_dashboard",
        "network_dashboard",
        "programme_list",
    ),
    "exchange": ("exchange_export", "exchange_imports"),
    "admin": ("member_list", "org_token_list", "instrument_admin", "agreement_new"),
    "account": ("my_account", "token_list"),
}
NAV_ROUTES = frozenset(route for routes in NAV_GROUPS.values() for route in routes)


@cache
def _declared_by_route(urlconf: str) -> Mapping[str, tuple[str, ...] | None]:
    """What the view of each menu page declares it needs to show the page (its GET)."""
    declared: dict[str, tuple[str, ...] | None] = {}
    for route in all_routes():
        if route.name in NAV_ROUTES:
            perms = route.declared_perms
            declared[route.name] = perms.get("GET", perms.get("*"))
    return declared


def _opens(user: User, perms: tuple[str, ...] | None) -> bool:
    # As ``declared_perms_required`` decides for a member: any one of the perms, or
    # none at all for a page of any member. A page that declares nothing is not offered.
    if perms is None:
        return False
    return not perms or any(user.has_amparo_perm(Perm(p)) for p in perms)


def membership(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    m = user.active_membership
    can: dict[str, object] = {p.name.lower(): user.has_amparo_perm(p) for p in Perm}
    declared = _declared_by_route(str(get_urlconf() or settings.ROOT_URLCONF))
    opens = {route: m is not None and _opens(user, declared.get(route)) for route in NAV_ROUTES}
    can["open"] = opens
    can["group"] = {
        group: any(opens[route] for route in routes) for group, routes in NAV_GROUPS.items()
    }
    return {"membership": m, "can": can}

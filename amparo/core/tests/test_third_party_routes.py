"""The routes of the libraries Amparo mounts (allauth's sign-in and second-factor pages,
the Django admin, the language switch, the API schema) against the whole standing cast
and a signed-out visitor.

They hold no survivor data (``amparo/audit/tests/test_route_registry.py`` checks the
admin registers none): the matrix pins who reaches what. Nobody in the cast is staff, so
every admin page sends everyone to the admin's own sign-in.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from amparo.core.routes import Route, all_routes
from amparo.testing.cast import SIGNED_IN
from amparo.testing.matrix import covers, route_key

# Route name -> (status signed out, status for every signed-in cast member).
ACCOUNT_PAGES = {
    "account_login": (200, 302),  # signed in: sent home
    "account_logout": (302, 200),
    "account_inactive": (200, 200),
    "account_signup": (200, 302),
    "account_reauthenticate": (302, 200),
    "account_email": (302, 200),
    "account_email_verification_sent": (200, 200),
    "account_change_password": (302, 200),
    "account_set_password": (302, 302),  # signed in: the password exists, change it
    "account_reset_password": (200, 200),
    "account_confirm_login_code": (302, 302),  # no code was sent
    "account_confirm_email": (200, 200),
    "account_reset_password_from_key_done": (200, 200),
    "account_reset_password_from_key": (200, 200),
    "account_reset_password_done": (200, 200),
    "mfa_index": (302, 200),
    "mfa_authenticate": (302, 302),  # only mid-sign-in
    "mfa_reauthenticate": (302, 200),
    "mfa_activate_totp": (302, 302),  # the cast has a second factor already
    "mfa_deactivate_totp": (302, 302),  # asks for the password again first
    "mfa_view_recovery_codes": (302, 404),  # none generated
    "mfa_generate_recovery_codes": (302, 302),  # asks for the password again first
    "mfa_download_recovery_codes": (302, 404),
    "set_language": (302, 302),
    "api-schema": (200, 200),
    "api-docs": (200, 200),
}
# The pages a signed-out visitor is sent to sign in from (rather than elsewhere).
TO_SIGN_IN = {
    name
    for name, (anonymous, _) in ACCOUNT_PAGES.items()
    if anonymous == 302 and name not in {"set_language"}
}

_GROUP = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_PARAM = re.compile(r"<(?:\w+:)?\w+>")


def _url(route: Route) -> str:
    """The route's path with every parameter filled in."""
    path = route.pattern.replace("(?P<app_label>auth|account|mfa|accounts)", "accounts")
    path = _PARAM.sub("1", _GROUP.sub("1", path)).replace("^", "").replace("$", "")
    if path.endswith("(?P<url>.*)"):
        path = path.removesuffix("(?P<url>.*)") + "nothing-here/"
    return "/" + path


ROUTES = {route_key(route): route for route in all_routes()}
ADMIN = sorted(key for key in ROUTES if key.startswith("admin"))


def _claim(key: str) -> str:
    route = ROUTES[key]
    return f"{key} GET" if route.is_api else key


def _signed_in(cast, name: str) -> Client:
    client = Client()
    client.force_login(cast.user(name))
    return client


@pytest.mark.parametrize("name", [pytest.param(n, marks=covers(_claim(n))) for n in ACCOUNT_PAGES])
def test_account_pages(cast, name):
    anonymous, signed_in = ACCOUNT_PAGES[name]
    url = _url(ROUTES[name])
    response = Client().get(url)
    assert response.status_code == anonymous
    if name in TO_SIGN_IN:
        assert response["Location"].startswith(reverse("account_login"))
    answers = {name: _signed_in(cast, name).get(url).status_code for name in SIGNED_IN}
    assert answers == dict.fromkeys(SIGNED_IN, signed_in)


@pytest.mark.parametrize("key", [pytest.param(k, marks=covers(k)) for k in ADMIN])
def test_admin_pages_send_everyone_in_the_cast_to_the_admin_sign_in(cast, key):
    url = _url(ROUTES[key])
    if key == "admin:login":
        expected, location = 200, None  # the sign-in form itself, which admits staff only
    elif key == "admin:logout":
        expected, location = 302, reverse("admin:index")
    else:
        expected, location = 302, reverse("admin:login")
    for client in [Client(), *(_signed_in(cast, name) for name in SIGNED_IN)]:
        response = client.get(url)
        assert response.status_code == expected, url
        if location:
            assert response["Location"].startswith(location), url

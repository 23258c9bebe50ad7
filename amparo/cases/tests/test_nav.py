"""The header menu by role: it offers exactly the pages a role's views admit.

The flags come from the permissions each page's view declares
(``amparo.accounts.context_processors``); these tests open every menu page as
every member of the cast, so a link shown to someone who would be refused,
or hidden from someone who would be let in, fails.
"""

import re

import pytest
from django.urls import reverse

from amparo.accounts import context_processors
from amparo.accounts.roles import Perm
from amparo.testing.cast import MEMBERS, OWNER, PARTNER

MENU = re.compile(r'<details class="menu">(.*?)</details>', re.S)
QUICK = re.compile(r'<nav class="quick"[^>]*>(.*?)</nav>', re.S)


def menu_of(body: str) -> str:
    found = MENU.search(body)
    assert found, "no header menu"
    return found.group(1)


def groups_of(body: str) -> set[str]:
    return set(re.findall(r'id="nav-(\w+)"', menu_of(body)))


def home_of(client, user) -> str:
    client.force_login(user)
    # The notifications page is any member's, so every role's frame is seen on it.
    return client.get(reverse("notification_list")).content.decode()


@pytest.mark.parametrize("name", [*OWNER, *PARTNER])
def test_the_menu_links_exactly_the_pages_the_role_may_open(cast, client, name):
    body = home_of(client, cast.user(name))
    menu = menu_of(body)
    for route in sorted(context_processors.NAV_ROUTES):
        url = reverse(route)
        status = client.get(url).status_code
        opens = status < 400
        assert status in (200, 302, 403), (route, status)
        assert (f'href="{url}"' in menu) == opens, (name, route, status)


def test_a_counsellor_has_no_intake_and_an_analyst_no_casework(cast, client):
    counsellor = home_of(client, cast.counsellor)
    assert reverse("intake_start") not in counsellor
    assert reverse("rescue_list") not in counsellor
    assert reverse("my_work") in QUICK.search(counsellor).group(1)

    analyst = home_of(client, cast.analyst)
    # The k-anonymised CTDC export is the analyst's too (exchange).
    assert groups_of(analyst) == {"restoration", "network", "reports", "exchange", "account"}
    for route in ("my_work", "caseload", "legal_caseload", "intake_start"):
        assert f'href="{reverse(route)}"' not in analyst, route
    assert 'id="site-search-q"' not in analyst  # no caseload, so nothing to search


def test_each_role_sees_its_groups(cast, client):
    caseworker = groups_of(home_of(client, cast.caseworker))
    assert {"cases", "justice", "restoration", "network"} <= caseworker
    assert not {"reports", "admin"} & caseworker
    assert {"cases", "reports", "admin"} <= groups_of(home_of(client, cast.admin))
    assert "reports" in groups_of(home_of(client, cast.supervisor))
    assert "admin" not in groups_of(home_of(client, cast.supervisor))


def test_a_group_whose_pages_all_refuse_the_role_is_not_shown(cast, client, monkeypatch):
    # Were the legal pages to need a permission a counsellor lacks, the menu follows
    # the views' declarations alone: no Justice group, nothing to restate elsewhere.
    declared = dict(context_processors._declared_by_route("config.urls"))
    declared["legal_caseload"] = declared["legal_hearings"] = (Perm.CASES_ALL,)
    monkeypatch.setattr(context_processors, "_declared_by_route", lambda urlconf: declared)
    assert "justice" not in groups_of(home_of(client, cast.counsellor))
    assert "justice" in groups_of(home_of(client, cast.supervisor))


def test_new_intake_is_a_shortcut_beside_the_brand(cast, client):
    home = home_of(client, cast.caseworker)
    quick = QUICK.search(home).group(1)
    assert f'href="{reverse("my_work")}"' in quick
    # New intake sits beside the brand, before the shortcuts: reachable at once on a phone.
    bar = home.split('<nav class="quick"', 1)[0]
    assert f'class="button primary-action" href="{reverse("intake_start")}"' in bar


@pytest.mark.parametrize("name", ["outsider", "inactive"])
def test_no_membership_no_menu_of_pages(cast, client, name):
    client.force_login(cast.user(name))
    body = client.get(reverse("token_list")).content.decode()
    assert 'class="groups"' not in body and 'class="quick"' not in body
    assert reverse("account_logout") in body


def test_signed_out_pages_have_no_menu(client, db):
    body = client.get(reverse("account_login")).content.decode()
    assert 'class="menu"' not in body and 'name="language"' in body


def test_every_member_has_a_menu(cast, client):
    for name in MEMBERS:
        assert "account" in groups_of(home_of(client, cast.user(name))), name

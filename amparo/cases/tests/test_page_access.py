"""Every page against the whole cast: who gets in, who gets 404, who gets 403."""

import pytest
from django.urls import reverse

from amparo.accounts.roles import Role
from amparo.cases.tests.pages import PAGES, POST_PAGES, expected_status, record_ids
from amparo.testing.factories import MembershipFactory
from amparo.testing.matrix import covers


@pytest.mark.parametrize("page", [pytest.param(p, id=p.name, marks=covers(p.name)) for p in PAGES])
def test_every_cast_member_gets_the_right_answer(cast, client, page):
    url = page.url(record_ids(cast))
    for name, user in cast.everyone().items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == expected_status(page, name, user), name
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(
    "page", [pytest.param(p, id=p.name, marks=covers(p.name)) for p in POST_PAGES]
)
def test_post_only_pages_refuse_everyone_else(cast, client, page):
    url = page.url(record_ids(cast))
    for name, user in cast.everyone().items():
        if expected_status(page, name, user) == 404:
            client.force_login(user)
            assert client.post(url).status_code == 404, name
    client.logout()
    assert client.post(url)["Location"].startswith(reverse("account_login"))


def test_case_pages_are_never_cached(cast, client):
    client.force_login(cast.supervisor)
    ids = record_ids(cast)
    # The GBV-type preview answers yes/no questions and shows nothing of anyone.
    for page in (p for p in PAGES if p.name != "intake_classify"):
        response = client.get(page.url(ids))
        assert response.status_code == page.ok, page.name
        assert "no-store" in response.get("Cache-Control", ""), page.name


@covers("home")
def test_home_sends_frontline_to_my_work_and_shows_analysts_counts_only(cast, client):
    client.force_login(cast.caseworker)
    assert client.get("/")["Location"] == reverse("my_work")
    client.force_login(cast.analyst)
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "counts only" in body
    # One case: every cell is below the minimum and is suppressed.
    assert "[c]" in body and "&lt;11" not in body
    assert cast.case.code not in body and "Mariposa" not in body
    client.force_login(cast.outsider)
    assert client.get("/").status_code == 403
    client.logout()
    assert client.get("/")["Location"].startswith(reverse("account_login"))


def test_aggregate_cells_at_or_above_the_minimum_are_shown(cast, client, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    client.force_login(cast.analyst)
    body = client.get("/").content.decode()
    assert '<td>Active</td><td class="num">1</td>' in body
    assert '<td>Rape</td><td class="num">1</td>' in body


def test_frontline_user_without_a_second_factor_must_set_one_up(db, client):
    caseworker = MembershipFactory(role=Role.CASEWORKER, user__with_totp=False).user
    client.force_login(caseworker)
    response = client.get(reverse("caseload"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_two_factor_set_up_page_uses_the_amparo_layout(db, client):
    caseworker = MembershipFactory(role=Role.CASEWORKER, user__with_totp=False).user
    client.force_login(caseworker)
    # allauth first asks for the password again, on its own page in our layout.
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in body and "amparo/app.css" in body


def test_language_switch_in_the_header(cast, client):
    client.force_login(cast.caseworker)
    page = client.get(reverse("caseload")).content.decode()
    assert 'action="/i18n/setlang/"' in page and 'lang="en"' in page
    response = client.post("/i18n/setlang/", {"language": "es", "next": "/cases/"})
    assert response["Location"] == "/cases/"
    assert 'lang="es"' in client.get("/cases/").content.decode()


def test_sign_in_page_offers_no_sign_up(db, client):
    response = client.get(reverse("account_login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert 'class="site-header"' in body and 'name="password"' in body
    assert "sign up" not in body.lower() and reverse("account_signup") not in body


def test_analyst_without_a_second_factor_is_let_through(db, client):
    analyst = MembershipFactory(role=Role.DATA_ANALYST, user__with_totp=False).user
    client.force_login(analyst)
    assert client.get("/").status_code == 200


def test_error_pages_reveal_nothing(cast, client):
    client.force_login(cast.partner_supervisor)
    response = client.get(reverse("case_file", kwargs={"pk": cast.case.pk}))
    assert response.status_code == 404
    body = response.content.decode()
    assert cast.case.code not in body and "Mariposa" not in body
    assert 'lang="en"' in body

"""The "People" pages and API against the standing cast: only the owner organisation's
admin manages its people; every other role, the partner, the outsider are refused."""

import pytest
from django.urls import reverse

from amparo.accounts.models import Membership
from amparo.accounts.roles import Role
from amparo.testing.api import api_client
from amparo.testing.cast import SIGNED_IN
from amparo.testing.matrix import covers

LIST_PAGES = ["member_list", "member_invite"]
MEMBER_PAGES = ["member_role", "member_deactivate", "member_reactivate", "member_reset_mfa"]


@pytest.mark.parametrize("page", [pytest.param(p, marks=covers(p)) for p in LIST_PAGES])
def test_organisation_pages_for_each_cast_member(cast, client, page):
    for who in SIGNED_IN:
        client.force_login(getattr(cast, who))
        response = client.get(reverse(page))
        assert response.status_code == (200 if who == "admin" else 403), who
    client.logout()
    response = client.get(reverse(page))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("page", [pytest.param(p, marks=covers(p)) for p in MEMBER_PAGES])
def test_member_pages_for_each_cast_member(cast, client, page):
    """Who may not manage gets 404, so a URL never confirms that a member exists."""
    url = reverse(page, kwargs={"member_id": cast.lawyer.membership.pk})
    for who in SIGNED_IN:
        client.force_login(getattr(cast, who))
        assert client.get(url).status_code == (200 if who == "admin" else 404), who
        if who != "admin":
            assert client.post(url, {"role": Role.ORG_ADMIN}).status_code == 404, who
    lawyer = Membership.objects.select_related("user").get(pk=cast.lawyer.membership.pk)
    assert (lawyer.role, lawyer.is_active, lawyer.user.is_active) == (Role.LAWYER, True, True)


def test_an_admin_never_reaches_another_organisations_member(cast, client):
    client.force_login(cast.admin)
    for page in MEMBER_PAGES:
        url = reverse(page, kwargs={"member_id": cast.partner_caseworker.membership.pk})
        assert client.get(url).status_code == 404, page
        assert client.post(url, {"role": Role.ORG_ADMIN}).status_code == 404, page
    assert cast.partner_caseworker.membership.role == Role.CASEWORKER
    body = client.get(reverse("member_list")).content.decode()
    assert cast.lawyer.email in body and cast.partner_caseworker.email not in body


@covers("my_account")
def test_account_page_for_each_cast_member(cast, client):
    for who in SIGNED_IN:
        client.force_login(getattr(cast, who))
        response = client.get(reverse("my_account"))
        assert response.status_code == (403 if who in {"inactive", "outsider"} else 200), who


@covers("api-members GET")
def test_member_list_api_for_each_cast_member(cast):
    for who, user in cast.everyone().items():
        response = api_client(user).get("/api/v1/members/")
        assert response.status_code == (200 if who == "admin" else 403), who
    assert api_client().get("/api/v1/members/").status_code in (401, 403)
    emails = {
        row["email"] for row in api_client(cast.admin).get("/api/v1/members/").data["results"]
    }
    assert cast.lawyer.email in emails and cast.partner_caseworker.email not in emails


@covers("api-members POST")
def test_invite_api_is_refused_to_all_but_the_admin(cast):
    body = {"email": "nueva@example.test", "full_name": "Nueva Persona", "role": "caseworker"}
    for who, user in cast.everyone().items():
        if who != "admin":
            assert api_client(user).post("/api/v1/members/", body, format="json").status_code == (
                403
            ), who
    assert not Membership.objects.filter(user__email="nueva@example.test").exists()
    response = api_client(cast.admin).post("/api/v1/members/", body, format="json")
    assert response.status_code == 201, response.data


MEMBER_API = [
    ("role/", {"role": "admin"}, "api-member-role"),
    ("deactivate/", None, "api-member-deactivate"),
    ("reactivate/", None, "api-member-reactivate"),
    ("reset-second-factor/", None, "api-member-reset-mfa"),
]


@pytest.mark.parametrize(
    "path,body", [pytest.param(p, b, id=p, marks=covers(f"{r} POST")) for p, b, r in MEMBER_API]
)
def test_member_api_is_refused_to_all_but_the_admin(cast, path, body):
    url = f"/api/v1/members/{cast.lawyer.membership.pk}/{path}"
    for who, user in cast.everyone().items():
        if who != "admin":
            assert api_client(user).post(url, body or {}, format="json").status_code == 403, who
    assert api_client().post(url, body or {}, format="json").status_code in (401, 403)
    other = f"/api/v1/members/{cast.partner_caseworker.membership.pk}/{path}"
    assert api_client(cast.admin).post(other, body or {}, format="json").status_code == 404
    lawyer = Membership.objects.select_related("user").get(pk=cast.lawyer.membership.pk)
    assert (lawyer.role, lawyer.is_active, lawyer.user.is_active) == (Role.LAWYER, True, True)
    assert api_client(cast.admin).post(url, body or {}, format="json").status_code == 200


@covers("api-me GET")
def test_my_account_api_for_each_cast_member(cast):
    for who, user in cast.everyone().items():
        response = api_client(user).get("/api/v1/me/")
        assert response.status_code == (403 if who in {"inactive", "outsider"} else 200), who
    data = api_client(cast.lawyer).get("/api/v1/me/").data
    assert data["email"] == cast.lawyer.email and data["role"] == "lawyer"
    assert data["organisation"] == cast.lex.name and data["has_second_factor"] is True

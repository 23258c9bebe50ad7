"""A deactivated person is shut out at every door: the sign-in page, a session they
already had, the session API and a personal API token. Reactivated, they come back."""

from django.urls import reverse

from amparo.accounts.services import member_deactivate, member_reactivate, token_issue
from amparo.testing.api import api_client
from amparo.testing.factories import TEST_PASSWORD


def _bearer(secret: str):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def _sign_in(client, user):
    return client.post(reverse("account_login"), {"login": user.email, "password": TEST_PASSWORD})


def test_every_door_closes_on_deactivation_and_opens_on_reactivation(cast, client):
    _token, secret = token_issue(user=cast.lawyer, name="court laptop")
    api = api_client(cast.lawyer)
    client.force_login(cast.lawyer)
    assert client.get(reverse("token_list")).status_code == 200
    assert _bearer(secret).get("/api/v1/tokens/").status_code == 200

    member_deactivate(actor=cast.admin, member_id=cast.lawyer.membership.pk)

    # The session they had: signed out at once.
    response = client.get(reverse("token_list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    # The sign-in page: the password no longer signs in.
    client.logout()
    response = _sign_in(client, cast.lawyer)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")
    assert "_auth_user_id" not in client.session
    # The session API and a personal token.
    assert api.get("/api/v1/tokens/").status_code in (401, 403)
    assert _bearer(secret).get("/api/v1/tokens/").status_code == 401
    assert _bearer(secret).get("/api/v1/cases/").status_code == 401

    member_reactivate(actor=cast.admin, member_id=cast.lawyer.membership.pk)

    assert _bearer(secret).get("/api/v1/tokens/").status_code == 200
    response = _sign_in(client, cast.lawyer)
    assert response.status_code == 302 and response["Location"] == reverse("mfa_authenticate")


def test_deactivating_by_the_page_asks_first(cast, client):
    client.force_login(cast.admin)
    url = reverse("member_deactivate", kwargs={"member_id": cast.lawyer.membership.pk})
    page = client.get(url)
    assert page.status_code == 200 and "API tokens" in page.content.decode()
    cast.lawyer.refresh_from_db()
    assert cast.lawyer.is_active
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("member_list")
    cast.lawyer.refresh_from_db()
    assert not cast.lawyer.is_active
    body = client.get(reverse("member_list")).content.decode()
    assert "is deactivated" in body and "Reactivate" in body


def test_an_admin_is_not_offered_to_deactivate_themselves(cast, client):
    client.force_login(cast.admin)
    own = reverse("member_deactivate", kwargs={"member_id": cast.admin.membership.pk})
    assert own not in client.get(reverse("member_list")).content.decode()
    response = client.post(own)
    assert response.status_code == 422
    assert "cannot deactivate your own account" in response.content.decode()
    cast.admin.refresh_from_db()
    assert cast.admin.is_active

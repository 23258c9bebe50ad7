"""Token pages against the standing cast: who may list, issue and revoke what."""

import pytest
from django.urls import reverse

from amparo.accounts.models import ApiToken
from amparo.accounts.roles import Role
from amparo.accounts.services import token_issue
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.testing.api import api_client
from amparo.testing.cast import MEMBERS, NO_MEMBERSHIP, SIGNED_IN
from amparo.testing.factories import MembershipFactory
from amparo.testing.matrix import covers


def _works(secret: str) -> bool:
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client.get("/api/v1/tokens/").status_code == 200


@pytest.mark.parametrize("who", SIGNED_IN)
@covers("token_list")
def test_token_page_for_each_cast_member(cast, client, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("token_list"))
    assert response.status_code == (200 if who in MEMBERS else 403)


def test_token_page_sends_the_signed_out_to_sign_in(db, client):
    response = client.get(reverse("token_list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_issuing_shows_the_secret_once(cast, client):
    client.force_login(cast.caseworker)
    response = client.post(reverse("token_list"), {"name": "field laptop"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=cast.caseworker)
    body = response.content.decode()
    secret = body.split('<code class="secret">')[1].split("</code>")[0]
    assert secret.startswith(token.prefix) and _works(secret)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    again = client.get(reverse("token_list")).content.decode()
    assert "field laptop" in again and secret not in again
    assert AuditEvent.objects.latest("id").code == Code.API_TOKEN_ISSUED


@pytest.mark.parametrize("name", ["", "   "])
def test_a_token_needs_a_name(cast, client, name):
    client.force_login(cast.caseworker)
    response = client.post(reverse("token_list"), {"name": name})
    assert response.status_code == 400
    assert "Name the token" in response.content.decode()
    assert not ApiToken.objects.exists()


def test_a_user_without_a_second_factor_is_sent_to_set_one_up(db, client):
    caseworker = MembershipFactory(role=Role.CASEWORKER, user__with_totp=False).user
    client.force_login(caseworker)
    response = client.post(reverse("token_list"), {"name": "laptop"})
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")
    assert not ApiToken.objects.exists()


def test_revoking_asks_first_then_revokes(cast, client):
    token, secret = token_issue(user=cast.caseworker, name="laptop")
    client.force_login(cast.caseworker)
    url = reverse("token_revoke", kwargs={"token_id": token.pk})
    page = client.get(url)
    assert page.status_code == 200 and "cannot be undone" in page.content.decode()
    assert _works(secret)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("token_list")
    assert not _works(secret)
    event = AuditEvent.objects.latest("id")
    assert (event.code, event.actor) == (Code.API_TOKEN_REVOKED, cast.caseworker)
    assert "Revoked" in client.get(reverse("token_list")).content.decode()


@pytest.mark.parametrize("who", SIGNED_IN)
@covers("token_revoke")
def test_revoking_a_colleagues_token_for_each_cast_member(cast, client, who):
    """Only the owner and their organisation's admin reach it; everyone else gets 404."""
    token, secret = token_issue(user=cast.lawyer, name="court")
    client.force_login(getattr(cast, who))
    url = reverse("token_revoke", kwargs={"token_id": token.pk})
    allowed = who in {"lawyer", "admin"}
    if who in NO_MEMBERSHIP:
        assert client.get(url).status_code == 403
    else:
        assert client.get(url).status_code == (200 if allowed else 404)
    response = client.post(url)
    assert response.status_code in ((302,) if allowed else (403, 404))
    assert _works(secret) is not allowed


def test_admin_lists_only_their_organisations_tokens(cast, client):
    token_issue(user=cast.lawyer, name="court laptop")
    token_issue(user=cast.partner_caseworker, name="shelter tablet")
    client.force_login(cast.admin)
    body = client.get(reverse("org_token_list")).content.decode()
    assert "court laptop" in body and cast.lawyer.full_name in body
    assert "shelter tablet" not in body


@pytest.mark.parametrize("who", SIGNED_IN)
@covers("org_token_list")
def test_organisation_tokens_page_for_each_cast_member(cast, client, who):
    client.force_login(getattr(cast, who))
    response = client.get(reverse("org_token_list"))
    assert response.status_code == (200 if who == "admin" else 403)


def test_unknown_token_is_404(cast, client):
    client.force_login(cast.caseworker)
    assert client.get("/tokens/999999999999999999999/revoke/").status_code == 404
    assert client.get("/tokens/424242/revoke/").status_code == 404


def test_token_pages_in_spanish(cast, client):
    token_issue(user=cast.lawyer, name="court")
    client.force_login(cast.admin)
    client.post("/i18n/setlang/", {"language": "es", "next": "/"})
    body = client.get(reverse("token_list")).content.decode()
    assert "Tokens de API" in body and "Emitir un token" in body
    response = client.post(reverse("token_list"), {"name": ""})
    assert response.status_code == 400
    assert "Dé al token un nombre" in response.content.decode()
    org = client.get(reverse("org_token_list")).content.decode()
    assert "Tokens de mi organización" in org and "Integrante" in org

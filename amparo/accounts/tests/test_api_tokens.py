"""Personal API tokens: shown once, stored hashed, revocable, audited."""

import io

import pytest
from django.core.management import CommandError, call_command

from amparo.accounts.models import ApiToken
from amparo.accounts.services import token_issue
from amparo.accounts.tokens import hash_secret
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.testing.api import api_client


def _bearer(secret: str):  # type: ignore[no-untyped-def]
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_issue_shows_the_secret_once_and_stores_only_its_hash(cast):
    client = api_client(cast.caseworker)
    response = client.post("/api/v1/tokens/", {"name": "field laptop"}, format="json")
    assert response.status_code == 201
    secret = response.json()["secret"]
    assert secret.startswith("amp_") and len(secret) > 40
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert token.key_hash == hash_secret(secret) != secret
    assert secret not in (token.name, token.prefix, token.key_hash)
    listed = client.get("/api/v1/tokens/")
    assert [t["name"] for t in listed.json()] == ["field laptop"]
    assert secret not in listed.content.decode() and "secret" not in listed.json()[0]
    event = AuditEvent.objects.latest("id")
    assert (event.code, event.actor) == (Code.API_TOKEN_ISSUED, cast.caseworker)


def test_issued_token_works_and_revoked_token_is_401(cast):
    token, secret = token_issue(user=cast.caseworker, name="integration")
    client = _bearer(secret)
    response = client.get("/api/v1/cases/")
    assert response.status_code == 200 and response.json()["count"] == 1
    assert client.get(f"/api/v1/cases/{cast.case.pk}/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    assert api_client(cast.caseworker).post(f"/api/v1/tokens/{token.pk}/revoke/").status_code == 200
    response = _bearer(secret).get("/api/v1/cases/")
    assert response.status_code == 401
    assert AuditEvent.objects.latest("id").code == Code.API_TOKEN_REVOKED


def test_token_carries_its_users_access_only(cast):
    _token, secret = token_issue(user=cast.partner_caseworker, name="partner")
    client = _bearer(secret)
    assert client.get("/api/v1/cases/").json()["count"] == 0
    assert client.get(f"/api/v1/cases/{cast.case.pk}/").status_code == 404


def test_cannot_revoke_someone_elses_token(cast):
    token, secret = token_issue(user=cast.caseworker, name="mine")
    response = api_client(cast.supervisor).post(f"/api/v1/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert _bearer(secret).get("/api/v1/cases/").status_code == 200
    assert api_client(cast.supervisor).get("/api/v1/tokens/").json() == []


def test_revoking_twice_records_one_event(cast):
    token, _secret = token_issue(user=cast.caseworker, name="mine")
    client = api_client(cast.caseworker)
    for _ in range(2):
        assert client.post(f"/api/v1/tokens/{token.pk}/revoke/").status_code == 200
    assert AuditEvent.objects.filter(code=Code.API_TOKEN_REVOKED).count() == 1


@pytest.mark.parametrize("header", ["Bearer amp_not-a-real-token", "Bearer ", "Token abc"])
def test_bad_credentials_are_401(cast, header):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=header)
    assert client.get("/api/v1/cases/").status_code == 401


@pytest.mark.parametrize("name", ["", "   ", "x" * 101])
def test_token_name_is_required_and_bounded(cast, name):
    response = api_client(cast.caseworker).post("/api/v1/tokens/", {"name": name}, format="json")
    assert response.status_code == 400 and "name" in response.json()
    assert not ApiToken.objects.exists()


def test_inactive_users_token_stops_working(cast):
    _token, secret = token_issue(user=cast.caseworker, name="mine")
    cast.caseworker.is_active = False
    cast.caseworker.save(update_fields=["is_active"])
    assert _bearer(secret).get("/api/v1/cases/").status_code == 401


def test_management_command_prints_a_working_token(cast):
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "issue_api_token",
        cast.supervisor.email.upper(),
        "--name",
        "nightly",
        stdout=out,
        stderr=err,
    )
    secret = out.getvalue().strip()
    assert secret.startswith("amp_")
    assert "nightly" in err.getvalue()
    assert ApiToken.objects.get(user=cast.supervisor).name == "nightly"
    assert _bearer(secret).get("/api/v1/cases/").json()["count"] == 1


def test_management_command_refuses_unknown_email_and_outsiders(cast):
    with pytest.raises(CommandError, match="No active user"):
        call_command("issue_api_token", "nobody@example.test")
    with pytest.raises(CommandError, match="not an active member"):
        call_command("issue_api_token", cast.outsider.email)
    assert not ApiToken.objects.exists()

"""Personal API tokens: shown once, stored hashed, revocable, audited."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from amparo.accounts.models import ApiToken
from amparo.accounts.roles import Role
from amparo.accounts.services import token_issue
from amparo.accounts.tokens import hash_secret
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory


def _bearer(secret: str):
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


def test_token_expires_after_the_configured_lifetime(cast, settings):
    settings.AMPARO_API_TOKEN_DAYS = 30
    token, secret = token_issue(user=cast.caseworker, name="short")
    lifetime = token.expires_at - token.created_at
    assert datetime.timedelta(days=30) - lifetime < datetime.timedelta(seconds=5)
    listed = api_client(cast.caseworker).get("/api/v1/tokens/").json()
    assert listed[0]["expires_at"] is not None

    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = _bearer(secret).get("/api/v1/cases/")
    assert response.status_code == 401
    assert "expired" in response.json()["detail"]


def test_no_token_for_a_user_without_the_second_factor_their_role_needs(db):
    caseworker = MembershipFactory(role=Role.CASEWORKER, user__with_totp=False).user
    with pytest.raises(PermissionDenied, match="two-factor"):
        token_issue(user=caseworker, name="laptop")
    with pytest.raises(CommandError, match="two-factor"):
        call_command("issue_api_token", caseworker.email)
    assert not ApiToken.objects.exists()


def test_analyst_needs_no_second_factor_for_a_token(db):
    analyst = MembershipFactory(role=Role.DATA_ANALYST, user__with_totp=False).user
    _token, secret = token_issue(user=analyst, name="reports")
    assert _bearer(secret).get("/api/v1/tokens/").status_code == 200


def test_admin_revokes_a_members_token_but_not_another_organisations(cast):
    token, secret = token_issue(user=cast.caseworker, name="laptop")
    partner_token, partner_secret = token_issue(user=cast.partner_caseworker, name="partner")
    admin = api_client(cast.admin)

    assert admin.post(f"/api/v1/tokens/{partner_token.pk}/revoke/").status_code == 404
    assert _bearer(partner_secret).get("/api/v1/tokens/").status_code == 200

    assert admin.post(f"/api/v1/tokens/{token.pk}/revoke/").status_code == 200
    assert _bearer(secret).get("/api/v1/cases/").status_code == 401
    event = AuditEvent.objects.latest("id")
    assert (event.code, event.actor, event.object_id) == (
        Code.API_TOKEN_REVOKED,
        cast.admin,
        str(token.pk),
    )
    # A supervisor is no admin: a colleague's token stays out of reach.
    other = token_issue(user=cast.lawyer, name="court")[0]
    assert api_client(cast.supervisor).post(f"/api/v1/tokens/{other.pk}/revoke/").status_code == 404

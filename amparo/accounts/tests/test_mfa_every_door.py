"""The second-factor rule holds on every way in: pages, session API, token API,
and any authentication method added later."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework import authentication
from rest_framework.settings import api_settings

from amparo.accounts.access import mfa_satisfied
from amparo.accounts.roles import MFA_REQUIRED_ROLES, Role
from amparo.accounts.services import token_issue
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.api_base import ApiView
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory

REVEAL = "/api/v1/cases/{}/identity/reveal/"
BODY = {"reason": "Preparing the court summons"}


def _drop_second_factor(user) -> None:
    Authenticator.objects.filter(user=user).delete()


def _bearer(secret: str):
    client = api_client()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def test_roles_that_open_files_or_identities_need_a_second_factor():
    assert set(MFA_REQUIRED_ROLES) == {
        Role.CASEWORKER,
        Role.LAWYER,
        Role.COUNSELLOR,
        Role.SUPERVISOR,
        Role.ORG_ADMIN,
    }
    assert Role.DATA_ANALYST not in MFA_REQUIRED_ROLES


def test_token_of_a_caseworker_without_a_second_factor_reveals_nothing(cast):
    _token, secret = token_issue(user=cast.caseworker, name="laptop")
    assert _bearer(secret).post(REVEAL.format(cast.case.pk), BODY, format="json").status_code == 200
    _drop_second_factor(cast.caseworker)
    reveals = AuditEvent.objects.filter(code=Code.IDENTITY_REVEALED).count()

    response = _bearer(secret).post(REVEAL.format(cast.case.pk), BODY, format="json")

    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
    body = response.content.decode()
    assert "Testa" not in body and "5555" not in body
    assert AuditEvent.objects.filter(code=Code.IDENTITY_REVEALED).count() == reveals
    assert _bearer(secret).get("/api/v1/cases/").status_code == 403


def test_session_api_and_pages_refuse_the_same_user(cast, client):
    _drop_second_factor(cast.caseworker)
    api = api_client(cast.caseworker)
    assert api.post(REVEAL.format(cast.case.pk), BODY, format="json").status_code == 403
    client.force_login(cast.caseworker)
    response = client.get(reverse("case_file", kwargs={"pk": cast.case.pk}))
    assert response.status_code == 302 and response["Location"] == reverse("mfa_activate_totp")


def test_organisation_admin_without_a_second_factor_is_refused(cast, client):
    _drop_second_factor(cast.admin)
    client.force_login(cast.admin)
    assert client.get(reverse("case_file", kwargs={"pk": cast.case.pk})).status_code == 302
    assert api_client(cast.admin).get(f"/api/v1/cases/{cast.case.pk}/").status_code == 403


def test_analyst_without_a_second_factor_still_reaches_the_api(db):
    analyst = MembershipFactory(role=Role.DATA_ANALYST, user__with_totp=False).user
    assert mfa_satisfied(analyst)
    assert api_client(analyst).get("/api/v1/tokens/").status_code == 200


def test_the_rule_is_off_when_the_setting_is(cast, settings):
    settings.AMPARO_REQUIRE_MFA = False
    _drop_second_factor(cast.caseworker)
    response = api_client(cast.caseworker).post(REVEAL.format(cast.case.pk), BODY, format="json")
    assert response.status_code == 200


class HeaderAuthentication(authentication.BaseAuthentication):
    """A stand-in for an authentication method added later (SSO, mTLS, …)."""

    def authenticate(self, request):
        from amparo.accounts.models import User

        email = request.META.get("HTTP_X_TEST_USER")
        return (User.objects.get(email=email), None) if email else None


def test_any_authentication_method_meets_the_same_rule(cast, monkeypatch):
    monkeypatch.setattr(
        ApiView,
        "authentication_classes",
        [*api_settings.DEFAULT_AUTHENTICATION_CLASSES, HeaderAuthentication],
    )
    client = api_client()
    headers = {"HTTP_X_TEST_USER": cast.caseworker.email}
    url = REVEAL.format(cast.case.pk)
    assert client.post(url, BODY, format="json", **headers).status_code == 200
    _drop_second_factor(cast.caseworker)
    assert client.post(url, BODY, format="json", **headers).status_code == 403


def test_a_view_with_its_own_permissions_still_meets_the_rule(cast, monkeypatch):
    from rest_framework.permissions import IsAuthenticated

    from amparo.cases.api.survivors import IdentityRevealApi

    monkeypatch.setattr(IdentityRevealApi, "permission_classes", [IsAuthenticated])
    _drop_second_factor(cast.caseworker)
    response = api_client(cast.caseworker).post(REVEAL.format(cast.case.pk), BODY, format="json")
    assert response.status_code == 403


def _api_views(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _api_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_every_api_v1_view_is_an_amparo_api_view():
    views = [(route, cb) for route, cb in _api_views(get_resolver().url_patterns)]
    api = [(route, cb) for route, cb in views if route.startswith("api/v1/")]
    assert len(api) > 20
    for route, callback in api:
        assert issubclass(callback.cls, ApiView), route


@pytest.mark.parametrize("path", ["/api/schema/"])
def test_schema_is_held_to_the_rule_too(cast, path):
    _drop_second_factor(cast.caseworker)
    assert api_client(cast.caseworker).get(path).status_code == 403


def test_the_refusal_is_in_spanish_too(cast):
    _token, secret = token_issue(user=cast.caseworker, name="laptop")
    _drop_second_factor(cast.caseworker)
    client = _bearer(secret)
    response = client.get("/api/v1/cases/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 403
    assert "verificación en dos pasos" in response.json()["detail"]

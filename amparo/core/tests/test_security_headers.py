"""Every response carries a strict Content-Security-Policy and a Permissions-Policy."""

import pytest
from django.urls import reverse

from amparo.testing.api import api_client


def _directives(header: str) -> dict[str, list[str]]:
    parts = [part.strip().split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


@pytest.mark.parametrize(
    "who,path",
    [
        (None, "/accounts/login/"),
        ("caseworker", "/cases/"),
        ("caseworker", "case_file"),
        ("caseworker", "/api/v1/cases/"),
        ("caseworker", "/tokens/"),
        (None, "/no-such-page/"),
    ],
)
def test_strict_policies_on_pages_api_and_errors(cast, client, who, path):
    if path == "case_file":
        path = reverse("case_file", kwargs={"pk": cast.case.pk})
    if who:
        client.force_login(getattr(cast, who))
    response = client.get(path)
    csp = _directives(response["Content-Security-Policy"])
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'"] and csp["style-src"] == ["'self'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_api_docs_loosen_styles_only_and_load_no_inline_script(db, client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert "'unsafe-inline'" in csp["style-src"]
    body = response.content.decode()
    assert "<script>" not in body and "?script=" in body
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200 and "SwaggerUIBundle" in script.content.decode()
    assert "'unsafe-inline'" not in api_client().get("/api/schema/")["Content-Security-Policy"]

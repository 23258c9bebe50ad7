"""Pages and API answers are gzipped when the browser asks; static files are compressed once,
at collectstatic, and WhiteNoise serves the compressed copy."""

import gzip
from io import StringIO

from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse
from whitenoise.middleware import WhiteNoiseMiddleware

from amparo.testing.api import api_client

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_a_page_is_gzipped_when_asked(cast, client):
    client.force_login(cast.caseworker)
    response = client.get(reverse("case_file", kwargs={"pk": cast.case.pk}), **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    assert b"<html" in gzip.decompress(response.content)


def test_a_page_is_plain_for_a_client_that_does_not_ask(cast, client):
    client.force_login(cast.caseworker)
    response = client.get(reverse("case_file", kwargs={"pk": cast.case.pk}))
    assert not response.has_header("Content-Encoding")
    assert b"<html" in response.content


def test_an_api_answer_is_gzipped_when_asked(cast):
    # A list of the standing cast's few cases is shorter than gzip is worth (200 bytes);
    # the schema is not.
    response = api_client(cast.caseworker).get("/api/schema/", **GZIP)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"openapi" in gzip.decompress(response.content)


def test_static_files_are_compressed_at_collectstatic_and_served_compressed(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0, stdout=StringIO())
    assert list(tmp_path.rglob("*.css.gz")) and list(tmp_path.rglob("*.js.gz"))

    css = next(p for p in tmp_path.rglob("*.css") if not p.name.endswith(".gz"))
    url = settings.STATIC_URL + css.relative_to(tmp_path).as_posix()
    middleware = WhiteNoiseMiddleware(get_response=lambda request: None)
    response = middleware(RequestFactory().get("/" + url.lstrip("/"), **GZIP))
    assert response.status_code == 200
    assert response["Content-Encoding"] in ("gzip", "br")

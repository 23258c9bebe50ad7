"""The public routes against the whole cast: everyone reads a published release, signed in
or not; a draft, a discarded release or an unknown address is 404 to everyone."""

import pytest
from django.urls import reverse

from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.release_factory import published_releases
from amparo.testing.cast import EVERYONE
from amparo.testing.matrix import covers

SLUG = "justicia-segura"
PAGES = [
    ("public_programme", {"slug": SLUG}, ""),
    ("public_release", {"slug": SLUG, "version": 1}, ""),
    ("public_release_csv", {"slug": SLUG, "version": 2}, ""),
    ("public_release_json", {"slug": SLUG, "version": 2}, ""),
    ("public_impact", {"slug": SLUG}, "?version=1"),
    ("public_impact_pdf", {"slug": SLUG}, "?version=2"),
    ("api-public-programme", {"slug": SLUG}, ""),
    ("api-public-release", {"slug": SLUG, "version": 1}, ""),
    ("api-public-impact", {"slug": SLUG}, "?version=2"),
]


def _claim(name: str) -> str:
    return f"{name} GET" if name.startswith("api-") else name


@pytest.fixture
def releases(cast):
    records = programme_records(cast)
    return published_releases(cast, records.lex_programme)


@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [pytest.param(*page, marks=covers(_claim(page[0])), id=page[0]) for page in PAGES],
)
def test_everyone_reads_a_published_release(cast, client, releases, name, kwargs, query):
    url = reverse(name, kwargs=kwargs) + query
    for who in EVERYONE:
        user = cast.user(who)
        client.force_login(user) if user else client.logout()
        response = client.get(url)
        assert response.status_code == 200, who


@pytest.mark.parametrize("version", [3, 4, 9])
@pytest.mark.parametrize(
    "name", ["public_release", "public_release_csv", "public_release_json", "api-public-release"]
)
def test_a_draft_a_discarded_or_an_unknown_version_is_not_found(
    cast, client, releases, name, version
):
    url = reverse(name, kwargs={"slug": SLUG, "version": version})
    for who in ("anonymous", "supervisor", "analyst"):
        user = cast.user(who)
        client.force_login(user) if user else client.logout()
        assert client.get(url).status_code == 404, who


@pytest.mark.parametrize("name", ["public_impact", "public_impact_pdf", "api-public-impact"])
def test_the_impact_report_of_a_draft_is_not_found(client, releases, name):
    url = reverse(name, kwargs={"slug": SLUG})
    assert client.get(url + "?version=3").status_code == 404
    assert client.get(url + "?version=4").status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "public_programme",
        "public_impact",
        "public_impact_pdf",
        "api-public-programme",
        "api-public-impact",
    ],
)
def test_an_unknown_address_is_not_found(client, releases, name):
    assert client.get(reverse(name, kwargs={"slug": "no-such-programme"})).status_code == 404


def test_a_programme_without_a_release_shows_an_empty_state(cast, client):
    programme_records(cast)
    response = client.get(reverse("public_programme", kwargs={"slug": "programa-tercero"}))
    assert response.status_code == 200
    assert "Nothing has been published yet." in response.content.decode()
    for name in ("public_impact", "public_impact_pdf", "api-public-impact"):
        assert client.get(reverse(name, kwargs={"slug": "programa-tercero"})).status_code == 404


def test_only_drafts_is_still_an_empty_state(cast, client, releases):
    releases.first.programme.releases.filter(status="published").update(status="discarded")
    response = client.get(reverse("public_programme", kwargs={"slug": SLUG}))
    body = response.content.decode()
    assert "Nothing has been published yet." in body
    assert "Secret draft figures" not in body


@pytest.mark.parametrize("name", ["public_impact", "public_impact_pdf"])
def test_a_version_that_is_not_a_number_is_a_clear_error(client, releases, name):
    response = client.get(reverse(name, kwargs={"slug": SLUG}) + "?version=two")
    assert response.status_code == 400
    assert "The version must be a whole number, such as 1 or 2." in response.content.decode()


def test_the_api_refuses_a_version_that_is_not_a_number(client, releases):
    response = client.get(reverse("api-public-impact", kwargs={"slug": SLUG}) + "?version=two")
    assert response.status_code == 400
    assert "version" in response.json()


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker) -> dict:
    from amparo.testing.api import validated_schema

    return validated_schema(tmp_path_factory.mktemp("schema") / "schema.json", django_db_blocker)


def test_the_public_api_is_in_the_schema_without_sign_in(schema):
    paths = {
        "/api/v1/public/programmes/{slug}/": "public_programme",
        "/api/v1/public/programmes/{slug}/releases/{version}/": "public_release",
        "/api/v1/public/programmes/{slug}/impact/": "public_impact",
    }
    for path, operation_id in paths.items():
        operation = schema["paths"][path]["get"]
        assert operation["operationId"] == operation_id
        assert operation["tags"] == ["public"]
        assert all(not scheme for scheme in operation.get("security", [])), operation

"""Every release page and API route against the whole cast: who may see, draft, approve."""

import pytest
from django.urls import reverse

from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.releases_world import (
    draft,
    legal_cases,
    publish,
)
from amparo.testing.matrix import covers

pytestmark = pytest.mark.django_db

READERS = {"supervisor", "analyst", "admin", "partner_supervisor", "third_supervisor"}
MAKERS = {"supervisor", "analyst", "admin"}  # Perm.PROGRAMMES in the owner organisation


def _world(cast):
    records = programme_records(cast)
    legal_cases(cast, "Guatemala", 30)
    published = publish(cast, records.lex_programme)
    pending = draft(cast, records.lex_programme, title="Pending")
    return records, published, pending


def _page(name, *, readers, allowed, hidden=frozenset(), method_ok=200):
    """The status a cast member gets: sign-in for anonymous, 403 without the role, 404 for a
    programme or draft they may not see, ``method_ok`` when allowed."""
    if name == "anonymous":
        return 302
    if name not in readers:
        return 403
    if name == "third_supervisor" or name in hidden:
        return 404
    return method_ok if name in allowed else 403


def _ask(client, user, method, url):
    client.force_login(user) if user else client.logout()
    return getattr(client, method)(url)


@covers("programme_releases", "release_detail")
def test_the_list_and_a_release_answer_readers_and_drafts_only_their_makers(cast, client):
    records, published, pending = _world(cast)
    programme = records.lex_programme.pk
    for name, user in cast.everyone().items():
        everyone_reading = MAKERS | {"partner_supervisor"}
        listing = _ask(client, user, "get", reverse("programme_releases", args=[programme]))
        assert listing.status_code == _page(name, readers=READERS, allowed=everyone_reading), name
        if listing.status_code == 200:
            assert ("Pending" in listing.content.decode()) == (name in MAKERS), name
        url = reverse("release_detail", args=[programme, published.pk])
        response = _ask(client, user, "get", url)
        assert response.status_code == _page(name, readers=READERS, allowed=everyone_reading), name
        url = reverse("release_detail", args=[programme, pending.pk])
        response = _ask(client, user, "get", url)
        expected = _page(name, readers=READERS, allowed=MAKERS, hidden={"partner_supervisor"})
        assert response.status_code == expected, name


@covers("release_new", "release_discard", "release_rebuild", "release_approve", "release_correct")
def test_only_the_owner_organisations_makers_draft_and_only_its_approvers_approve(cast, client):
    records, published, pending = _world(cast)
    programme = records.lex_programme.pk
    makers = {"supervisor", "analyst", "admin"}
    makers_roles = {*makers, "partner_supervisor", "third_supervisor"}
    approvers_roles = {"supervisor", "partner_supervisor", "third_supervisor"}
    for name, user in cast.everyone().items():
        response = _ask(client, user, "get", reverse("release_new", args=[programme]))
        assert response.status_code == _page(name, readers=makers_roles, allowed=makers), name
        response = _ask(
            client, user, "get", reverse("release_discard", args=[programme, pending.pk])
        )
        expected = _page(name, readers=makers_roles, allowed=makers, hidden={"partner_supervisor"})
        assert response.status_code == expected, name
        response = _ask(
            client, user, "get", reverse("release_correct", args=[programme, published.pk])
        )
        assert response.status_code == _page(name, readers=makers_roles, allowed=makers), name
        response = _ask(
            client, user, "get", reverse("release_approve", args=[programme, pending.pk])
        )
        expected = _page(
            name,
            readers=approvers_roles,
            allowed={"supervisor"},
            hidden={"partner_supervisor"},
        )
        assert response.status_code == expected, name
        response = _ask(
            client, user, "post", reverse("release_rebuild", args=[programme, pending.pk])
        )
        expected = _page(
            name,
            readers=makers_roles,
            allowed=makers,
            hidden={"partner_supervisor"},
            method_ok=302,
        )
        assert response.status_code == expected, name


def _api(name, *, readers, allowed, hidden=frozenset(), ok=200, refused=403):
    if name == "anonymous":
        return 403
    if name not in readers:
        return refused
    if name == "third_supervisor" or name in hidden:
        return 404
    return ok if name in allowed else 403


@covers("api-programme-releases GET", "api-release GET")
def test_the_api_lists_and_reads_releases_as_the_pages_do(cast):
    records, published, pending = _world(cast)
    programme = records.lex_programme.pk
    readers = MAKERS | {"partner_supervisor"}
    for name in cast.everyone():
        client = cast.client(name)
        response = client.get(f"/api/v1/programmes/{programme}/releases/")
        assert response.status_code == _api(name, readers=READERS, allowed=readers), name
        if response.status_code == 200:
            titles = {r["title"] for r in response.json()["releases"]}
            assert ("Pending" in titles) == (name in MAKERS), name
        response = client.get(f"/api/v1/releases/{published.pk}/")
        expected = _api(name, readers=READERS, allowed=readers, refused=404)
        assert response.status_code == expected, name
        response = client.get(f"/api/v1/releases/{pending.pk}/")
        expected = _api(
            name, readers=READERS, allowed=MAKERS, hidden={"partner_supervisor"}, refused=404
        )
        assert response.status_code == expected, name


@covers(
    "api-programme-releases POST",
    "api-release-rebuild POST",
    "api-release-discard POST",
    "api-release-correct POST",
    "api-release-approve POST",
)
def test_the_api_lets_only_makers_draft_and_only_approvers_approve(cast):
    records, published, pending = _world(cast)
    programme = records.lex_programme.pk
    makers_roles = {*MAKERS, "partner_supervisor", "third_supervisor"}
    body = {
        "title": "Through the API",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "measures": ["complaints"],
    }
    for name in cast.everyone():
        client = cast.client(name)
        response = client.post(f"/api/v1/programmes/{programme}/releases/", body, format="json")
        assert response.status_code == _api(name, readers=makers_roles, allowed=MAKERS, ok=201), (
            name
        )
        response = client.post(f"/api/v1/releases/{pending.pk}/rebuild/")
        expected = _api(
            name, readers=makers_roles, allowed=MAKERS, hidden={"partner_supervisor"}, refused=404
        )
        assert response.status_code == expected, name
        response = client.post(
            f"/api/v1/releases/{published.pk}/correct/", {"change_note": "x"}, format="json"
        )
        expected = _api(name, readers=makers_roles, allowed=MAKERS, ok=201, refused=404)
        assert response.status_code == expected, name
    outsider_side = {"partner_supervisor": 404, "third_supervisor": 404, "analyst": 404}
    for name, status in outsider_side.items():
        response = cast.client(name).post(f"/api/v1/releases/{pending.pk}/approve/")
        assert response.status_code == status, name
    assert (
        cast.client("anonymous").post(f"/api/v1/releases/{pending.pk}/approve/").status_code == 401
    )
    assert (
        cast.client("supervisor").post(f"/api/v1/releases/{pending.pk}/approve/").status_code == 200
    )
    response = cast.client("analyst").post(f"/api/v1/releases/{pending.pk}/discard/")
    assert response.status_code == 400  # published now: nothing changes it

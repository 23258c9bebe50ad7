"""The release rules: bad input, the budget ledger, four eyes, immutability, corrections."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.programmes.models import (
    PrivacyBudgetEntry,
    PublishedReleaseError,
    Release,
    ReleaseCell,
)
from amparo.programmes.services import releases as services
from amparo.programmes.tests.records import programme_records
from amparo.programmes.tests.releases_world import AS_OF, draft, legal_cases, publish
from amparo.programmes.vocab import ReleaseStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(cast):
    records = programme_records(cast)
    legal_cases(cast, "Guatemala", 30)
    return records.lex_programme


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"min_cell": 10}, "min_cell", "Below k"),
        ({"measures": []}, "measures", "at least one"),
        ({"measures": ["nonsense"]}, "measures", "Unknown figures"),
        ({"period_end": datetime.date(2024, 12, 31)}, "period_end", "ends before"),
        ({"period_end": datetime.date(2026, 4, 1)}, "period_end", "after the date"),
        ({"rounding_base": 1}, "rounding_base", "at least 5"),
        ({"epsilon": Decimal("0")}, "epsilon", "greater than 0"),
        (
            {"epsilon": Decimal("1.5")},
            "epsilon",
            "Over budget: 0.000 of 1.000 spent, this release asks 1.5",
        ),
        ({"title": " "}, "title", "title"),
    ],
)
def test_bad_input_is_refused_clearly_and_nothing_is_written(
    cast, programme, overrides, field, words
):
    with pytest.raises(ValidationError) as refused:
        draft(cast, programme, **overrides)
    assert words in " ".join(refused.value.message_dict[field])
    assert not Release.objects.exists() and not ReleaseCell.objects.exists()
    assert not AuditEvent.objects.filter(code=Code.RELEASE_DRAFTED).exists()


def test_the_ledger_refuses_at_approval_what_another_release_spent_since(cast, programme):
    first = draft(cast, programme, epsilon=Decimal("0.6"), breakdown="none")
    second = draft(cast, programme, epsilon=Decimal("0.6"), breakdown="none", title="Second")
    services.release_approve(actor=cast.supervisor, release_id=first.pk, as_of=AS_OF)
    with pytest.raises(ValidationError) as refused:
        services.release_approve(actor=cast.supervisor, release_id=second.pk, as_of=AS_OF)
    assert "Over budget: 0.600 of 1.000 spent, this release asks 0.600" in str(refused.value)
    second.refresh_from_db()
    assert second.status == ReleaseStatus.DRAFT
    assert list(PrivacyBudgetEntry.objects.values_list("epsilon", flat=True)) == [Decimal("0.6")]
    guarantee = Release.objects.get(pk=first.pk).content["guarantee"]
    assert guarantee["epsilon"] == 0.6 and guarantee["sensitivity"] == 1
    with pytest.raises(ValidationError):
        draft(cast, programme, epsilon=Decimal("0.5"))  # 0.6 + 0.5 > 1


def test_the_ledger_page_shows_spent_and_remaining(cast, client, programme):
    services.release_approve(
        actor=cast.supervisor,
        release_id=draft(cast, programme, epsilon=Decimal("0.25")).pk,
        as_of=AS_OF,
    )
    client.force_login(cast.analyst)
    page = client.get(reverse("programme_releases", args=[programme.pk])).content.decode()
    assert "0.250" in page and "0.750" in page


def test_the_drafter_cannot_approve_in_the_service_the_page_or_the_api(cast, client, programme):
    release = draft(cast, programme, actor=cast.supervisor)
    with pytest.raises(ValidationError) as refused:
        services.release_approve(actor=cast.supervisor, release_id=release.pk)
    assert "Four eyes" in str(refused.value)
    client.force_login(cast.supervisor)
    url = reverse("release_approve", args=[programme.pk, release.pk])
    response = client.post(url, {})
    assert response.status_code == 422 and "Four eyes" in response.content.decode()
    response = cast.client("supervisor").post(f"/api/v1/releases/{release.pk}/approve/")
    assert response.status_code == 400 and "Four eyes" in str(response.json())
    # An analyst holds no approval permission at all.
    other = draft(cast, programme, actor=cast.admin, title="By the admin")
    client.force_login(cast.analyst)
    assert client.post(reverse("release_approve", args=[programme.pk, other.pk])).status_code == 403
    assert cast.client("analyst").post(f"/api/v1/releases/{other.pk}/approve/").status_code == 404
    assert not Release.objects.filter(status=ReleaseStatus.PUBLISHED).exists()


def test_an_approval_on_the_page_publishes_and_audits(cast, client, programme):
    release = draft(cast, programme)
    client.force_login(cast.supervisor)
    response = client.post(reverse("release_approve", args=[programme.pk, release.pk]), {})
    assert response.status_code == 302
    release.refresh_from_db()
    assert release.status == ReleaseStatus.PUBLISHED and release.version == 1
    assert release.content["version"] == 1 and release.approved_by == cast.supervisor
    assert AuditEvent.objects.filter(code=Code.RELEASE_PUBLISHED).count() == 1


def test_a_published_release_is_never_changed(cast, programme):
    release = publish(cast, programme)
    for service in (services.release_rebuild, services.release_discard):
        with pytest.raises(ValidationError):
            service(actor=cast.analyst, release_id=release.pk)
    assert cast.client("analyst").post(f"/api/v1/releases/{release.pk}/rebuild/").status_code == 400
    release.content = {**release.content, "title": "Changed"}
    with pytest.raises(PublishedReleaseError):
        release.save()
    cell = release.cells.first()
    cell.published = 999
    with pytest.raises(PublishedReleaseError):
        cell.save()
    assert Release.objects.get(pk=release.pk).content["title"] == "Justice figures 2025"


def test_a_correction_is_the_next_version_and_the_old_one_says_it_was_superseded(
    cast, client, programme
):
    first = publish(cast, programme)
    with pytest.raises(ValidationError):
        services.release_correct(actor=cast.analyst, release_id=first.pk, change_note=" ")
    client.force_login(cast.analyst)
    url = reverse("release_correct", args=[programme.pk, first.pk])
    assert client.post(url, {"change_note": "Late complaints added."}).status_code == 302
    correction = Release.objects.get(supersedes=first)
    assert correction.status == ReleaseStatus.DRAFT
    services.release_approve(actor=cast.supervisor, release_id=correction.pk)
    correction.refresh_from_db()
    assert correction.version == 2 and correction.content["supersedes"] == 1
    assert correction.content["change_note"] == "Late complaints added."
    first.refresh_from_db()
    assert first.status == ReleaseStatus.PUBLISHED
    page = client.get(reverse("release_detail", args=[programme.pk, first.pk])).content.decode()
    assert "Superseded by version 2" in page


def test_a_discarded_draft_is_kept(cast, client, programme):
    release = draft(cast, programme)
    client.force_login(cast.analyst)
    url = reverse("release_discard", args=[programme.pk, release.pk])
    assert client.post(url, {}).status_code == 302
    release.refresh_from_db()
    assert release.status == ReleaseStatus.DISCARDED and release.discarded_at is not None
    with pytest.raises(ValidationError):
        services.release_approve(actor=cast.supervisor, release_id=release.pk)


def test_the_new_release_page_drafts_and_the_preview_shows_the_check(cast, client, programme):
    client.force_login(cast.analyst)
    page = client.get(reverse("release_new", args=[programme.pk])).content.decode()
    assert "Legal cases with a verdict" in page and "remaining: ε 1.000" in page
    response = client.post(
        reverse("release_new", args=[programme.pk]),
        {
            "title": "From the page",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "split": "whole",
            "breakdown": "department",
            "measures": ["complaints", "verdicts"],
            "min_cell": 11,
            "rounding_base": 5,
            "epsilon": "",
        },
    )
    assert response.status_code == 302, response.content.decode()
    release = Release.objects.get(title="From the page")
    page = client.get(response["Location"]).content.decode()
    assert "No cell can be recovered from this release" in page
    assert "[c]" in page and "Guatemala" in page
    bad = client.post(reverse("release_new", args=[programme.pk]), {"title": "x", "min_cell": 5})
    assert bad.status_code == 422
    assert Release.objects.count() == 1 and release.cells.count() == 6


def test_the_preview_reads_in_spanish(cast, client, programme):
    legal_cases(cast, "Quetzaltenango", 4)
    release = draft(cast, programme)
    client.force_login(cast.analyst)
    url = reverse("release_detail", args=[programme.pk, release.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Vista previa: exactamente lo que se publicará" in page
    assert "La garantía" in page or "Cada conteo proviene de los registros del programa" in page
    assert "[c]" in page


def test_the_list_and_preview_take_a_constant_number_of_queries(
    cast, client, programme, django_assert_max_num_queries
):
    for n in range(3):
        publish(cast, programme, title=f"Release {n}", breakdown="none" if n else "department")
    client.force_login(cast.analyst)
    with django_assert_max_num_queries(20):
        client.get(reverse("programme_releases", args=[programme.pk]))

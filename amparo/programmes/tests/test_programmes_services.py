"""Programme and area services: what they write, what they refuse (writing nothing), the audit."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.concurrency import StaleVersionError
from amparo.core.exceptions import Denied, NotFound
from amparo.programmes.models import PrivacyBudgetEntry, Programme, ProgrammeArea, Release
from amparo.programmes.services.programmes import (
    area_add,
    area_update,
    programme_archive,
    programme_create,
    programme_update,
)
from amparo.programmes.tests.records import programme_records

START, END = datetime.date(2025, 1, 1), datetime.date(2029, 12, 31)


def _create(cast, **overrides):
    fields = {
        "actor": cast.analyst,
        "name": "Hogares Seguros",
        "slug": "hogares-seguros",
        "summary": "A fictional programme.",
        "countries": ["gt", "HN"],
        "starts_on": START,
        "ends_on": END,
        "population_covered": 1_000_000,
        "partner_ids": [cast.refugio.pk],
        **overrides,
    }
    return programme_create(**fields)


def test_a_programme_is_created_for_the_actors_organisation_and_audited(cast):
    programme = _create(cast)
    assert programme.organisation_id == cast.lex.pk
    assert programme.countries == ["GT", "HN"]
    assert list(programme.partners.all()) == [cast.refugio]
    assert (programme.min_cell, programme.rounding_base) == (11, 5)
    event = AuditEvent.objects.get(code=Code.PROGRAMME_SAVED)
    assert (event.actor, event.object_id) == (cast.analyst, str(programme.pk))


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"slug": "justicia-segura"}, "slug"),  # taken by the records' programme
        ({"slug": "Not A Slug"}, "slug"),
        ({"countries": ["Guatemala"]}, "countries"),
        ({"countries": []}, "countries"),
        ({"ends_on": datetime.date(2024, 12, 31)}, "ends_on"),
        ({"min_cell": 10}, "min_cell"),
        ({"rounding_base": 0}, "rounding_base"),
        ({"privacy_budget": Decimal("-1")}, "privacy_budget"),
        ({"name": "  "}, "name"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_is_written(cast, overrides, field):
    programme_records(cast)
    before = Programme.objects.count()
    with pytest.raises(ValidationError) as refused:
        _create(cast, **overrides)
    assert field in refused.value.message_dict
    assert Programme.objects.count() == before
    assert not AuditEvent.objects.filter(code=Code.PROGRAMME_SAVED).exists()


def test_a_partner_must_be_another_organisation_that_exists(cast):
    with pytest.raises(ValidationError) as refused:
        _create(cast, partner_ids=[cast.lex.pk])
    assert "partner_ids" in refused.value.message_dict
    with pytest.raises(ValidationError):
        _create(cast, partner_ids=[10**9])
    assert not Programme.objects.exists()


def test_a_role_without_the_permission_is_denied(cast):
    with pytest.raises(Denied):
        _create(cast, actor=cast.caseworker)
    assert not Programme.objects.exists()


def test_an_update_records_the_fields_that_changed(cast):
    records = programme_records(cast)
    programme = records.lex_programme
    updated = programme_update(
        actor=cast.supervisor,
        programme_id=programme.pk,
        expected_version=programme.version,
        name="Justicia Segura 2030",
        min_cell=15,
        partner_ids=[cast.refugio.pk, cast.tercera.pk],
    )
    assert updated.version == programme.version + 1
    assert updated.min_cell == 15
    assert set(updated.partners.all()) == {cast.refugio, cast.tercera}
    event = AuditEvent.objects.get(code=Code.PROGRAMME_SAVED)
    assert sorted(event.changed_fields) == ["min_cell", "name", "partners"]


def test_a_stale_version_is_a_conflict_and_changes_nothing(cast):
    programme = programme_records(cast).lex_programme
    with pytest.raises(StaleVersionError):
        programme_update(
            actor=cast.supervisor,
            programme_id=programme.pk,
            expected_version=programme.version + 1,
            name="Too late",
        )
    programme.refresh_from_db()
    assert programme.name == "Justicia Segura"
    assert not AuditEvent.objects.filter(code=Code.PROGRAMME_SAVED).exists()


def test_the_budget_cannot_go_below_what_releases_already_spent(cast):
    programme = programme_records(cast).lex_programme
    release = Release.objects.create(
        programme=programme,
        title="Release 1",
        period_start=START,
        period_end=END,
        drafted_by=cast.analyst,
    )
    PrivacyBudgetEntry.objects.create(
        programme=programme, release=release, epsilon=Decimal("0.6"), spent_at=timezone.now()
    )
    with pytest.raises(ValidationError) as refused:
        programme_update(
            actor=cast.supervisor,
            programme_id=programme.pk,
            expected_version=programme.version,
            privacy_budget=Decimal("0.5"),
        )
    assert "privacy_budget" in refused.value.message_dict
    programme.refresh_from_db()
    assert programme.privacy_budget == Decimal("1")
    programme_update(
        actor=cast.supervisor,
        programme_id=programme.pk,
        expected_version=programme.version,
        privacy_budget=Decimal("0.6"),
    )
    programme.refresh_from_db()
    assert programme.privacy_budget == Decimal("0.6")


def test_only_the_owners_members_may_change_a_programme(cast):
    programme = programme_records(cast).lex_programme
    with pytest.raises(Denied):
        programme_update(
            actor=cast.partner_supervisor,
            programme_id=programme.pk,
            expected_version=programme.version,
            name="Ours now",
        )
    with pytest.raises(NotFound):
        programme_archive(actor=cast.third_supervisor, programme_id=programme.pk)
    programme.refresh_from_db()
    assert programme.name == "Justicia Segura" and programme.archived_at is None


def test_archiving_keeps_the_programme_and_is_audited_once(cast):
    programme = programme_records(cast).lex_programme
    archived = programme_archive(actor=cast.supervisor, programme_id=programme.pk)
    assert archived.archived_at is not None
    programme_archive(actor=cast.supervisor, programme_id=programme.pk)
    assert AuditEvent.objects.filter(code=Code.PROGRAMME_ARCHIVED).count() == 1
    assert Programme.objects.filter(pk=programme.pk).exists()
    with pytest.raises(ValidationError):
        programme_update(
            actor=cast.supervisor,
            programme_id=programme.pk,
            expected_version=archived.version,
            name="After archiving",
        )


def test_an_area_is_added_once_per_programme(cast):
    records = programme_records(cast)
    programme = records.lex_programme
    area = area_add(
        actor=cast.analyst,
        programme_id=programme.pk,
        country="gt",
        admin1="Escuintla",
        population=800_000,
    )
    assert (area.country, area.admin1) == ("GT", "Escuintla")
    with pytest.raises(ValidationError) as refused:
        area_add(
            actor=cast.analyst,
            programme_id=programme.pk,
            country="GT",
            admin1="escuintla",
            population=1,
        )
    assert "admin1" in refused.value.message_dict
    assert programme.areas.count() == 3
    with pytest.raises(ValidationError) as refused:
        area_update(
            actor=cast.analyst,
            programme_id=programme.pk,
            area_id=area.pk,
            country="GT",
            admin1="Guatemala",
            population=1,
        )
    assert "admin1" in refused.value.message_dict
    area_update(
        actor=cast.analyst,
        programme_id=programme.pk,
        area_id=area.pk,
        country="GT",
        admin1="Escuintla",
        population=850_000,
    )
    assert ProgrammeArea.objects.get(pk=area.pk).population == 850_000
    events = AuditEvent.objects.filter(code=Code.PROGRAMME_SAVED)
    assert [e.changed_fields for e in events] == [["areas"], ["areas"]]


def test_an_area_of_another_programme_cannot_be_edited_through_this_one(cast):
    records = programme_records(cast)
    other = ProgrammeArea.objects.create(
        programme=records.third_programme, country="GT", admin1="Petén", population=10
    )
    with pytest.raises(ValidationError):
        area_update(
            actor=cast.analyst,
            programme_id=records.lex_programme.pk,
            area_id=other.pk,
            country="GT",
            admin1="Petén",
            population=20,
        )
    other.refresh_from_db()
    assert other.population == 10

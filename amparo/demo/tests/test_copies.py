"""A demo bigger than the planned survivors: the rest are copies, each a person of her own."""

from collections import Counter
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseNote, Incident
from amparo.demo import copies, seeding
from amparo.justice.models import LegalCase
from amparo.network.models import Referral
from amparo.people.indexing import identity_terms, name_digests_for
from amparo.people.inputs import IdentityInput
from amparo.people.models import Survivor, SurvivorIdentity, SurvivorIndexTerm
from amparo.testing.shared import rolled_back

PLANNED = 60
# Two whole copies of the planned survivors and a part of a third.
SURVIVORS = PLANNED * 3 + 25


@pytest.fixture(scope="module")
def copied_once(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        patch = pytest.MonkeyPatch()
        patch.setattr(seeding, "PLANNED", PLANNED)
        patch.setattr(copies, "COPIES_PER_STATEMENT", 2)  # whole batches and a part
        out = StringIO()
        try:
            call_command("seed", survivors=SURVIVORS, stdout=out)
        finally:
            patch.undo()
        yield out.getvalue()


@pytest.fixture
def copied(copied_once, db) -> str:
    return copied_once


def _planned_ids() -> list[int]:
    return list(Survivor.objects.order_by("id").values_list("id", flat=True)[:PLANNED])


def _copies():
    # A copy's pseudonym has five digits; a planned one's, in a demo this small, three.
    return Survivor.objects.filter(pseudonym__regex=r" [0-9]{5}$")


def test_the_demo_has_exactly_the_survivors_asked_for_and_says_how_it_copied(copied):
    assert _copies().count() == SURVIVORS - PLANNED
    assert f"copied {SURVIVORS - PLANNED:,} of {SURVIVORS - PLANNED:,} survivors" in copied
    assert f"Seeded {SURVIVORS} fictional survivors" in copied


def test_every_foreign_key_of_a_copied_row_points_at_a_row_that_exists(copied):
    checked = 0
    with connection.cursor() as cursor:
        for label in [*copies.KEYED, "audit.AuditEvent", "people.SurvivorIndexTerm"]:
            model = apps.get_model(label)
            for field in model._meta.concrete_fields:
                if not field.is_relation:
                    continue
                table = connection.ops.quote_name(model._meta.db_table)
                target = connection.ops.quote_name(field.related_model._meta.db_table)
                column = connection.ops.quote_name(field.column)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {table} x "  # noqa: S608
                    f"LEFT JOIN {target} y ON y.id = x.{column} "
                    f"WHERE x.{column} IS NOT NULL AND y.id IS NULL"
                )
                assert cursor.fetchone()[0] == 0, (label, field.name)
                checked += 1
    assert checked > 40


def test_each_copy_is_a_new_person_whose_index_terms_are_her_own(copied):
    copied_ids = list(_copies().values_list("id", flat=True))
    stored: dict[int, set] = {}
    for survivor_id, kind, digest in SurvivorIndexTerm.objects.filter(
        survivor_id__in=copied_ids
    ).values_list("survivor_id", "kind", "digest"):
        stored.setdefault(survivor_id, set()).add((kind, digest))
    phones = set()
    for identity in SurvivorIdentity.objects.filter(survivor_id__in=copied_ids):
        data = IdentityInput(
            given_names=identity.given_names,
            family_names=identity.family_names,
            other_names=identity.other_names,
            date_of_birth=identity.date_of_birth,
            phone=identity.phone,
            address=identity.address,
            national_id=identity.national_id,
            narrative=identity.narrative,
        )
        assert set(identity_terms(data)) == stored.get(identity.survivor_id, set())
        assert identity.survivor.name_digests == name_digests_for(data)
        if identity.phone:
            assert identity.phone not in phones  # no false duplicates by phone
            phones.add(identity.phone)
    codes = Counter(Case.objects.values_list("organisation_id", "code"))
    assert max(codes.values()) == 1


def test_a_copy_has_the_whole_file_of_its_original_and_points_only_at_its_own_rows(copied):
    planned = _planned_ids()
    original = Case.objects.get(survivor_id=planned[0])
    copy = (
        Case.objects.filter(survivor__in=_copies())
        .filter(
            opened_on=original.opened_on,
            risk_level=original.risk_level,
            created_at=original.created_at,
            organisation=original.organisation,
        )
        .exclude(pk=original.pk)
        .first()
    )
    assert copy is not None and copy.code != original.code
    for model in (Incident, CaseNote):
        assert (
            model.objects.filter(case=copy).count() == model.objects.filter(case=original).count()
        )
    events = Counter(AuditEvent.objects.filter(case=original).values_list("code", flat=True))
    assert Counter(AuditEvent.objects.filter(case=copy).values_list("code", flat=True)) == events
    for event in AuditEvent.objects.filter(case=copy, object_type="cases.casenote"):
        assert CaseNote.objects.get(pk=int(event.object_id)).case_id == copy.pk
    for referral in Referral.objects.filter(case=copy):
        assert referral.consent.survivor_id == copy.survivor_id


def test_court_cases_are_copied_with_all_their_victims(copied):
    planned = set(_planned_ids())
    cases_of_copies = Case.objects.filter(survivor__in=_copies()).values("pk")
    copied_legal = LegalCase.objects.filter(victims__in=cases_of_copies).distinct()
    assert copied_legal.exists()
    for legal_case in copied_legal:
        victims = set(legal_case.victims.values_list("survivor_id", flat=True))
        assert not victims & planned


def test_new_rows_after_the_copies_take_keys_above_them(copied):
    highest = Survivor.objects.order_by("-id").values_list("id", flat=True)[0]
    survivor = Survivor.objects.order_by("id").first()
    survivor.pk = None
    survivor.pseudonym = "Prueba 000"
    survivor.save()
    assert survivor.pk > highest


def test_a_copy_is_found_by_her_own_name(copied):
    from amparo.people.selectors import survivor_ids_matching_name

    survivor = _copies().select_related("identity", "organisation").last()
    found = survivor_ids_matching_name(
        organisation=survivor.organisation,
        text=f"{survivor.identity.given_names} {survivor.identity.family_names}",
    )
    assert survivor.pk in {next(iter(row.values())) for row in found}

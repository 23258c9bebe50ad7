"""A survivor's record changing owner: it moves with its blind index, under its own lock."""

import pytest
from django.core.exceptions import ValidationError

from amparo.people.models import Survivor, SurvivorIndexTerm
from amparo.people.services import survivor_owner_change


def test_the_record_and_its_index_move_to_the_new_owner(cast):
    survivor = cast.case.survivor
    assert SurvivorIndexTerm.objects.filter(survivor=survivor).exists()
    moved = survivor_owner_change(survivor_id=survivor.pk, organisation=cast.refugio)
    stored = Survivor.objects.get(pk=survivor.pk)
    assert stored.organisation == cast.refugio and stored.version == survivor.version + 1
    assert moved.pseudonym == stored.pseudonym
    owners = set(
        SurvivorIndexTerm.objects.filter(survivor=survivor).values_list("organisation", flat=True)
    )
    assert owners == {cast.refugio.pk}


def test_an_inactive_or_unchanged_owner_is_refused(cast):
    survivor = cast.case.survivor
    with pytest.raises(ValidationError) as exc:
        survivor_owner_change(survivor_id=survivor.pk, organisation=cast.lex)
    assert "organisation" in exc.value.message_dict
    cast.refugio.is_active = False
    cast.refugio.save()
    with pytest.raises(ValidationError):
        survivor_owner_change(survivor_id=survivor.pk, organisation=cast.refugio)
    stored = Survivor.objects.get(pk=survivor.pk)
    assert (stored.organisation, stored.version) == (cast.lex, survivor.version)
    assert not SurvivorIndexTerm.objects.filter(survivor=survivor, organisation=cast.refugio)

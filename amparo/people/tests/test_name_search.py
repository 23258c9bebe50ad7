"""A search by name: every token must sound alike, through digests kept in step."""

from amparo.core.blind_index import query_sounds
from amparo.people.indexing import name_digests_for
from amparo.people.inputs import IdentityInput
from amparo.people.models import Survivor, SurvivorIndexTerm
from amparo.people.selectors import survivor_ids_matching_name
from amparo.people.services import identity_update
from amparo.testing.factories import intake_input


def found(cast, text: str) -> set[int]:
    ids = survivor_ids_matching_name(organisation=cast.lex, text=text)
    return set(Survivor.objects.filter(pk__in=ids).values_list("pk", flat=True))


def test_finds_by_every_token_spelt_alike_and_not_by_a_stranger(cast):
    survivor_id = cast.case.survivor_id
    assert found(cast, "testa ficticia") == {survivor_id}
    assert found(cast, "TESTA Fikticia Ejemplo Prueva") == {survivor_id}
    assert found(cast, "Ejemplo") == {survivor_id}
    assert found(cast, "Testa Inventada") == set()  # one token of the query is not hers
    assert found(cast, "   ") == set()


def test_never_another_organisations_survivor(cast):
    ids = survivor_ids_matching_name(organisation=cast.refugio, text="Testa Ficticia")
    assert not Survivor.objects.filter(pk__in=ids).exists()


def test_the_digests_are_the_name_sound_terms_and_never_the_name(cast):
    survivor = Survivor.objects.get(pk=cast.case.survivor_id)
    sounds = SurvivorIndexTerm.objects.filter(survivor=survivor, kind="sound")
    assert survivor.name_digests == sorted(sounds.values_list("digest", flat=True))
    assert survivor.name_digests == name_digests_for(intake_input().identity)
    assert len(survivor.name_digests) == 4
    assert all(len(d) == 32 and "test" not in d.lower() for d in survivor.name_digests)
    assert set(query_sounds("Testa Ficticia")) <= set(survivor.name_digests)


def test_a_changed_identity_is_found_by_its_new_name_only(cast):
    survivor = cast.case.survivor
    data = intake_input().identity
    data.given_names, data.family_names = "Zoe", "Inventada"
    identity_update(
        actor=cast.caseworker, case=cast.case, expected_version=survivor.version, data=data
    )
    survivor.refresh_from_db()
    assert survivor.name_digests == name_digests_for(data)
    assert found(cast, "Zoe Inventada") == {survivor.pk}
    assert found(cast, "Testa Ficticia") == set()
    # An identity without a name leaves no name digests.
    identity_update(
        actor=cast.caseworker,
        case=cast.case,
        expected_version=survivor.version,
        data=IdentityInput(national_id="TEST-0000-0001"),
    )
    survivor.refresh_from_db()
    assert survivor.name_digests == []
    assert found(cast, "Zoe") == set()

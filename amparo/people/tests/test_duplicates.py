import datetime

import pytest
from django.core.exceptions import PermissionDenied

from amparo.audit.models import AuditEvent
from amparo.cases.services import intake_submit
from amparo.people.inputs import IdentityInput
from amparo.people.models import SurvivorIndexTerm
from amparo.people.selectors import possible_duplicates
from amparo.people.services import duplicate_check
from amparo.testing.factories import intake_input


def test_same_national_id_is_a_possible_duplicate(cast):
    found = possible_duplicates(
        organisation=cast.lex, identity=IdentityInput(national_id="test-0000-0001")
    )
    assert [c.survivor_id for c in found] == [cast.case.survivor_id]
    assert "national ID" in found[0].reasons


def test_same_sounding_name_and_birth_date(cast):
    identity = IdentityInput(
        given_names="Testa Fikticia",
        family_names="Ejemplo Prueva",
        date_of_birth=cast.case.survivor.identity.date_of_birth,
    )
    found = possible_duplicates(organisation=cast.lex, identity=identity)
    assert found and set(found[0].reasons) >= {"name", "date of birth"}


def test_other_organisations_survivors_are_never_matched(cast):
    assert (
        possible_duplicates(
            organisation=cast.refugio, identity=IdentityInput(national_id="TEST-0000-0001")
        )
        == []
    )


def test_different_person_is_not_matched(cast):
    identity = IdentityInput(
        given_names="Zoe", family_names="Inventada", date_of_birth=datetime.date(1990, 1, 1)
    )
    assert possible_duplicates(organisation=cast.lex, identity=identity) == []


def test_index_holds_no_plaintext(cast):
    digests = SurvivorIndexTerm.objects.values_list("digest", flat=True)
    assert digests and all(len(d) == 32 and "test" not in d for d in digests)


def test_identity_update_reindexes(cast):
    from amparo.people.services import identity_update

    data = intake_input().identity
    data.national_id = "TEST-9999-0002"
    identity_update(
        actor=cast.caseworker,
        case=cast.case,
        expected_version=cast.case.survivor.version,
        data=data,
    )
    assert (
        possible_duplicates(
            organisation=cast.lex, identity=IdentityInput(national_id="TEST-0000-0001")
        )
        == []
    )
    assert possible_duplicates(
        organisation=cast.lex, identity=IdentityInput(national_id="TEST-9999-0002")
    )
    second = intake_submit(actor=cast.caseworker, data=intake_input())
    assert second.survivor_id != cast.case.survivor_id


def test_duplicate_check_finds_and_records_who_checked(cast):
    found = duplicate_check(
        actor=cast.caseworker, identity=IdentityInput(national_id="TEST-0000-0001")
    )
    assert [c.survivor_id for c in found] == [cast.case.survivor_id]
    event = AuditEvent.objects.get(code="survivor.duplicate_check")
    assert (event.actor, event.organisation) == (cast.caseworker, cast.lex)
    assert "TEST-0000-0001" not in str(event.__dict__)


def test_duplicate_check_needs_intake(cast):
    for user in (cast.analyst, cast.outsider):
        with pytest.raises(PermissionDenied):
            duplicate_check(actor=user, identity=IdentityInput(national_id="TEST-0000-0001"))
    assert not AuditEvent.objects.filter(code="survivor.duplicate_check").exists()

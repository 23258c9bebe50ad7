"""The seeder holds each planned record to the rule its service applies."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from amparo.accounts.models import Organisation
from amparo.cases import vocab as case_vocab
from amparo.demo.moments import check
from amparo.people.inputs import ConsentInput
from amparo.people.services import validate_consent, validate_family_member
from amparo.people.vocab import ConsentGiver, ConsentScope


def test_a_family_member_the_service_would_refuse_is_refused_by_the_seeder_too():
    with pytest.raises(ValidationError) as refused:
        check(validate_family_member, relation="neighbour-ish", safety="safe", birth_year=None)
    assert "relation" in refused.value.message_dict
    check(validate_family_member, relation="mother", safety="safe", birth_year=1980)


@pytest.mark.django_db
def test_a_historical_consent_is_checked_as_of_the_day_it_was_recorded():
    organisation = Organisation.objects.create(name="Demo Org", code="DMO", country="GT")
    given_on = datetime.date(2023, 3, 1)
    expired_since = ConsentInput(
        scope=ConsentScope.SERVICES,
        given_by=ConsentGiver.SURVIVOR,
        given_on=given_on,
        valid_until=given_on + datetime.timedelta(days=365),
    )
    # Recorded today it would already have expired; recorded when given it was valid.
    with pytest.raises(ValidationError):
        check(validate_consent, expired_since, organisation=organisation)
    check(validate_consent, expired_since, organisation=organisation, recorded_on=given_on)


def test_a_case_closes_as_the_services_close_it():
    assert case_vocab.closed_status("referred") == case_vocab.CaseStatus.CLOSED_REFERRED
    assert case_vocab.closed_status("restored") == case_vocab.CaseStatus.CLOSED

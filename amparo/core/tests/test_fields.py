import datetime

import pytest
from django.core.exceptions import FieldError
from django.db import connection

from amparo.people.models import SurvivorIdentity


def test_values_are_encrypted_in_the_database_and_decrypted_on_read(cast):
    identity = SurvivorIdentity.objects.get(survivor=cast.case.survivor)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT given_names, date_of_birth FROM people_survivoridentity WHERE id = %s",
            [identity.pk],
        )
        raw_name, raw_dob = cursor.fetchone()
    assert "Testa" not in raw_name
    assert identity.given_names == "Testa Ficticia"
    assert isinstance(identity.date_of_birth, datetime.date)
    assert identity.date_of_birth.isoformat() not in raw_dob


def test_empty_values_stay_empty(cast):
    identity = SurvivorIdentity.objects.get(survivor=cast.case.survivor)
    assert identity.other_names == ""
    identity.date_of_birth = None
    identity.save()
    identity.refresh_from_db()
    assert identity.date_of_birth is None


@pytest.mark.parametrize(
    "lookup",
    [
        {"given_names": "Testa Ficticia"},
        {"given_names__icontains": "testa"},
        {"national_id__startswith": "TEST"},
        {"date_of_birth__gte": datetime.date(2000, 1, 1)},
    ],
)
def test_encrypted_fields_cannot_be_searched(cast, lookup):
    with pytest.raises(FieldError, match="cannot be searched"):
        SurvivorIdentity.objects.filter(**lookup).exists()


def test_isnull_is_allowed(cast):
    assert SurvivorIdentity.objects.filter(narrative__isnull=False).exists()

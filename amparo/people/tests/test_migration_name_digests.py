"""The migration that gives each survivor its name digests fills them from the index terms."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from amparo.cases.services import intake_submit
from amparo.people.indexing import name_digests_for
from amparo.people.inputs import IdentityInput
from amparo.people.models import Survivor
from amparo.testing.factories import MembershipFactory, intake_input

BEFORE = [("people", "0003_survivor_age_band")]
AFTER = [("people", "0004_survivor_name_digests")]


@pytest.mark.django_db(transaction=True)
def test_existing_survivors_get_their_name_sound_digests(latest_schema_after):
    worker = MembershipFactory(role="caseworker").user
    named = intake_submit(actor=worker, data=intake_input()).survivor_id
    unnamed_input = intake_input()
    unnamed_input.identity = IdentityInput(national_id="TEST-0000-0009")
    unnamed = intake_submit(actor=worker, data=unnamed_input).survivor_id

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    digests = dict(Survivor.objects.values_list("pk", "name_digests"))
    assert digests[named] == name_digests_for(intake_input().identity) and digests[named]
    assert digests[unnamed] == []

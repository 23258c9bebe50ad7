"""Tokens issued before expiry existed keep working for one lifetime from their issue."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("accounts", "0001_initial")]
AFTER = [("accounts", "0002_api_token_expires_at")]


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_expire_one_lifetime_after_issue(settings, latest_schema_after):
    settings.AMPARO_API_TOKEN_DAYS = 90
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(email="old.token@example.test")
    token = old.get_model("accounts", "ApiToken").objects.create(
        user=user, name="old", prefix="amp_old", key_hash="0" * 64
    )
    issued = timezone.now() - datetime.timedelta(days=10)
    old.get_model("accounts", "ApiToken").objects.filter(pk=token.pk).update(created_at=issued)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    migrated = new.get_model("accounts", "ApiToken").objects.get(pk=token.pk)
    assert migrated.expires_at == issued + datetime.timedelta(days=90)
    assert (migrated.name, migrated.revoked_at) == ("old", None)

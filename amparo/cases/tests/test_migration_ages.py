"""The migration to ages at the incident works out existing ages and contexts without loss."""

import dataclasses
import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from amparo.cases.services import intake_submit
from amparo.core.age import gbvims_band
from amparo.testing.factories import MembershipFactory, intake_input

BEFORE = [("cases", "0007_intake_draft_retention"), ("people", "0002_consentgrant_sections")]
AFTER = [("cases", "0008_incident_survivor_age")]


def _case(worker, *, date_of_birth, relation="recruiter"):
    data = intake_input()
    data.survivor = dataclasses.replace(data.survivor, birth_year=2008)
    data.identity = dataclasses.replace(data.identity, date_of_birth=date_of_birth)
    data.incident = dataclasses.replace(
        data.incident,
        occurred_on=datetime.date(2026, 6, 1),
        reported_on=None,
        money_or_goods_exchanged=False,
        perpetrator_relation=relation,
    )
    return intake_submit(actor=worker, data=data)


@pytest.mark.django_db(transaction=True)
def test_existing_incidents_gain_their_exact_age_and_ipv_keeps_what_was_chosen(
    latest_schema_after,
):
    worker = MembershipFactory(role="caseworker").user
    exact = _case(worker, date_of_birth=datetime.date(2008, 6, 2))
    estimated = _case(worker, date_of_birth=None, relation="unknown")
    contradicting = _case(worker, date_of_birth=None, relation="family")

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Incident = old.get_model("cases", "Incident")
    # As the old code wrote them: the year difference (18) decided, so no child sexual
    # abuse; intimate partner violence was a choice.
    Incident.objects.filter(case_id=exact.pk).update(contexts=["trafficking"])
    Incident.objects.filter(case_id__in=[estimated.pk, contradicting.pk]).update(
        contexts=["ipv", "trafficking"]
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Incident = apps.get_model("cases", "Incident")
    Survivor = apps.get_model("people", "Survivor")

    def migrated(case):
        return Incident.objects.values().get(case_id=case.pk)

    row = migrated(exact)
    assert (row["survivor_age"], row["survivor_age_exact"]) == (17, True)
    assert row["contexts"] == ["csa", "trafficking"]
    row = migrated(estimated)
    assert (row["survivor_age"], row["survivor_age_exact"]) == (18, False)
    # The choice said who the perpetrator was: the relation now says it, and IPV follows.
    assert row["perpetrator_relation"] == "intimate_partner"
    assert row["contexts"] == ["ipv", "trafficking"]
    row = migrated(contradicting)
    assert (row["perpetrator_relation"], row["contexts"]) == ("family", ["trafficking"])
    today = timezone.localdate()
    bands = dict(Survivor.objects.values_list("pk", "age_band"))
    assert Survivor.objects.filter(age_band_on=today).count() == len(bands)
    born = datetime.date(2008, 6, 2)
    exact_age = today.year - 2008 - ((today.month, today.day) < (born.month, born.day))
    assert bands[exact.survivor_id] == gbvims_band(exact_age)
    assert bands[estimated.survivor_id] == gbvims_band(today.year - 2008)

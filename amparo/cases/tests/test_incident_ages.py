"""The survivor's age at each incident: exact from the date of birth, worked out again when
the birth or the incident's date changes; intimate partner violence follows from the relation."""

import dataclasses
import datetime

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.forms.incident import IncidentForm
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Incident
from amparo.cases.services import incident_record, incident_update, intake_submit
from amparo.people.services import identity_update, survivor_update
from amparo.testing.api import api_client
from amparo.testing.factories import MembershipFactory, intake_input

BORN = datetime.date(2008, 6, 2)
THE_DAY_BEFORE_18 = datetime.date(2026, 6, 1)


def _rape_intake(*, date_of_birth, occurred_on=THE_DAY_BEFORE_18, **incident):
    """An intake of a rape on ``occurred_on`` of a girl born in 2008 (on ``date_of_birth``)."""
    data = intake_input()
    data.survivor = dataclasses.replace(data.survivor, birth_year=2008)
    data.identity = dataclasses.replace(data.identity, date_of_birth=date_of_birth)
    data.incident = dataclasses.replace(
        data.incident,
        occurred_on=occurred_on,
        reported_on=None,
        q_penetration=True,
        money_or_goods_exchanged=False,
        **incident,
    )
    return data


def _open(data):
    worker = MembershipFactory(role="caseworker").user
    case = intake_submit(actor=worker, data=data)
    return worker, case, case.incidents.get()


@pytest.mark.django_db
def test_a_girl_raped_the_day_before_her_18th_birthday_is_a_child():
    """The issue's example: born 2008-06-02, raped 2026-06-01: 17, child sexual abuse."""
    _worker, _case, incident = _open(_rape_intake(date_of_birth=BORN))
    assert (incident.survivor_age, incident.survivor_age_exact) == (17, True)
    assert "csa" in incident.contexts


@pytest.mark.django_db
def test_without_the_date_of_birth_the_age_is_the_year_difference_an_estimate():
    _worker, _case, incident = _open(_rape_intake(date_of_birth=None))
    assert (incident.survivor_age, incident.survivor_age_exact) == (18, False)
    assert "csa" not in incident.contexts


def _rederived_events(incident):
    return list(
        AuditEvent.objects.filter(code=Code.INCIDENT_AGE_REDERIVED, object_id=str(incident.pk))
    )


@pytest.mark.django_db
def test_a_date_of_birth_learned_later_adds_child_sexual_abuse():
    worker, case, incident = _open(_rape_intake(date_of_birth=None))
    version = incident.version
    identity = dataclasses.replace(intake_input().identity, date_of_birth=BORN)
    identity_update(actor=worker, case=case, expected_version=case.survivor.version, data=identity)
    incident.refresh_from_db()
    assert (incident.survivor_age, incident.survivor_age_exact) == (17, True)
    assert "csa" in incident.contexts
    assert incident.version == version + 1
    [event] = _rederived_events(incident)
    assert event.reason == "date_of_birth"
    assert sorted(event.changed_fields) == ["contexts", "survivor_age", "survivor_age_exact"]
    assert event.case_id == case.pk
    # No event holds the date of birth, in any form.
    written = str([(e.reason, e.changed_fields) for e in AuditEvent.objects.all()])
    for text in ("2008-06-02", "02/06/2008", "2008-06", "17"):
        assert text not in written


@pytest.mark.django_db
def test_a_corrected_date_of_birth_removes_child_sexual_abuse():
    worker, case, incident = _open(_rape_intake(date_of_birth=BORN))
    identity = dataclasses.replace(intake_input().identity, date_of_birth=datetime.date(2008, 5, 1))
    identity_update(actor=worker, case=case, expected_version=case.survivor.version, data=identity)
    incident.refresh_from_db()
    assert (incident.survivor_age, incident.survivor_age_exact) == (18, True)
    assert "csa" not in incident.contexts
    assert "trafficking" in incident.contexts  # chosen contexts stay


@pytest.mark.django_db
def test_a_date_of_birth_in_another_year_moves_the_birth_year_with_it():
    worker, case, incident = _open(_rape_intake(date_of_birth=None))
    identity = dataclasses.replace(intake_input().identity, date_of_birth=datetime.date(2009, 1, 5))
    identity_update(actor=worker, case=case, expected_version=case.survivor.version, data=identity)
    case.survivor.refresh_from_db()
    incident.refresh_from_db()
    assert case.survivor.birth_year == 2009
    assert (incident.survivor_age, "csa" in incident.contexts) == (17, True)


@pytest.mark.django_db
def test_a_changed_birth_year_works_out_the_estimated_ages_again():
    worker, case, incident = _open(_rape_intake(date_of_birth=None))
    survivor = case.survivor
    data = dataclasses.replace(intake_input().survivor, birth_year=2009)
    survivor_update(actor=worker, case=case, expected_version=survivor.version, data=data)
    incident.refresh_from_db()
    assert (incident.survivor_age, incident.survivor_age_exact) == (17, False)
    assert "csa" in incident.contexts
    assert [e.reason for e in _rederived_events(incident)] == ["birth_year"]


@pytest.mark.django_db
def test_a_birth_year_other_than_the_date_of_births_is_refused():
    worker, case, _incident = _open(_rape_intake(date_of_birth=BORN))
    survivor = case.survivor
    data = dataclasses.replace(intake_input().survivor, birth_year=2009)
    with pytest.raises(ValidationError) as error:
        survivor_update(actor=worker, case=case, expected_version=survivor.version, data=data)
    assert "birth_year" in error.value.message_dict
    assert "2008" not in str(error.value)
    survivor.refresh_from_db()
    assert survivor.birth_year == 2008


@pytest.mark.django_db
def test_a_changed_incident_date_works_out_the_age_again():
    worker, _case, incident = _open(_rape_intake(date_of_birth=BORN))
    answers = {f.name: getattr(incident, f.name) for f in dataclasses.fields(IncidentInput)}
    answers["contexts"] = ["trafficking"]
    answers["occurred_on"] = BORN.replace(year=2026)  # her 18th birthday
    updated = incident_update(
        actor=worker,
        incident=incident,
        expected_version=incident.version,
        data=IncidentInput(**answers),
    )
    assert (updated.survivor_age, updated.survivor_age_exact) == (18, True)
    assert "csa" not in updated.contexts
    event = AuditEvent.objects.filter(code=Code.INCIDENT_UPDATED).latest("pk")
    assert {"occurred_on", "survivor_age", "contexts"} <= set(event.changed_fields)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("answers", "relation", "ipv"),
    [
        ({"q_physical": True}, "intimate_partner", True),
        ({"q_penetration": True}, "intimate_partner", True),
        ({"q_psychological": True}, "family", False),
        ({}, "intimate_partner", False),  # non-GBV: GBVIMS gives it no GBV context
    ],
)
def test_intimate_partner_violence_follows_from_the_relation(cast, answers, relation, ipv):
    data = dataclasses.replace(
        intake_input().incident,
        **{"q_penetration": False, **answers},
        perpetrator_relation=relation,
        contexts=[],
        exploitation_types=[],
        means_of_control=[],
        sexual_exploitation_types=[],
        recruiter_relation="",
    )
    incident = incident_record(actor=cast.caseworker, case=cast.case, data=data)
    assert ("ipv" in incident.contexts) is ipv


@pytest.mark.django_db
def test_a_derived_context_cannot_be_chosen(cast):
    data = dataclasses.replace(intake_input().incident, contexts=["ipv", "csa"])
    with pytest.raises(ValidationError) as error:
        incident_record(actor=cast.caseworker, case=cast.case, data=data)
    assert "contexts" in error.value.message_dict
    choices = {value for value, _label in IncidentForm().fields["contexts"].choices}
    assert "ipv" not in choices and "trafficking" in choices


@pytest.mark.django_db
def test_the_api_gives_the_age_at_the_incident_and_offers_only_chosen_contexts(cast):
    client = api_client(cast.caseworker)
    incident = cast.case.incidents.get()
    body = client.get(f"/api/v1/cases/{cast.case.pk}/incidents/{incident.pk}/").json()
    assert (body["survivor_age"], body["survivor_age_exact"]) == (
        incident.survivor_age,
        True,
    )
    assert body["survivor_age"] is not None
    refused = client.patch(
        f"/api/v1/cases/{cast.case.pk}/incidents/{incident.pk}/",
        {"contexts": ["ipv"], "version": incident.version},
        format="json",
    )
    assert refused.status_code == 400
    # A change that leaves the contexts alone keeps the derived ones derived.
    kept = client.patch(
        f"/api/v1/cases/{cast.case.pk}/incidents/{incident.pk}/",
        {"admin2": "Otro Municipio", "version": incident.version},
        format="json",
    )
    assert kept.status_code == 200, kept.json()
    assert kept.json()["contexts"] == incident.contexts


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "about"), [("en", "about"), ("es", "aproximadamente")])
def test_the_case_file_shows_the_age_at_each_incident(cast, client, language, about):
    """Exact from the date of birth ("15"), else an estimate ("about 15")."""
    case = cast.case
    exact = case.incidents.get()
    estimated = incident_record(
        actor=cast.caseworker,
        case=case,
        data=dataclasses.replace(intake_input().incident, contexts=[]),
    )
    Incident.objects.filter(pk=estimated.pk).update(survivor_age_exact=False)
    client.force_login(cast.caseworker)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("case_file", args=[case.pk]), HTTP_ACCEPT_LANGUAGE=language)
    ages = [
        part.split("</dd>")[0]
        for part in page.content.decode().split('<dd class="survivor-age">')[1:]
    ]
    assert sorted(ages) == sorted([str(exact.survivor_age), f"{about} {estimated.survivor_age}"])

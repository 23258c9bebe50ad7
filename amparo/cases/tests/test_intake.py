import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, Incident
from amparo.cases.services import intake_submit
from amparo.people.inputs import ConsentInput
from amparo.people.models import Survivor
from amparo.testing.factories import intake_input


def test_intake_opens_case_with_classified_incident(cast):
    case = cast.case
    assert case.code.startswith("LEX-")
    assert case.survivor.pseudonym == "Mariposa Azul"
    incident = case.incidents.get()
    assert incident.gbv_type == "rape"
    # Derived: survivor is 15 and the type is sexual; money was exchanged.
    assert set(incident.contexts) == {"trafficking", "csa", "possible_sexual_exploitation"}
    assert incident.report_delay == "6-14d"
    assert case.assignments.get().user == cast.caseworker
    codes = set(AuditEvent.objects.filter(case=case).values_list("code", flat=True))
    assert {
        Code.CASE_OPENED,
        Code.INCIDENT_RECORDED,
        Code.CONSENT_GRANTED,
        Code.CASE_ASSIGNED,
    } <= codes


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"opened_on": timezone.localdate() + datetime.timedelta(days=1)}, "opened_on"),
        ({"origin": "teleport"}, "origin"),
        ({"rescue_operation_id": None, "origin": "rescue"}, "rescue_operation"),
    ],
)
def test_bad_intake_writes_nothing(cast, change, field):
    before = (Case.objects.count(), Survivor.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as info:
        intake_submit(actor=cast.caseworker, data=intake_input(**change))
    assert field in info.value.message_dict
    assert (Case.objects.count(), Survivor.objects.count(), AuditEvent.objects.count()) == before


def test_future_incident_and_unknown_vocabulary_are_refused(cast):
    data = intake_input()
    data.incident.occurred_on = timezone.localdate() + datetime.timedelta(days=2)
    data.incident.means_of_control = ["mind_control"]
    with pytest.raises(ValidationError) as info:
        intake_submit(actor=cast.caseworker, data=data)
    assert {"incident.occurred_on", "incident.means_of_control"} <= set(info.value.message_dict)
    assert Incident.objects.count() == 1


def test_existing_case_code_is_refused(cast):
    with pytest.raises(ValidationError) as info:
        intake_submit(actor=cast.caseworker, data=intake_input(case_code=cast.case.code.lower()))
    assert "already exists" in info.value.message_dict["case_code"][0]


def test_expired_consent_is_refused(cast):
    today = timezone.localdate()
    expired = ConsentInput(
        scope="services",
        given_by="survivor",
        given_on=today - datetime.timedelta(days=30),
        valid_until=today - datetime.timedelta(days=1),
    )
    with pytest.raises(ValidationError) as info:
        intake_submit(actor=cast.caseworker, data=intake_input(consents=[expired]))
    assert "consents.0.valid_until" in info.value.message_dict


def test_sharing_consent_must_name_another_organisation(cast):
    today = timezone.localdate()
    own = ConsentInput(scope="share", given_by="survivor", given_on=today, recipient_id=cast.lex.pk)
    with pytest.raises(ValidationError):
        intake_submit(actor=cast.caseworker, data=intake_input(consents=[own]))
    ok = ConsentInput(
        scope="share",
        given_by="survivor",
        given_on=today,
        recipient_id=cast.refugio.pk,
        sections=["incidents"],
    )
    case = intake_submit(actor=cast.caseworker, data=intake_input(consents=[ok]))
    grant = case.survivor.consents.get()
    assert grant.recipient == cast.refugio and grant.sections == ["incidents"]

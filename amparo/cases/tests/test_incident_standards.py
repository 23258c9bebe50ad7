"""An incident records the standards' fields: validated, derived and served by the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Incident
from amparo.cases.services import incident_record
from amparo.testing.api import api_client


def _incident(case, **changes) -> IncidentInput:
    occurred = case.opened_on - datetime.timedelta(days=40)
    return IncidentInput(occurred_on=occurred, admin1="Petén", **changes)


@pytest.mark.django_db
def test_report_delay_is_measured_to_the_incidents_own_report_date(cast):
    case = cast.case
    data = _incident(case, reported_on=case.opened_on - datetime.timedelta(days=38))
    incident = incident_record(actor=cast.caseworker, case=case, data=data)
    assert incident.reported_on == case.opened_on - datetime.timedelta(days=38)
    assert incident.report_delay == "0-3d"


@pytest.mark.django_db
def test_without_a_report_date_the_case_opening_is_the_report(cast):
    case = cast.case
    incident = incident_record(actor=cast.caseworker, case=case, data=_incident(case))
    assert (incident.reported_on, incident.report_delay) == (case.opened_on, "1m+")


@pytest.mark.django_db
def test_a_report_before_the_incident_is_refused_and_nothing_written(cast):
    case = cast.case
    data = _incident(case, reported_on=case.opened_on - datetime.timedelta(days=41))
    count = Incident.objects.count()
    with pytest.raises(ValidationError) as error:
        incident_record(actor=cast.caseworker, case=case, data=data)
    assert "reported_on" in error.value.message_dict
    assert Incident.objects.count() == count


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "decided_by", "field"),
    [("actual", "", "trafficking_status_decided_by"), ("", "police", "trafficking_status")],
)
def test_a_trafficking_status_names_who_decided_it(cast, status, decided_by, field):
    data = _incident(cast.case, trafficking_status=status, trafficking_status_decided_by=decided_by)
    with pytest.raises(ValidationError) as error:
        incident_record(actor=cast.caseworker, case=cast.case, data=data)
    assert field in error.value.message_dict


@pytest.mark.django_db
def test_a_decided_trafficking_status_is_trafficking_and_not_a_victim_is_not(cast):
    actual = incident_record(
        actor=cast.caseworker,
        case=cast.case,
        data=_incident(cast.case, trafficking_status="actual", trafficking_status_decided_by="ngo"),
    )
    assert actual.is_trafficking
    cleared = incident_record(
        actor=cast.caseworker,
        case=cast.case,
        data=_incident(
            cast.case, trafficking_status="not_a_victim", trafficking_status_decided_by="police"
        ),
    )
    assert not cleared.is_trafficking


@pytest.mark.django_db
def test_rape_while_abducted_is_possible_sexual_slavery(cast):
    data = _incident(cast.case, q_penetration=True, abduction_status="trafficked")
    incident = incident_record(actor=cast.caseworker, case=cast.case, data=data)
    assert "possible_sexual_slavery" in incident.contexts


@pytest.mark.django_db
def test_perpetrator_roles_are_several_and_known(cast):
    data = _incident(cast.case, perpetrator_roles=["exploiter", "recruiter", "exploiter"])
    incident = incident_record(actor=cast.caseworker, case=cast.case, data=data)
    assert incident.perpetrator_roles == ["exploiter", "recruiter"]
    with pytest.raises(ValidationError) as error:
        incident_record(
            actor=cast.caseworker,
            case=cast.case,
            data=_incident(cast.case, perpetrator_roles=["pimp"]),
        )
    assert "perpetrator_roles" in error.value.message_dict


@pytest.mark.django_db
def test_the_api_records_and_returns_the_standards_fields(cast):
    case = cast.case
    occurred = case.opened_on - datetime.timedelta(days=20)
    response = api_client(cast.caseworker).post(
        f"/api/v1/cases/{case.pk}/incidents/",
        {
            "occurred_on": occurred.isoformat(),
            "admin1": "Petén",
            "q_sexual_contact": True,
            "abduction_status": "forced_conscription",
            "exploitation_types": ["forced_begging", "child_labour"],
            "recruitment_methods": ["social_networks"],
            "trafficking_status": "possible",
            "trafficking_status_decided_by": "ngo",
            "perpetrator_roles": ["transporter", "kidnapper"],
            "reported_on": (occurred + datetime.timedelta(days=5)).isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["exploitation_types"] == ["child_labour", "forced_begging"]
    assert body["perpetrator_roles"] == ["kidnapper", "transporter"]
    assert (body["trafficking_status"], body["trafficking_status_decided_by"]) == (
        "possible",
        "ngo",
    )
    assert body["report_delay"] == "4-5d"
    assert "possible_sexual_slavery" in body["contexts"] and "trafficking" in body["contexts"]

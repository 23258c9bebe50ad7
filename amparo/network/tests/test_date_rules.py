"""One date rule at every service that takes a date (``amparo.core.validation``).

Kept with the network tests because network is the highest app whose services
the table calls (people, cases, justice, aftercare and network): each row types
one impossible date into one service and expects that field refused, with
nothing written (no row, no audit event).
"""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError

from amparo.aftercare.inputs import ServiceInput
from amparo.aftercare.models import Service
from amparo.aftercare.services import assessments, delivery, placements
from amparo.aftercare.tests.conftest import all_scores
from amparo.cases import services as case_services
from amparo.cases.models import Case
from amparo.justice import services as justice_services
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court
from amparo.network.services.referrals import partner_service_record
from amparo.network.tests.date_writes import (
    PREPARE,
    TODAY,
    YEAR_1,
    YEAR_1899,
    YEAR_9999,
    World,
    _agreement,
    _at,
    _birth_year_after_incident,
    _care_plan,
    _case_close,
    _consent,
    _family,
    _follow_up_at,
    _follow_up_before_reintegration,
    _hearing,
    _incident,
    _intake,
    _placement_end,
    _propose,
    _reintegrate,
    _service,
    build_world,
    days,
)

Write = Callable[[World], object]

# (id, field the service must refuse, the write with the impossible date)
ROWS: list[tuple[str, str, Write]] = [
    ("intake incident in year 1", "incident.occurred_on", lambda w: _intake(w, YEAR_1, "incident")),
    ("intake incident in 1899", "incident.occurred_on", lambda w: _intake(w, YEAR_1899, "")),
    ("intake incident tomorrow", "incident.occurred_on", lambda w: _intake(w, days(1), "")),
    (
        "intake incident before birth",
        "incident.occurred_on",
        lambda w: _intake(w, datetime.date(TODAY().year - 16, 6, 1), ""),
    ),
    (
        "intake police report before the incident",
        "incident.police_reported_on",
        lambda w: _intake(w, days(-11), "police"),
    ),
    ("intake opened in year 1", "opened_on", lambda w: _intake(w, YEAR_1, "opened_on")),
    ("intake opened tomorrow", "opened_on", lambda w: _intake(w, days(1), "opened_on")),
    ("intake consent in year 1", "consents.0.given_on", lambda w: _intake(w, YEAR_1, "consent")),
    ("intake born in year 1", "identity.date_of_birth", lambda w: _intake(w, YEAR_1, "birth")),
    ("intake born tomorrow", "identity.date_of_birth", lambda w: _intake(w, days(1), "birth")),
    (
        "intake birth year not the year of the birth date",
        "survivor.birth_year",
        lambda w: _intake(w, datetime.date(TODAY().year - 14, 3, 14), "birth"),
    ),
    ("incident in year 1", "occurred_on", lambda w: _incident(w, YEAR_1)),
    ("incident before birth", "occurred_on", lambda w: _incident(w, w.before_birth())),
    ("incident tomorrow", "occurred_on", lambda w: _incident(w, days(1))),
    ("consent in year 1", "given_on", lambda w: _consent(w, YEAR_1)),
    ("consent before birth", "given_on", lambda w: _consent(w, w.before_birth())),
    ("consent until 9999", "valid_until", lambda w: _consent(w, TODAY(), YEAR_9999)),
    ("case closed in year 1", "closed_on", lambda w: _case_close(w, YEAR_1)),
    ("case closed tomorrow", "closed_on", lambda w: _case_close(w, days(1))),
    ("case closed before it opened", "closed_on", lambda w: _case_close(w, days(-801))),
    (
        "birth year after the incident",
        "birth_year",
        lambda w: _birth_year_after_incident(w, YEAR_1),
    ),
    (
        "rescue in year 1",
        "happened_on",
        lambda w: case_services.rescue_operation_record(
            actor=w.cast.caseworker,
            name="Op",
            happened_on=YEAR_1,
            admin1="Escuintla",
            people_removed=3,
        ),
    ),
    (
        "complaint before the victim's birth",
        "complaint_on",
        lambda w: justice_services.legal_case_open(
            actor=w.cast.supervisor,
            data=LegalCaseInput(
                title="T",
                court_id=Court.objects.first().pk,
                offence_category="trafficking",
                complaint_on=w.before_birth(),
                victim_case_ids=[w.case.pk],
            ),
        ),
    ),
    (
        "complaint in 1899",
        "complaint_on",
        lambda w: justice_services.legal_case_open(
            actor=w.cast.supervisor,
            data=LegalCaseInput(
                title="T",
                court_id=Court.objects.first().pk,
                offence_category="trafficking",
                complaint_on=YEAR_1899,
            ),
        ),
    ),
    (
        "hearing in 9999",
        "scheduled_for",
        lambda w: _hearing(w, datetime.datetime(9999, 12, 31, 23)),
    ),
    ("hearing in 1375", "scheduled_for", lambda w: _hearing(w, datetime.datetime(1375, 8, 19, 10))),
    ("hearing in year 1", "scheduled_for", lambda w: _hearing(w, datetime.datetime(1, 1, 1))),
    ("hearing six years ahead", "scheduled_for", lambda w: _hearing(w, _at(days(6 * 366)))),
    (
        "stage in year 1",
        "occurred_on",
        lambda w: justice_services.stage_record(
            actor=w.cast.supervisor,
            legal_case=w.legal_case,
            stage="investigation",
            occurred_on=YEAR_1,
        ),
    ),
    (
        "stage before the complaint",
        "occurred_on",
        lambda w: justice_services.stage_record(
            actor=w.cast.supervisor,
            legal_case=w.legal_case,
            stage="investigation",
            occurred_on=days(-401),
        ),
    ),
    (
        "legal case closed in year 1",
        "closed_on",
        lambda w: justice_services.legal_case_close(
            actor=w.cast.supervisor,
            legal_case=w.legal_case,
            expected_version=w.legal_case.version,
            reason="withdrawn",
            closed_on=YEAR_1,
        ),
    ),
    (
        "placement in year 1",
        "started_on",
        lambda w: placements.placement_start(
            actor=w.cast.caseworker,
            case=w.case,
            facility_id=w.records.facility,
            started_on=YEAR_1,
            reason="emergency",
        ),
    ),
    ("placement ends tomorrow", "ended_on", lambda w: _placement_end(w, days(1))),
    ("placement ends in year 1", "ended_on", lambda w: _placement_end(w, YEAR_1)),
    ("service in year 1", "started_on", lambda w: _service(w, YEAR_1)),
    ("service before the case", "started_on", lambda w: _service(w, days(-801))),
    ("service ends in 9999", "ended_on", lambda w: _service(w, days(-5), YEAR_9999)),
    (
        "counselling tomorrow",
        "held_on",
        lambda w: delivery.counselling_session_record(
            actor=w.cast.counsellor, case=w.case, held_on=days(1), notes="Fictional notes"
        ),
    ),
    ("care plan review in 9999", "review_due_on", lambda w: _care_plan(w, YEAR_9999, days(30))),
    ("care plan goal in 9999", "goals.0.target_on", lambda w: _care_plan(w, days(30), YEAR_9999)),
    (
        "assessment in year 1",
        "assessed_on",
        lambda w: assessments.assessment_record(
            actor=w.cast.caseworker, case=w.case, assessed_on=YEAR_1, scores=all_scores(w.case, 3)
        ),
    ),
    ("family assessment in 1899", "assessed_on", lambda w: _family(w, YEAR_1899)),
    ("reintegration planned in 9999", "planned_on", lambda w: _propose(w, YEAR_9999)),
    (
        "reintegration planned before the family assessment",
        "planned_on",
        lambda w: _propose(w, days(-21)),
    ),
    ("reintegrated before the proposal", "reintegrated_on", lambda w: _reintegrate(w, days(-5))),
    ("reintegrated in year 1", "reintegrated_on", lambda w: _reintegrate(w, YEAR_1)),
    ("reintegrated tomorrow", "reintegrated_on", lambda w: _reintegrate(w, days(1))),
    (
        "follow-up before the reintegration",
        "done_on",
        lambda w: _follow_up_before_reintegration(w, YEAR_1),
    ),
    ("follow-up in 9999", "done_on", lambda w: _follow_up_at(w, YEAR_9999)),
    ("agreement from year 1", "effective_from", lambda w: _agreement(w, YEAR_1)),
    ("agreement from 9999", "effective_from", lambda w: _agreement(w, YEAR_9999)),
    ("agreement until 9999", "effective_until", lambda w: _agreement(w, TODAY(), YEAR_9999)),
]


def _counts() -> dict[str, int]:
    from django.apps import apps

    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"people", "cases", "justice", "aftercare", "network", "audit"}
    }


@pytest.fixture
def world(cast) -> World:
    return build_world(cast)


@pytest.mark.parametrize(("name", "field", "write"), ROWS, ids=[row[0] for row in ROWS])
def test_an_impossible_date_is_refused_on_its_field_and_nothing_is_written(
    world, name, field, write
):
    if name in PREPARE:
        PREPARE[name](world)
    before = _counts()
    with pytest.raises(ValidationError) as refused:
        write(world)
    assert field in refused.value.message_dict, refused.value.message_dict
    assert _counts() == before


def test_a_partner_service_is_not_dated_before_the_referral_nor_in_year_1(net):
    Case.objects.filter(pk=net.cast.case.pk).update(opened_on=days(-30))
    referral = net.accepted()
    before = _counts()
    for day, message in [
        (days(-1), "This date is before the referral was sent"),
        (YEAR_1, "Give a date from 1900 onwards."),
    ]:
        with pytest.raises(ValidationError) as refused:
            partner_service_record(
                actor=net.cast.partner_caseworker,
                referral=referral,
                data=ServiceInput(service_type="psychosocial", status="provided", started_on=day),
            )
        assert refused.value.message_dict["started_on"][0].startswith(message)
    assert _counts() == before and not Service.objects.filter(case=referral.case).exists()

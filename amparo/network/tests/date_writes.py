"""The world and the writes of the date-rule table (``test_date_rules``)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput, GoalInput, ServiceInput
from amparo.aftercare.models import FollowUp, Reintegration
from amparo.aftercare.services import careplans, delivery, placements, reintegration
from amparo.aftercare.tests.records import restoration_records
from amparo.cases import services as case_services
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Case
from amparo.justice import services as justice_services
from amparo.justice.inputs import LegalCaseInput
from amparo.justice.models import Court
from amparo.network.inputs import AgreementInput
from amparo.network.services.agreements import agreement_record
from amparo.people import services as people_services
from amparo.people.inputs import ConsentInput, SurvivorInput
from amparo.testing.factories import intake_input

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    """``n`` days from today (negative: ago)."""
    return TODAY() + datetime.timedelta(days=n)


YEAR_1 = datetime.date(1, 1, 1)
YEAR_1899 = datetime.date(1899, 12, 31)
YEAR_9999 = datetime.date(9999, 12, 31)


@dataclass
class World:
    cast: Any
    case: Case
    records: Any
    legal_case: Any

    @property
    def born(self) -> int:
        return self.case.survivor.birth_year

    def before_birth(self) -> datetime.date:
        return datetime.date(self.born - 1, 6, 1)


def build_world(cast) -> World:
    """Lex's case with one of every restoration record, and a legal case about it."""
    records = restoration_records(cast)  # opens Lex's case 800 days ago
    case = Case.objects.select_related("survivor").get(pk=records.case)
    # The survivor was born 15 years ago; 800 days back is after that.
    legal_case = justice_services.legal_case_open(
        actor=cast.supervisor,
        data=LegalCaseInput(
            title="Date rule case",
            court_id=Court.objects.first().pk,
            offence_category="trafficking",
            complaint_on=days(-400),
            victim_case_ids=[case.pk],
        ),
    )
    return World(cast=cast, case=case, records=records, legal_case=legal_case)


def _intake(w: World, day: datetime.date, where: str) -> None:
    data = intake_input()
    if where == "opened_on":
        data.opened_on = day
    elif where == "consent":
        data.consents[0].given_on = day
    elif where == "birth":
        data.identity.date_of_birth = day
    elif where == "police":
        data.incident.reported_to_police = True
        data.incident.police_reported_on = day
    else:
        data.incident.occurred_on = day
    case_services.intake_submit(actor=w.cast.caseworker, data=data)


def _incident(w: World, day: datetime.date) -> None:
    case_services.incident_record(
        actor=w.cast.caseworker,
        case=w.case,
        data=IncidentInput(occurred_on=day, admin1="Escuintla"),
    )


def _consent(w: World, given_on: datetime.date, valid_until: datetime.date | None = None) -> None:
    people_services.consent_grant(
        actor=w.cast.caseworker,
        case=w.case,
        data=ConsentInput(
            scope="reporting", given_by="survivor", given_on=given_on, valid_until=valid_until
        ),
    )


def _case_close(w: World, day: datetime.date) -> None:
    case_services.case_close(
        actor=w.cast.supervisor,
        case=w.case,
        expected_version=w.case.version,
        reason="restored",
        closed_on=day,
        override_reason="Testing the date rule",
    )


def _birth_year_after_incident(w: World, _day: datetime.date) -> None:
    survivor = w.case.survivor
    people_services.survivor_update(
        actor=w.cast.caseworker,
        case=w.case,
        expected_version=survivor.version,
        data=SurvivorInput(pseudonym=survivor.pseudonym, sex=survivor.sex, birth_year=TODAY().year),
    )


def _hearing(w: World, when: datetime.datetime) -> None:
    justice_services.hearing_schedule(
        actor=w.cast.supervisor, legal_case=w.legal_case, scheduled_for=when, kind="first_statement"
    )


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 9, 0)


def _approved_reintegration(w: World) -> Reintegration:
    proposal = Reintegration.objects.get(pk=w.records.reintegration)
    return reintegration.reintegration_decide(
        actor=w.cast.supervisor,
        reintegration=proposal,
        expected_version=proposal.version,
        approve=True,
    )


def _reintegrate(w: World, day: datetime.date) -> None:
    approved = Reintegration.objects.get(pk=w.records.reintegration)
    reintegration.reintegration_complete(
        actor=w.cast.caseworker,
        reintegration=approved,
        expected_version=approved.version,
        reintegrated_on=day,
    )


def _reintegrated_today(w: World) -> None:
    _approved_reintegration(w)
    _reintegrate(w, TODAY())


def _follow_up_before_reintegration(w: World, _day: datetime.date) -> None:
    visit = FollowUp.objects.filter(case=w.case, done_on__isnull=True).order_by("due_on").last()
    reintegration.follow_up_record(
        actor=w.cast.caseworker,
        follow_up=visit,
        data=FollowUpInput(done_on=days(-1), method="home"),
    )


def _placement_end(w: World, day: datetime.date) -> None:
    placement = w.case.placements.get(pk=w.records.placement)
    placements.placement_end(
        actor=w.cast.caseworker,
        placement=placement,
        expected_version=placement.version,
        ended_on=day,
        end_reason="left",
    )


def _service(w: World, started: datetime.date, ended: datetime.date | None = None) -> None:
    delivery.service_record(
        actor=w.cast.caseworker,
        case=w.case,
        data=ServiceInput(
            service_type="medical", status="provided", started_on=started, ended_on=ended
        ),
    )


def _care_plan(w: World, review: datetime.date, target: datetime.date) -> None:
    careplans.care_plan_draft(
        actor=w.cast.caseworker,
        case=w.case,
        summary="Plan",
        review_due_on=review,
        goals=[GoalInput("safety", "Safety plan learnt", target)],
    )


def _family(w: World, day: datetime.date) -> None:
    reintegration.family_assessment_record(
        actor=w.cast.caseworker,
        case=w.case,
        data=FamilyAssessmentInput(
            assessed_on=day, household_safety="safe", recommendation="reintegrate"
        ),
    )


def _propose(w: World, day: datetime.date) -> None:
    Reintegration.objects.filter(pk=w.records.reintegration).update(status="rejected")
    reintegration.reintegration_propose(
        actor=w.cast.caseworker,
        case=w.case,
        family_assessment_id=w.records.family,
        destination="family",
        planned_on=day,
    )


def _agreement(w: World, start: datetime.date, end: datetime.date | None = None) -> None:
    agreement_record(
        actor=w.cast.admin,
        data=AgreementInput(
            partner_id=w.cast.refugio.pk,
            approved_by="Board",
            effective_from=start,
            effective_until=end,
        ),
    )


def _follow_up_at(w: World, day: datetime.date) -> None:
    visit = FollowUp.objects.filter(case=w.case, done_on__isnull=True).order_by("due_on").last()
    reintegration.follow_up_record(
        actor=w.cast.caseworker, follow_up=visit, data=FollowUpInput(done_on=day, method="home")
    )


# What a row needs written first: the steps its date follows.
PREPARE: dict[str, Callable[[World], object]] = {
    "reintegrated before the proposal": _approved_reintegration,
    "reintegrated in year 1": _approved_reintegration,
    "reintegrated tomorrow": _approved_reintegration,
    "follow-up before the reintegration": _reintegrated_today,
    "follow-up in 9999": _reintegrated_today,
}

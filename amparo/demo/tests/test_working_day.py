"""The demo is alive on the day it is seeded, whatever the day: every role's home has
work, the supervisor's team counts are not zero, lawyers have hearings to record,
shelters have people in them — at every organisation.

The clock stays frozen (time-machine) from seeding to reading, on a month end
(where "six months earlier" has no matching day) and on 29 February.
"""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from amparo.accounts.models import Membership, Organisation
from amparo.accounts.roles import Role
from amparo.aftercare.models import Assessment, CarePlan, Facility, Placement, Task
from amparo.aftercare.selectors_work import APPROVAL_TASKS, my_work, team_work
from amparo.aftercare.vocab import CarePlanStatus
from amparo.justice.selectors import hearings_awaiting_outcome, upcoming_hearings
from amparo.testing.shared import rolled_back

DAYS = ["2027-08-31", "2028-02-29"]
# The size of the other any-day demo tests: enough staff and old cases for every worker.
SURVIVORS = 200
WORKING_ROLES = (Role.CASEWORKER, Role.COUNSELLOR, Role.LAWYER, Role.SUPERVISOR)


@pytest.fixture(scope="module", params=DAYS)
def seeded_once(request, django_db_setup, django_db_blocker):
    """One seed per day, shared by this module's tests and rolled back after them."""
    today = datetime.date.fromisoformat(request.param)
    noon = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    with time_machine.travel(noon, tick=False), rolled_back(django_db_blocker):
        call_command("seed", survivors=SURVIVORS, stdout=StringIO())
        yield today


@pytest.fixture
def seeded_day(seeded_once, db):
    return seeded_once


def _staff(role: str) -> list[Membership]:
    return list(
        Membership.objects.filter(role=role)
        .select_related("user", "organisation")
        .order_by("organisation__code", "user__email")
    )


def test_every_working_role_of_every_organisation_has_work_at_home(seeded_day):
    empty = []
    for role in WORKING_ROLES:
        for membership in _staff(role):
            if not my_work(user=membership.user).items:
                empty.append(membership.user.email)
    assert empty == []


def test_caseworkers_and_counsellors_have_work_late_and_work_ahead(seeded_day):
    for role in (Role.CASEWORKER, Role.COUNSELLOR):
        for membership in _staff(role):
            work = my_work(user=membership.user)
            assert work.overdue, membership.user.email
            assert work.upcoming, membership.user.email


def test_supervisors_see_their_teams_work_as_counts_that_are_not_zero(seeded_day):
    for membership in _staff(Role.SUPERVISOR):
        team = team_work(user=membership.user)
        assert team is not None
        counts = {
            "overdue": team.overdue,
            "due": team.due,
            "unassigned": team.unassigned,
            "approvals": team.approvals,
            "high risk": team.high_risk,
        }
        assert 0 not in counts.values(), (membership.organisation.code, counts)
        assert any(worker.overdue for worker in team.workers)


def test_lawyers_have_hearings_awaiting_an_outcome_and_hearings_ahead(seeded_day):
    lawyers = [
        m for m in _staff(Role.LAWYER) if m.organisation.code in ("JUS", "IDV")
    ]  # the aftercare partner brings no court cases
    assert lawyers
    for membership in lawyers:
        user = membership.user
        assert hearings_awaiting_outcome(user=user).exists(), user.email
        assert upcoming_hearings(user=user, days=14).exists(), user.email
        kinds = {item.kind for item in my_work(user=user).items}
        assert {"hearing_outcome", "hearing"} <= kinds, user.email


def test_every_organisation_has_occupied_shelters_assessments_and_approvals(seeded_day):
    for organisation in Organisation.objects.all():
        facilities = Facility.objects.filter(organisation=organisation)
        assert facilities.exists(), organisation.code
        assert Placement.objects.filter(facility__in=facilities, ended_on__isnull=True).exists(), (
            organisation.code
        )
        assert Assessment.objects.filter(case__organisation=organisation).exists()
        plans = CarePlan.objects.filter(case__organisation=organisation)
        assert plans.filter(status=CarePlanStatus.APPROVED).exists(), organisation.code
        assert plans.filter(status=CarePlanStatus.PENDING).exists(), organisation.code
        assert Task.objects.filter(
            case__organisation=organisation, kind__in=APPROVAL_TASKS, done_at__isnull=True
        ).exists(), organisation.code


def test_no_working_day_item_lies_after_the_day_of_seeding_when_it_happened(seeded_day):
    today = seeded_day
    assert not Assessment.objects.filter(assessed_on__gt=today).exists()
    assert not Placement.objects.filter(started_on__gt=today).exists()

"""The demo seeds the same on any day: month ends, 29 February, New Year's Day.

The clock is set (time-machine) so that the services the seeder runs see the
same day as the seeder: a date one of them refuses as "in the future" would
otherwise go unnoticed.
"""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import F, Max
from django.utils import timezone

from amparo.accounts.models import Membership
from amparo.accounts.roles import Role
from amparo.aftercare.models import (
    Assessment,
    CarePlan,
    Facility,
    FamilyAssessment,
    FollowUp,
    Placement,
    Reintegration,
    Service,
)
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseNote, ClosureRequest, Incident
from amparo.exchange.models import ImportedRecord, ImportJob, ImportRow
from amparo.justice.models import Hearing, LegalCase, StageEvent
from amparo.justice.vocab import HearingOutcome
from amparo.network.models import Notification, Referral
from amparo.network.vocab import ReferralStatus
from amparo.people.models import ConsentGrant

DAYS = [
    "2024-02-29",
    "2025-02-28",
    "2025-03-31",
    "2025-12-31",
    "2026-01-01",
    "2026-12-01",
    "2027-01-31",
]
# The size of the default seed: large enough that every journey (placement, reintegration,
# follow-up visits) and every date rule is reached, ~1.5 s a day.
SURVIVORS = 200

EVERY_PART = {
    "cases": Case.objects,
    "incidents": Incident.objects,
    "consents": ConsentGrant.objects,
    "notes": CaseNote.objects,
    "legal cases": LegalCase.objects,
    "stage events": StageEvent.objects,
    "hearings": Hearing.objects,
    "facilities": Facility.objects,
    "placements": Placement.objects,
    "care plans": CarePlan.objects,
    "assessments": Assessment.objects,
    "services": Service.objects,
    "family assessments": FamilyAssessment.objects,
    "reintegrations": Reintegration.objects,
    "follow-ups": FollowUp.objects,
    "follow-ups done": FollowUp.objects.filter(done_on__isnull=False),
    "referrals": Referral.objects,
    "audit events": AuditEvent.objects,
    # Alive on the day it is seeded: something ahead, something waiting.
    "hearings ahead": Hearing.objects.filter(outcome=HearingOutcome.SCHEDULED),
    "pending referrals": Referral.objects.filter(status=ReferralStatus.PENDING),
    "follow-ups due": FollowUp.objects.filter(done_on__isnull=True),
    # The bell: through the services that notify, on the day of seeding.
    "cases assigned": Notification.objects.filter(kind="case.assigned", read_at__isnull=True),
    "approvals asked": Notification.objects.filter(kind="approval.requested", read_at__isnull=True),
    "overdue work": Notification.objects.filter(kind="work.overdue", read_at__isnull=True),
    "partner placements": Notification.objects.filter(kind="referral.placed"),
    # Issue 15's approvals and partner records: something on "Your team" and under a referral.
    "closure requests waiting": ClosureRequest.objects.filter(status="pending"),
    "partner assessments": Assessment.objects.filter(partner_organisation__isnull=False),
    "partner plans waiting": CarePlan.objects.filter(
        partner_organisation__isnull=False, status="pending"
    ),
    # The institute's Primero records: one file imported (a row refused, one flagged), one waiting.
    "cases imported": ImportedRecord.objects,
    "possible duplicates flagged": ImportRow.objects.exclude(duplicate_cases=[]),
    "rows refused": ImportRow.objects.filter(action="refuse"),
    "imports waiting": ImportJob.objects.filter(status="checked"),
}
WORKERS = (Role.CASEWORKER, Role.COUNSELLOR, Role.LAWYER, Role.SUPERVISOR)
# Days on which something happened: none may lie after the day of seeding.
HAPPENED_ON = [
    (Case, "opened_on"),
    (Case, "closed_on"),
    (Incident, "occurred_on"),
    (ConsentGrant, "given_on"),
    (StageEvent, "occurred_on"),
    (Placement, "started_on"),
    (Service, "started_on"),
    (Assessment, "assessed_on"),
    (FamilyAssessment, "assessed_on"),
    (Reintegration, "reintegrated_on"),
    (FollowUp, "done_on"),
]


@pytest.mark.parametrize("day", DAYS)
def test_every_part_of_the_product_gets_data_on_any_day(db, day):
    today = datetime.date.fromisoformat(day)
    noon = timezone.make_aware(datetime.datetime.combine(today, datetime.time(12)))
    with time_machine.travel(noon, tick=False):
        assert timezone.localdate() == today
        out = StringIO()
        call_command("seed", survivors=SURVIVORS, stdout=out)
    empty = sorted(name for name, rows in EVERY_PART.items() if not rows.exists())
    assert empty == [], out.getvalue()
    silent = [
        m.user.email
        for m in Membership.objects.filter(role__in=WORKERS).select_related("user")
        if not Notification.objects.filter(user=m.user, read_at__isnull=True).exists()
    ]
    assert silent == []
    assert not Notification.objects.filter(day__gt=today).exists()
    latest = {
        f"{model.__name__}.{name}": model.objects.aggregate(last=Max(name))["last"]
        for model, name in HAPPENED_ON
    }
    assert {k: v for k, v in latest.items() if v > today} == {}
    assert AuditEvent.objects.aggregate(last=Max("at"))["last"] <= noon
    # Each step after the one it follows.
    assert not Service.objects.filter(started_on__lt=F("case__opened_on")).exists()
    assert not Incident.objects.filter(occurred_on__gt=F("case__opened_on")).exists()
    assert not FollowUp.objects.filter(done_on__lt=F("due_on")).exists()
    # Proposals still waiting for the supervisor have not happened yet.
    for reintegration in Reintegration.objects.filter(reintegrated_on__isnull=False):
        assert reintegration.reintegrated_on >= reintegration.family_assessment.assessed_on
        assert not reintegration.case.follow_ups.filter(
            due_on__lte=reintegration.reintegrated_on
        ).exists()

"""The bell on the morning the demo is opened: every worker's has something unread.

Through the services that notify in the product, so rules, audit and the
notifications themselves are what the product would have written: the
supervisor assigns each caseworker, counsellor and lawyer to one more open case
(case assigned); a partner shelter places a survivor referred to it for shelter
(partner placed, to whoever sent the referral); and the daily job that finds
overdue work runs for the day of seeding (work overdue). Approvals asked for
come from the working day (``working_day``); those the supervisor has decided
since are marked read, as they would have been.
"""

import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from amparo.accounts.roles import Role
from amparo.aftercare.models import Facility, Task
from amparo.aftercare.reminders import overdue_digests_send
from amparo.cases.models import Case
from amparo.cases.services.lifecycle import case_assign
from amparo.cases.vocab import OPEN_STATUSES
from amparo.core.exceptions import Denied
from amparo.demo.teams import Team
from amparo.network.models import Notification, Referral
from amparo.network.services.notify import mark_read
from amparo.network.services.referrals.placements import HOUSING_SERVICES, partner_placement_start
from amparo.network.vocab import NotificationKind, ReferralStatus

ASSIGNED_ROLES = (Role.CASEWORKER, Role.COUNSELLOR, Role.LAWYER)
# The first open cases of an organisation a worker may be added to, drawn at random.
CANDIDATES = 20


def seed_notifications(
    *,
    rng: random.Random,
    teams: list[Team],
    today: datetime.date,
    shelters: dict[int, list[Facility]],
) -> int:
    """Leave every caseworker, counsellor, lawyer and supervisor unread notifications on
    ``today`` (see the module); returns how many are unread."""
    for team in teams:
        _assign_one_more_case(rng, team)
        _decided_approvals_read(team)
    _partner_placements(teams, today, shelters)
    overdue_digests_send(today=today)
    return Notification.objects.filter(read_at__isnull=True).count()


def _assign_one_more_case(rng: random.Random, team: Team) -> None:
    """One more open case each, among those someone works already: the working day's
    unassigned cases stay unassigned, for the supervisor to give out."""
    supervisor = team.staff[Role.SUPERVISOR][0]
    for role in ASSIGNED_ROLES:
        for user in team.staff.get(role, []):
            cases = list(
                Case.objects.filter(
                    organisation=team.organisation,
                    status__in=OPEN_STATUSES,
                    assignments__ended_at__isnull=True,
                )
                .exclude(assignments__user=user, assignments__ended_at__isnull=True)
                .distinct()
                .order_by("-opened_on", "pk")[:CANDIDATES]
            )
            if cases:
                case_assign(actor=supervisor, case=rng.choice(cases), user_id=user.pk)


def _decided_approvals_read(team: Team) -> None:
    supervisor = team.staff[Role.SUPERVISOR][0]
    decided = Notification.objects.filter(
        user=supervisor,
        kind=NotificationKind.APPROVAL_REQUESTED,
        task__in=Task.objects.filter(done_at__isnull=False),
        read_at__isnull=True,
    ).values_list("pk", flat=True)
    mark_read(actor=supervisor, notification_ids=list(decided))


def _partner_placements(
    teams: list[Team], today: datetime.date, shelters: dict[int, list[Facility]]
) -> None:
    """One survivor placed by each receiving organisation with shelters, yesterday (or the
    day the referral was accepted, if later), in the first of its shelters with room."""
    for team in teams:
        facilities = shelters.get(team.organisation.pk, [])
        accepted = Referral.objects.filter(
            to_org=team.organisation, status=ReferralStatus.ACCEPTED, assigned_to__isnull=False
        ).order_by("-responded_at", "pk")
        for referral in accepted:
            if HOUSING_SERVICES & set(referral.services) and _placed(referral, facilities, today):
                break


def _placed(referral: Referral, facilities: list[Facility], today: datetime.date) -> bool:
    accepted_on = timezone.localdate(referral.responded_at) if referral.responded_at else today
    started_on = max(accepted_on, today - datetime.timedelta(days=1))
    for facility in facilities:
        try:
            partner_placement_start(
                actor=referral.assigned_to,
                referral=referral,
                facility_id=facility.pk,
                started_on=started_on,
                reason="emergency",
            )
        except (ValidationError, Denied):
            continue  # full, or the survivor has a place already: the next
        return True
    return False

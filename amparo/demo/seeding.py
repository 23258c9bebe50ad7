"""Seed a fresh database with three fictional organisations, their staff and survivors.

The intake service writes one survivor at a time, with a dozen queries each;
for the ~2,000 survivors of ``make demo`` that is too slow. So the files are
planned with the rules the services apply (see ``amparo.demo.plans``), bulk
inserted, and given one audit event per seeded write, so the audit trail of
the demo tells the same story as if people had typed it in.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from amparo.accounts.models import Organisation, OrganisationKind
from amparo.accounts.roles import Role
from amparo.aftercare.demo import FACILITIES, FacilitySpec, create_shelters, seed_restoration
from amparo.aftercare.models import Facility
from amparo.aftercare.selectors_work import RESTORATION_ORG_KINDS
from amparo.audit.models import AuditEvent
from amparo.audit.partitions import audit_partitions_ensure
from amparo.cases.models import Case, RescueOperation
from amparo.cases.vocab import OPEN_STATUSES
from amparo.demo import fiction
from amparo.demo.approvals import seed_approvals
from amparo.demo.assessments import seed_assessment_history
from amparo.demo.audit import file_events, legal_case_events
from amparo.demo.bulk import BATCH, insert_plans, planned_timestamps
from amparo.demo.copies import PLANNED, Progress, copy_survivors
from amparo.demo.imports import seed_imports
from amparo.demo.moments import aware
from amparo.demo.network import seed_network
from amparo.demo.notifications import seed_notifications
from amparo.demo.plans import SurvivorPlan, plan_survivor
from amparo.demo.programmes import seed_programme
from amparo.demo.teams import ORGANISATIONS, Team, create_teams
from amparo.demo.working_day import WorkingDay, seed_working_day
from amparo.justice.demo import seed_legal_cases

# The restoration journeys run the real services, one case at a time, so they are
# bounded: most at the aftercare partner, some at the others, which also shelter.
RESTORATION_JOURNEYS = {"REF": 40, "IDV": 10, "JUS": 6}
SHELTERS: dict[str, list[FacilitySpec]] = {
    "REF": FACILITIES,
    "IDV": [
        ("Albergue Estatal Alba (demo)", "shelter", "Guatemala", 30),
        ("Hogar Temporal Quetzal (demo)", "shelter", "Huehuetenango", 16),
    ],
    "JUS": [("Casa Segura Justicia (demo)", "safe_house", "Guatemala", 8)],
}


# Seeded events go back as far as the oldest rescue operation, case opening or court case.
HISTORY_DAYS = 5 * 366


class DemoDataExists(Exception):
    """The database already has organisations; the demo only seeds a fresh one."""


@dataclass
class DemoSummary:
    accounts: list[tuple[str, str, str]]  # organisation, role, email
    survivors: int
    rescue_operations: int
    legal_cases: int
    restoration_journeys: int
    audit_events: int
    referrals: int = 0
    partner_services: int = 0  # services on referred cases, by the partner or the owner
    assessments: int = 0  # bulk assessment history of the cases no journey follows
    working_day: WorkingDay | None = None
    unread_notifications: int = 0
    closure_requests: int = 0  # waiting for a supervisor
    partner_records: int = 0  # assessments and plans by partners under referrals
    imports: int = 0  # files from Primero brought in through the exchange


def database_is_fresh() -> bool:
    return not Organisation.objects.exists()


@transaction.atomic
def seed_demo(
    *,
    survivors: int,
    seed: int,
    password: str,
    today: datetime.date | None = None,
    progress: Progress | None = None,
) -> DemoSummary:
    """Create the demo organisations, staff and ``survivors`` files; refuse a used database.

    Up to ``PLANNED`` survivors are planned one by one; a bigger demo copies them
    (``amparo.demo.copies``), calling ``progress(done, to_copy)`` as it goes.
    """
    if not database_is_fresh():
        raise DemoDataExists("The database already has organisations.")
    rng = random.Random(seed)
    today = today or timezone.localdate()
    teams = create_teams(password)
    planned = min(survivors, PLANNED)
    with planned_timestamps():
        operations = _rescue_operations(rng, teams, planned, today)
        weights = [spec.share for spec in ORGANISATIONS]
        plans = [
            plan_survivor(rng, team=rng.choices(teams, weights)[0], number=n, today=today)
            for n in range(1, planned + 1)
        ]
        insert_plans(plans)
        network = seed_network(rng, teams, plans, today)
        events = list(file_events(operations, plans)) + network.events
    legal_cases = 0
    for team in teams:
        legal_cases += _legal_cases(rng, team, plans, today)
    events += legal_case_events(teams)
    # The trail's months, for events that happened before the partitions the migration made.
    audit_partitions_ensure(
        connection=connection,
        today=today - datetime.timedelta(days=HISTORY_DAYS),
        ahead=HISTORY_DAYS // 28 + 4,
    )
    with planned_timestamps():  # at the times the events give, not at seeding time
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    shelters = {
        team.organisation.pk: create_shelters(
            supervisor=team.staff[Role.SUPERVISOR][0], specs=SHELTERS[team.organisation.code]
        )
        for team in teams
    }
    working_day = seed_working_day(rng=rng, teams=teams, today=today, shelters=shelters)
    restoration = _restoration(
        rng, teams, plans, today, skip=working_day.case_ids, shelters=shelters
    )
    with planned_timestamps():
        assessments = _assessment_history(rng, teams, today)
    seed_programme(rng, teams, today)
    closure_requests, partner_records = seed_approvals(
        rng=rng, teams=teams, today=today, skip=working_day.case_ids
    )
    imports = seed_imports(rng=rng, teams=teams, today=today)
    unread = seed_notifications(rng=rng, teams=teams, today=today, shelters=shelters)
    copies = copy_survivors(
        rng=rng,
        planned_ids=[p.survivor.pk for p in plans],
        count=survivors - planned,
        progress=progress,
    )
    accounts = [
        (team.organisation.name, role, user.email)
        for team in teams
        for role, users in team.staff.items()
        for user in users
    ]
    return DemoSummary(
        accounts,
        survivors,
        len(operations),
        legal_cases + copies.added("justice.LegalCase"),
        restoration,
        len(events) + copies.added("audit.AuditEvent"),
        referrals=len(network.referrals) + copies.added("network.Referral"),
        partner_services=len(network.services),
        assessments=assessments,
        working_day=working_day,
        unread_notifications=unread,
        closure_requests=closure_requests,
        partner_records=partner_records,
        imports=imports,
    )


def _rescue_operations(
    rng: random.Random, teams: list[Team], survivors: int, today: datetime.date
) -> list[RescueOperation]:
    operations = []
    for spec, team in zip(ORGANISATIONS, teams, strict=True):
        if not spec.rescues:
            continue
        for _n in range(max(2, round(survivors * spec.share / 25))):
            happened_on = today - datetime.timedelta(days=rng.randint(7, 4 * 365))
            department = fiction.weighted_department(rng)
            operation = RescueOperation(
                organisation=team.organisation,
                name=f"Operativo {rng.choice(fiction.OPERATION_NAMES)} {happened_on:%Y-%m}",
                happened_on=happened_on,
                admin1=department,
                admin2=fiction.municipality(rng, department),
                agencies=rng.sample(fiction.AGENCIES, rng.randint(2, 3)),
                people_removed=rng.randint(2, 30),
                created_by=team.one(rng, Role.CASEWORKER),
            )
            operation.created_at = operation.updated_at = aware(happened_on, rng)
            team.operations.append(operation)
            operations.append(operation)
    return RescueOperation.objects.bulk_create(operations, batch_size=BATCH)


def _legal_cases(
    rng: random.Random, team: Team, plans: list[SurvivorPlan], today: datetime.date
) -> int:
    """Court cases for about half of the files a lawyer works on (see justice.demo)."""
    victim_case_ids = [
        p.case.pk
        for p in plans
        if p.team is team and any(a.role == Role.LAWYER for a in p.assignments)
    ]
    if team.organisation.kind == OrganisationKind.AFTERCARE or not victim_case_ids:
        return 0
    return seed_legal_cases(
        rng=rng,
        organisation=team.organisation,
        count=max(1, len(victim_case_ids) // 2),
        created_by_id=team.staff[Role.SUPERVISOR][0].pk,
        lawyer_ids=[u.pk for u in team.staff[Role.LAWYER]],
        victim_case_ids=victim_case_ids,
        today=today,
    )


def _restoration(
    rng: random.Random,
    teams: list[Team],
    plans: list[SurvivorPlan],
    today: datetime.date,
    *,
    skip: set[int],
    shelters: dict[int, list[Facility]],
) -> int:
    """Restoration journeys for open cases of every organisation (but those in ``skip``),
    most at the aftercare partner, through the real services (see aftercare.demo);
    they write their own audit events."""
    done = 0
    for team in teams:
        code = team.organisation.code
        cases = [
            p.case
            for p in plans
            if p.team is team and p.case.status in OPEN_STATUSES and p.case.pk not in skip
        ]
        # No refusal is swallowed here: a step the services refuse is a bug in the
        # plan (it once dropped every journey on days a date landed in the future).
        done += seed_restoration(
            rng=rng,
            organisation=team.organisation,
            supervisor=team.staff[Role.SUPERVISOR][0],
            workers=team.staff[Role.CASEWORKER],
            cases=cases[: RESTORATION_JOURNEYS[code]],
            today=today,
            shelters=shelters[team.organisation.pk],
        )
    return done


def _assessment_history(rng: random.Random, teams: list[Team], today: datetime.date) -> int:
    """Assessments on schedule for the open cases of the organisations that assess every
    case, where neither a journey nor the working day has assessed them."""
    done = 0
    for team in teams:
        if team.organisation.kind not in RESTORATION_ORG_KINDS:
            continue
        cases = list(
            Case.objects.filter(
                organisation=team.organisation,
                status__in=OPEN_STATUSES,
                restoration__isnull=True,
            )
            .select_related("organisation", "survivor", "created_by")
            .order_by("pk")
        )
        done += seed_assessment_history(rng=rng, cases=cases, today=today)
    return done

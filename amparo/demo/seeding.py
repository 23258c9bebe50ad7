"""Seed a fresh database with three fictional organisations, their staff and survivors.

The intake service writes one survivor at a time, with a dozen queries each;
for the ~2,000 survivors of ``make demo`` that is too slow. So the files are
planned with the rules the services apply (see ``amparo.demo.plans``), bulk
inserted, and given one audit event per seeded write, so the audit trail of
the demo tells the same story as if people had typed it in.
"""

import datetime
import random
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import timezone

from amparo.accounts.models import Membership, Organisation, OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.aftercare.demo import seed_restoration
from amparo.aftercare.models import Service
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case, CaseAssignment, CaseFlag, CaseNote, Incident, RescueOperation
from amparo.cases.vocab import OPEN_STATUSES
from amparo.demo import fiction
from amparo.demo.audit import seeded_event
from amparo.demo.network import seed_network
from amparo.demo.plans import SurvivorPlan, Team, aware, plan_survivor
from amparo.justice.demo import seed_legal_cases
from amparo.justice.models import LegalCase
from amparo.network.models import Notification, PartnerAgreement, Referral
from amparo.people.indexing import identity_terms
from amparo.people.models import (
    ConsentGrant,
    FamilyMember,
    Survivor,
    SurvivorIdentity,
    SurvivorIndexTerm,
)

BATCH = 1000
# The restoration journeys run the real services, one case at a time, so they are bounded.
RESTORATION_JOURNEYS = 40


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    code: str
    kind: str
    domain: str
    share: float  # of the survivors
    staff: dict[str, int]
    rescues: bool


ORGANISATIONS = (
    OrganisationSpec(
        "Justicia Ficticia",
        "JUS",
        OrganisationKind.LEGAL_AID,
        "justicia.demo",
        0.5,
        {"caseworker": 4, "lawyer": 3, "counsellor": 2, "supervisor": 1, "analyst": 1, "admin": 1},
        rescues=True,
    ),
    OrganisationSpec(
        "Casa Refugio Demo",
        "REF",
        OrganisationKind.AFTERCARE,
        "refugio.demo",
        0.12,
        {"caseworker": 3, "lawyer": 1, "counsellor": 2, "supervisor": 1, "analyst": 1, "admin": 1},
        rescues=False,
    ),
    OrganisationSpec(
        "Instituto Demo de la Víctima",
        "IDV",
        OrganisationKind.GOVERNMENT,
        "idv.demo",
        0.38,
        {"caseworker": 4, "lawyer": 2, "counsellor": 2, "supervisor": 1, "analyst": 1, "admin": 1},
        rescues=True,
    ),
)
# Models whose timestamps the plans set: bulk_create would otherwise stamp "now".
_PLANNED_TIMES = (
    Survivor,
    SurvivorIdentity,
    Case,
    Incident,
    CaseAssignment,
    CaseNote,
    CaseFlag,
    ConsentGrant,
    FamilyMember,
    RescueOperation,
    AuditEvent,
    PartnerAgreement,
    Referral,
    Service,
    Notification,
)


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


def database_is_fresh() -> bool:
    return not Organisation.objects.exists()


@transaction.atomic
def seed_demo(
    *, survivors: int, seed: int, password: str, today: datetime.date | None = None
) -> DemoSummary:
    """Create the demo organisations, staff and ``survivors`` files; refuse a used database."""
    if not database_is_fresh():
        raise DemoDataExists("The database already has organisations.")
    rng = random.Random(seed)
    today = today or timezone.localdate()
    teams = _teams(password)
    with _planned_timestamps():
        operations = _rescue_operations(rng, teams, survivors, today)
        weights = [spec.share for spec in ORGANISATIONS]
        plans = [
            plan_survivor(rng, team=rng.choices(teams, weights)[0], number=n, today=today)
            for n in range(1, survivors + 1)
        ]
        _insert(plans)
        network = seed_network(rng, teams, plans, today)
        events = list(_audit_events(operations, plans)) + network.events
    legal_cases = 0
    for team in teams:
        legal_cases += _legal_cases(rng, team, plans, today)
    events += _legal_case_events(teams)
    AuditEvent.objects.bulk_create(events, batch_size=BATCH)
    restoration = _restoration(rng, teams, plans, today)
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
        legal_cases,
        restoration,
        len(events),
        referrals=len(network.referrals),
        partner_services=len(network.services),
    )


@contextmanager
def _planned_timestamps() -> Iterator[None]:
    """Let bulk_create keep the times the plans give instead of stamping "now"."""
    fields = [
        f
        for model in _PLANNED_TIMES
        for f in model._meta.concrete_fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    ]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def _teams(password: str) -> list[Team]:
    # One hash for the shared demo password: Argon2 is slow on purpose.
    password_hash = make_password(password)
    organisations = Organisation.objects.bulk_create(
        Organisation(name=s.name, code=s.code, kind=s.kind, country="GT") for s in ORGANISATIONS
    )
    teams, users, memberships = [], [], []
    names = iter(fiction.STAFF_NAMES * 3)
    for spec, org in zip(ORGANISATIONS, organisations, strict=True):
        staff: dict[str, list[User]] = {}
        for role, count in spec.staff.items():
            for n in range(1, count + 1):
                suffix = "" if n == 1 else str(n)
                user = User(
                    email=f"{role}{suffix}@{spec.domain}",
                    full_name=f"{next(names)} ({Role(role).label})",
                    password=password_hash,
                )
                staff.setdefault(role, []).append(user)
                users.append(user)
                memberships.append(Membership(user=user, organisation=org, role=role))
        teams.append(Team(organisation=org, staff=staff))
    User.objects.bulk_create(users)
    Membership.objects.bulk_create(memberships)
    for team in teams:
        team.partners = [t.organisation for t in teams if t is not team]
    return teams


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
    rng: random.Random, teams: list[Team], plans: list[SurvivorPlan], today: datetime.date
) -> int:
    """Restoration journeys for the aftercare partner's open cases, through the real services
    (see aftercare.demo); they write their own audit events."""
    team = next(t for t in teams if t.organisation.kind == OrganisationKind.AFTERCARE)
    cases = [p.case for p in plans if p.team is team and p.case.status in OPEN_STATUSES]
    if not cases:
        return 0
    # No refusal is swallowed here: a step the services refuse is a bug in the
    # plan (it once dropped every journey on days a date landed in the future).
    return seed_restoration(
        rng=rng,
        organisation=team.organisation,
        supervisor=team.staff[Role.SUPERVISOR][0],
        workers=team.staff[Role.CASEWORKER],
        cases=cases[:RESTORATION_JOURNEYS],
        today=today,
    )


def _legal_case_events(teams: list[Team]) -> list[AuditEvent]:
    return [
        seeded_event(
            Code.LEGAL_CASE_OPENED,
            team.staff[Role.SUPERVISOR][0],
            legal_case,
            legal_case.created_at,
            organisation=team.organisation,
        )
        for team in teams
        for legal_case in LegalCase.objects.filter(organisation=team.organisation).only(
            "pk", "created_at"
        )
    ]


def _bulk(model: type[models.Model], objects: Iterable[models.Model]) -> None:
    model._default_manager.bulk_create(list(objects), batch_size=BATCH)


def _insert(plans: list[SurvivorPlan]) -> None:
    """Insert parents before children: bulk_create fills in the primary keys they point to."""
    _bulk(Survivor, (p.survivor for p in plans))
    _bulk(SurvivorIdentity, (p.identity for p in plans))
    _bulk(
        SurvivorIndexTerm,
        (
            SurvivorIndexTerm(
                survivor=p.survivor, organisation=p.team.organisation, kind=kind, digest=digest
            )
            for p in plans
            for kind, digest in identity_terms(p.identity_input)
        ),
    )
    _bulk(Case, (p.case for p in plans))
    _bulk(Incident, (i for p in plans for i in p.incidents))
    _bulk(CaseAssignment, (a for p in plans for a in p.assignments))
    _bulk(CaseNote, (n for p in plans for n in p.notes))
    _bulk(CaseFlag, (f for p in plans for f in p.flags))
    _bulk(ConsentGrant, (c for p in plans for c in p.consents))
    _bulk(FamilyMember, (m for p in plans for m in p.family))


def _audit_events(
    operations: list[RescueOperation], plans: list[SurvivorPlan]
) -> Iterator[AuditEvent]:
    """One event per seeded write, with the code, actor and time the service would record."""
    for operation in operations:
        yield seeded_event(
            Code.RESCUE_RECORDED,
            operation.created_by,
            operation,
            operation.created_at,
            organisation=operation.organisation,
        )
    for plan in plans:
        org, case, worker = plan.team.organisation, plan.case, plan.worker
        yield seeded_event(
            Code.SURVIVOR_REGISTERED,
            worker,
            plan.survivor,
            plan.survivor.created_at,
            organisation=org,
            survivor=plan.survivor,
        )
        yield seeded_event(
            Code.CASE_OPENED, worker, case, case.created_at, organisation=org, case=case
        )
        for assignment in plan.assignments:
            yield seeded_event(
                Code.CASE_ASSIGNED,
                assignment.assigned_by,
                assignment,
                assignment.assigned_at,
                organisation=org,
                case=case,
            )
        for incident in plan.incidents:
            yield seeded_event(
                Code.INCIDENT_RECORDED,
                worker,
                incident,
                incident.created_at,
                organisation=org,
                case=case,
            )
        for grant in plan.consents:
            yield seeded_event(
                Code.CONSENT_GRANTED, worker, grant, grant.created_at, organisation=org, case=case
            )
            if grant.withdrawn_at:
                yield seeded_event(
                    Code.CONSENT_WITHDRAWN,
                    worker,
                    grant,
                    grant.withdrawn_at,
                    organisation=org,
                    case=case,
                )
        for note in plan.notes:
            yield seeded_event(
                Code.NOTE_ADDED, note.author, note, note.created_at, organisation=org, case=case
            )
        for member in plan.family:
            yield seeded_event(
                Code.FAMILY_MEMBER_ADDED,
                worker,
                member,
                member.created_at,
                organisation=org,
                case=case,
            )
        for flag in plan.flags:
            yield seeded_event(
                Code.CASE_FLAG_RAISED, worker, flag, flag.raised_at, organisation=org, case=case
            )
            if flag.resolved_at:
                yield seeded_event(
                    Code.CASE_FLAG_RESOLVED,
                    flag.resolved_by,
                    flag,
                    flag.resolved_at,
                    organisation=org,
                    case=case,
                )
        if case.closed_on:
            yield seeded_event(
                Code.CASE_CLOSED, worker, case, case.updated_at, organisation=org, case=case
            )

"""One fictional survivor's file, planned as unsaved model instances.

The plan applies the rules the services apply (validation, GBVIMS type and
derived contexts, report delay, blind-index terms, case codes) so that bulk
inserting it gives the same rows as running the intake one by one.
"""

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from amparo.accounts.models import Organisation, OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.cases import vocab as case_vocab
from amparo.cases.classification import QUESTION_FIELDS, classify, derive_contexts, report_delay
from amparo.cases.codes import new_case_code
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Case, CaseAssignment, CaseFlag, CaseNote, Incident, RescueOperation
from amparo.cases.services import validate_incident
from amparo.core.validation import Errors
from amparo.demo import fiction
from amparo.demo.incidents import incident_input
from amparo.people import vocab as people_vocab
from amparo.people.inputs import IdentityInput, SurvivorInput
from amparo.people.models import ConsentGrant, FamilyMember, Survivor, SurvivorIdentity
from amparo.people.services import validate_identity, validate_survivor

# Age when the case opened: (low, high, weight), skewed to adolescents and young women.
_AGES = (
    (8, 11, 6),
    (12, 14, 18),
    (15, 17, 26),
    (18, 21, 22),
    (22, 25, 12),
    (26, 35, 11),
    (36, 55, 5),
)
_ORIGIN_WEIGHTS = {
    OrganisationKind.LEGAL_AID: {"report": 55, "rescue": 25, "referral": 20},
    OrganisationKind.GOVERNMENT: {"report": 45, "rescue": 35, "referral": 20},
    OrganisationKind.AFTERCARE: {"report": 20, "rescue": 10, "referral": 70},
}
_CLOSURE_REASONS = ("restored", "withdrew", "relocated", "other")
# Chance that the survivor agrees to share the file with a partner.
_SHARE_CONSENT = {
    OrganisationKind.LEGAL_AID: 0.45,
    OrganisationKind.GOVERNMENT: 0.45,
    OrganisationKind.AFTERCARE: 0.3,
}


@dataclass
class Team:
    """An organisation with its staff by role, its rescue operations and its partners."""

    organisation: Organisation
    staff: dict[str, list[User]]
    operations: list[RescueOperation] = field(default_factory=list)
    partners: list[Organisation] = field(default_factory=list)
    used_codes: set[str] = field(default_factory=set)
    used_pseudonyms: set[str] = field(default_factory=set)

    def one(self, rng: random.Random, role: str) -> User:
        return rng.choice(self.staff[role])


@dataclass
class SurvivorPlan:
    team: Team
    worker: User  # ran the intake
    survivor: Survivor
    identity_input: IdentityInput
    identity: SurvivorIdentity
    case: Case
    incidents: list[Incident]
    consents: list[ConsentGrant]
    notes: list[CaseNote]
    assignments: list[CaseAssignment]
    family: list[FamilyMember]
    flags: list[CaseFlag]


def aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working hour on ``day``; on the day of seeding, never later than now."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now())


def _between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def _check(validate, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
    errors = Errors()
    validate(errors, *args, **kwargs)
    errors.raise_if_any()


def plan_survivor(
    rng: random.Random, *, team: Team, number: int, today: datetime.date
) -> SurvivorPlan:
    """Plan survivor ``number`` (unique across the demo) of ``team``'s organisation."""
    org = team.organisation
    worker = team.one(rng, Role.CASEWORKER)
    origin = _origin(rng, team)
    operation = rng.choice(team.operations) if origin == "rescue" else None
    if operation is not None:
        opened_on = min(today, operation.happened_on + datetime.timedelta(days=rng.randint(0, 7)))
    else:
        opened_on = today - datetime.timedelta(days=rng.randint(0, 4 * 365))
    age = _age(rng)
    female = rng.random() < 0.9
    survivor_input = SurvivorInput(
        pseudonym=_pseudonym(rng, team),
        sex="female" if female else rng.choice(["male", "male", "other"]),
        birth_year=opened_on.year - age,
        nationality=rng.choices(["GT", "SV", "HN", "NI", "MX"], [80, 7, 8, 2, 3])[0],
        languages=sorted({"es", *rng.choices(["quc", "kek", "cak", "mam"], k=rng.randint(0, 1))}),
        disability=rng.choices(["none", "unknown", "intellectual", "sensory"], [70, 22, 5, 3])[0],
        displacement=rng.choices(["resident", "returnee", "migrant", "idp"], [75, 10, 10, 5])[0],
    )
    identity_input = _identity(rng, survivor_input, female=female, number=number, today=today)
    _check(validate_survivor, survivor_input)
    _check(validate_identity, identity_input)
    opened_at = aware(opened_on, rng)
    survivor = Survivor(
        organisation=org,
        created_by=worker,
        created_at=opened_at,
        updated_at=opened_at,
        **survivor_input.__dict__,
    )
    case = Case(
        organisation=org,
        survivor=survivor,
        code=_case_code(team),
        origin=origin,
        rescue_operation=operation,
        opened_on=opened_on,
        risk_level=rng.choices(["high", "medium", "low"], [20, 50, 30])[0],
        created_by=worker,
        created_at=opened_at,
    )
    _maybe_close(rng, case, today)
    case.updated_at = aware(case.closed_on, rng) if case.closed_on else opened_at
    incidents = [
        _incident(rng, case=case, survivor=survivor, worker=worker, age=age, today=today)
        for _n in range(rng.choices([1, 2], [75, 25])[0])
    ]
    assignments = _assignments(rng, team, case, worker)
    return SurvivorPlan(
        team=team,
        worker=worker,
        survivor=survivor,
        identity_input=identity_input,
        identity=SurvivorIdentity(
            survivor=survivor,
            created_at=opened_at,
            updated_at=opened_at,
            **identity_input.__dict__,
        ),
        case=case,
        incidents=incidents,
        consents=_consents(rng, team, survivor, worker, case, minor=age < 18, today=today),
        notes=_notes(rng, case, assignments, today),
        assignments=assignments,
        family=_family(rng, case, worker, identity_input, incidents[0], today),
        flags=_flags(rng, case, worker, team, today),
    )


def _origin(rng: random.Random, team: Team) -> str:
    weights = dict(_ORIGIN_WEIGHTS[team.organisation.kind])
    if not team.operations:
        weights.pop("rescue")
    return rng.choices(list(weights), list(weights.values()))[0]


def _age(rng: random.Random) -> int:
    low, high, _w = rng.choices(_AGES, [b[2] for b in _AGES])[0]
    return rng.randint(low, high)


def _pseudonym(rng: random.Random, team: Team) -> str:
    # Three digits read best, but words x 999 names run out at national scale
    # (this loop never ended for 100,000 survivors): past half of them, use five.
    high = 999 if len(team.used_pseudonyms) < len(fiction.PSEUDONYM_WORDS) * 500 else 99_999
    while True:
        name = f"{rng.choice(fiction.PSEUDONYM_WORDS)} {rng.randint(1, high):03d}"
        if name not in team.used_pseudonyms:
            team.used_pseudonyms.add(name)
            return name


def _case_code(team: Team) -> str:
    while True:
        code = new_case_code(team.organisation.code)
        if code not in team.used_codes:
            team.used_codes.add(code)
            return code


def _identity(
    rng: random.Random,
    survivor: SurvivorInput,
    *,
    female: bool,
    number: int,
    today: datetime.date,
) -> IdentityInput:
    given, family = fiction.person_name(rng, female=female)
    department = fiction.weighted_department(rng)
    # Guatemala issues the national ID (DPI) at 18.
    adult = survivor.birth_year is not None and today.year - survivor.birth_year > 18
    return IdentityInput(
        given_names=given,
        family_names=family,
        other_names=f"«{given.split()[0][:4]}»" if rng.random() < 0.1 else "",
        date_of_birth=(
            datetime.date(survivor.birth_year, rng.randint(1, 12), rng.randint(1, 28))
            if survivor.birth_year and rng.random() < 0.65
            else None
        ),
        phone=fiction.fake_phone(number) if rng.random() < 0.8 else "",
        address=fiction.fake_address(rng, department) if rng.random() < 0.6 else "",
        national_id=fiction.fake_national_id(number, rng) if adult and rng.random() < 0.7 else "",
        narrative=rng.choice(fiction.DESCRIPTIONS) if rng.random() < 0.3 else "",
    )


def _maybe_close(rng: random.Random, case: Case, today: datetime.date) -> None:
    days_open = (today - case.opened_on).days
    if days_open > 60 and rng.random() < min(0.45, days_open / 365 * 0.12):
        case.closed_on = _between(rng, case.opened_on + datetime.timedelta(days=30), today)
        if rng.random() < 0.15:
            case.status, case.closure_reason = case_vocab.CaseStatus.CLOSED_REFERRED, "referred"
        else:
            case.status = case_vocab.CaseStatus.CLOSED
            case.closure_reason = rng.choices(_CLOSURE_REASONS, [45, 20, 25, 10])[0]
    elif rng.random() < 0.22:
        case.status = case_vocab.CaseStatus.FOLLOW_UP


def _incident(
    rng: random.Random,
    *,
    case: Case,
    survivor: Survivor,
    worker: User,
    age: int,
    today: datetime.date,
) -> Incident:
    data: IncidentInput = incident_input(rng, age=age, opened_on=case.opened_on, today=today)
    _check(validate_incident, data, opened_on=case.opened_on)
    gbv_type = classify({name: getattr(data, name) for name in QUESTION_FIELDS})
    fields = {
        **data.__dict__,
        "gbv_type": gbv_type,
        "contexts": derive_contexts(
            gbv_type=gbv_type,
            chosen=data.contexts,
            survivor_age=data.occurred_on.year - survivor.birth_year,
            money_or_goods_exchanged=data.money_or_goods_exchanged,
        ),
        "report_delay": report_delay(data.occurred_on, case.opened_on),
    }
    at = aware(case.opened_on, rng)
    return Incident(case=case, created_by=worker, created_at=at, updated_at=at, **fields)


def _assignments(rng: random.Random, team: Team, case: Case, worker: User) -> list[CaseAssignment]:
    supervisor = team.one(rng, Role.SUPERVISOR)
    people = [(worker, Role.CASEWORKER, worker)]
    lawyer_share = {"legal_aid": 0.85, "government": 0.6}.get(team.organisation.kind, 0.3)
    if rng.random() < lawyer_share:
        people.append((team.one(rng, Role.LAWYER), Role.LAWYER, supervisor))
    if rng.random() < 0.55:
        people.append((team.one(rng, Role.COUNSELLOR), Role.COUNSELLOR, supervisor))
    ended_at = aware(case.closed_on, rng) if case.closed_on else None
    return [
        CaseAssignment(
            case=case,
            user=user,
            role=role,
            assigned_by=by,
            assigned_at=aware(case.opened_on, rng),
            ended_at=ended_at,
        )
        for user, role, by in people
    ]


def _consents(
    rng: random.Random,
    team: Team,
    survivor: Survivor,
    worker: User,
    case: Case,
    *,
    minor: bool,
    today: datetime.date,
) -> list[ConsentGrant]:
    giver = "caregiver" if minor else "survivor"
    grants = [(people_vocab.ConsentScope.SERVICES, None, case.opened_on, None)]
    if rng.random() < 0.65:
        grants.append((people_vocab.ConsentScope.REPORTING, None, case.opened_on, None))
    if minor and rng.random() < 0.1:
        grants.append((people_vocab.ConsentScope.TRACING, None, case.opened_on, None))
    if team.partners and rng.random() < _SHARE_CONSENT.get(team.organisation.kind, 0.35):
        given_on = min(today, case.opened_on + datetime.timedelta(days=rng.randint(0, 20)))
        until = given_on + datetime.timedelta(days=365) if rng.random() < 0.5 else None
        # Most referrals go to the aftercare partner, which delivers the longest services.
        weights = [3 if p.kind == OrganisationKind.AFTERCARE else 1 for p in team.partners]
        recipient = rng.choices(team.partners, weights)[0]
        grants.append((people_vocab.ConsentScope.SHARE_WITH_ORG, recipient, given_on, until))
    consents = []
    for scope, recipient, given_on, until in grants:
        grant = ConsentGrant(
            survivor=survivor,
            scope=scope,
            recipient=recipient,
            sections=_shared_sections(rng, recipient) if recipient else [],
            given_by=giver,
            given_on=given_on,
            valid_until=until,
            recorded_by=worker,
        )
        grant.created_at = grant.updated_at = aware(given_on, rng)
        if scope != people_vocab.ConsentScope.SERVICES and rng.random() < 0.1:
            grant.withdrawn_at = grant.updated_at = aware(_between(rng, given_on, today), rng)
        consents.append(grant)
    return consents


def _shared_sections(rng: random.Random, recipient: Organisation) -> list[str]:
    """What a survivor agrees a partner may read: always enough to give a service."""
    Section = people_vocab.Section
    sections = {Section.INCIDENTS, Section.CARE_PLAN}
    optional = {
        Section.ASSESSMENTS: 0.6,
        Section.IDENTITY: 0.4,
        Section.NOTES: 0.25,
        Section.LEGAL: 0.7 if recipient.kind == OrganisationKind.LEGAL_AID else 0.3,
    }
    sections.update(s for s, chance in optional.items() if rng.random() < chance)
    return sorted(sections)


def _notes(
    rng: random.Random, case: Case, assignments: list[CaseAssignment], today: datetime.date
) -> list[CaseNote]:
    last = case.closed_on or today
    notes = []
    for _n in range(rng.choices([0, 1, 2, 3, 4], [15, 25, 25, 20, 15])[0]):
        author = rng.choice(assignments).user
        at = aware(_between(rng, case.opened_on, last), rng)
        notes.append(
            CaseNote(case=case, author=author, body=rng.choice(fiction.NOTES), created_at=at)
        )
    return sorted(notes, key=lambda note: note.created_at)


def _family(
    rng: random.Random,
    case: Case,
    worker: User,
    identity: IdentityInput,
    incident: Incident,
    today: datetime.date,
) -> list[FamilyMember]:
    survivor = case.survivor
    at = aware(min(today, case.opened_on + datetime.timedelta(days=rng.randint(0, 14))), rng)
    relations = rng.sample(["mother", "father", "sibling", "grandparent", "aunt_uncle"], k=3)
    perpetrator = {
        "caregiver": "stepparent",
        "family": "aunt_uncle",
        "intimate_partner": "partner",
    }.get(incident.perpetrator_relation)
    members = []
    for relation in relations[: rng.choices([0, 1, 2, 3], [20, 35, 30, 15])[0]]:
        female = relation in ("mother", "grandparent") or rng.random() < 0.5
        given, _family_names = fiction.person_name(rng, female=female)
        members.append(
            FamilyMember(
                survivor=survivor,
                relation=relation,
                name=f"{given.split()[0]} {identity.family_names}",
                birth_year=survivor.birth_year + rng.randint(-45, -18)
                if relation in ("mother", "father", "grandparent")
                else None,
                lives_with_survivor=rng.random() < 0.5,
                safety=rng.choices(["safe", "unknown", "unsafe"], [60, 30, 10])[0],
                notes=rng.choice(fiction.FAMILY_NOTES),
                created_by=worker,
                created_at=at,
                updated_at=at,
            )
        )
    if perpetrator and rng.random() < 0.5:
        given, _family_names = fiction.person_name(rng, female=False)
        members.append(
            FamilyMember(
                survivor=survivor,
                relation=perpetrator,
                name=f"{given.split()[0]} {rng.choice(fiction.FAMILY)}",
                lives_with_survivor=False,
                safety=people_vocab.FamilySafety.UNSAFE,
                is_alleged_perpetrator=True,
                notes="Alleged perpetrator — do not contact. / Presunto agresor — no contactar.",
                created_by=worker,
                created_at=at,
                updated_at=at,
            )
        )
    return members


def _flags(
    rng: random.Random, case: Case, worker: User, team: Team, today: datetime.date
) -> list[CaseFlag]:
    if case.risk_level != "high" or rng.random() > 0.45:
        return []
    flag = CaseFlag(
        case=case,
        kind=rng.choice(["safety", "threats", "perpetrator", "retrafficking", "self_harm"]),
        note=rng.choice(fiction.FLAG_NOTES),
        raised_by=worker,
        raised_at=aware(_between(rng, case.opened_on, case.closed_on or today), rng),
    )
    if case.closed_on or rng.random() < 0.3:
        flag.resolved_at = max(flag.raised_at, aware(case.closed_on or today, rng))
        flag.resolved_by = team.one(rng, Role.SUPERVISOR)
    return [flag]

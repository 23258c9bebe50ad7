"""One fictional survivor's file, planned as unsaved model instances.

The plan applies the rules the services apply (validation, GBVIMS type and
derived contexts, report delay, blind-index terms, case codes) so that bulk
inserting it gives the same rows as running the intake one by one.
"""

import datetime
import random
from dataclasses import dataclass

from amparo.accounts.models import OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.cases import vocab as case_vocab
from amparo.cases.classification import QUESTION_FIELDS, classify, report_delay
from amparo.cases.codes import new_case_code
from amparo.cases.inputs import IncidentInput
from amparo.cases.models import Case, CaseAssignment, CaseFlag, CaseNote, Incident
from amparo.cases.services import validate_incident
from amparo.cases.services.incidents import age_fields
from amparo.demo import fiction
from amparo.demo.file_records import (
    assignments_for,
    consents_for,
    family_for,
    flags_for,
    notes_for,
)
from amparo.demo.incidents import incident_input
from amparo.demo.moments import aware, between, check
from amparo.demo.teams import Team
from amparo.people.age import Birth
from amparo.people.inputs import IdentityInput, SurvivorInput
from amparo.people.models import ConsentGrant, FamilyMember, Survivor, SurvivorIdentity
from amparo.people.services import validate_identity, validate_survivor
from amparo.people.services.ages import age_band_set
from amparo.people.vocab import Disability, Displacement, Language, Sex

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
_MAYAN = (Language.KICHE, Language.QEQCHI, Language.KAQCHIKEL, Language.MAM)
_DISABILITIES = (Disability.NONE, Disability.UNKNOWN, Disability.INTELLECTUAL, Disability.SENSORY)
_DISPLACEMENTS = (
    Displacement.RESIDENT,
    Displacement.RETURNEE,
    Displacement.MIGRANT,
    Displacement.IDP,
)
_RISKS = (case_vocab.RiskLevel.HIGH, case_vocab.RiskLevel.MEDIUM, case_vocab.RiskLevel.LOW)
_ORIGIN_WEIGHTS = {
    OrganisationKind.LEGAL_AID: {"report": 55, "rescue": 25, "referral": 20},
    OrganisationKind.GOVERNMENT: {"report": 45, "rescue": 35, "referral": 20},
    OrganisationKind.AFTERCARE: {"report": 20, "rescue": 10, "referral": 70},
}
_CLOSURE_REASONS = (
    case_vocab.ClosureReason.RESTORED,
    case_vocab.ClosureReason.SURVIVOR_WITHDREW,
    case_vocab.ClosureReason.RELOCATED,
    case_vocab.ClosureReason.OTHER,
)


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
        sex=Sex.FEMALE if female else rng.choice([Sex.MALE, Sex.MALE, Sex.OTHER]),
        birth_year=opened_on.year - age,
        nationality=rng.choices(["GT", "SV", "HN", "NI", "MX"], [80, 7, 8, 2, 3])[0],
        languages=sorted({Language.SPANISH, *rng.choices(_MAYAN, k=rng.randint(0, 1))}),
        disability=rng.choices(_DISABILITIES, [70, 22, 5, 3])[0],
        displacement=rng.choices(_DISPLACEMENTS, [75, 10, 10, 5])[0],
    )
    identity_input = _identity(
        rng, survivor_input, female=female, number=number, today=today, language=team.language
    )
    check(validate_survivor, survivor_input)
    check(validate_identity, identity_input)
    opened_at = aware(opened_on, rng)
    survivor = Survivor(
        organisation=org,
        created_by=worker,
        created_at=opened_at,
        updated_at=opened_at,
        **survivor_input.__dict__,
    )
    birth = Birth(year=survivor.birth_year, date=identity_input.date_of_birth)
    # Today's band, as the services write it: the seed is right on whatever day it runs.
    age_band_set(survivor, birth=birth, today=today)
    case = Case(
        organisation=org,
        survivor=survivor,
        code=_case_code(team),
        origin=origin,
        rescue_operation=operation,
        opened_on=opened_on,
        risk_level=rng.choices(_RISKS, [20, 50, 30])[0],
        created_by=worker,
        created_at=opened_at,
    )
    _maybe_close(rng, case, today)
    case.updated_at = aware(case.closed_on, rng) if case.closed_on else opened_at
    incidents = [
        _incident(
            rng,
            case=case,
            birth=birth,
            worker=worker,
            age=age,
            today=today,
            language=team.language,
        )
        for _n in range(rng.choices([1, 2], [75, 25])[0])
    ]
    assignments = assignments_for(rng, team, case, worker)
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
        consents=consents_for(rng, team, survivor, worker, case, minor=age < 18, today=today),
        notes=notes_for(rng, case, assignments, today, language=team.language),
        assignments=assignments,
        family=family_for(
            rng, case, worker, identity_input, incidents[0], today, language=team.language
        ),
        flags=flags_for(rng, case, worker, team, today),
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
    language: str,
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
        narrative=rng.choice(fiction.DESCRIPTIONS[language]) if rng.random() < 0.3 else "",
    )


def _maybe_close(rng: random.Random, case: Case, today: datetime.date) -> None:
    days_open = (today - case.opened_on).days
    if days_open > 60 and rng.random() < min(0.45, days_open / 365 * 0.12):
        case.closed_on = between(rng, case.opened_on + datetime.timedelta(days=30), today)
        if rng.random() < 0.15:
            case.closure_reason = case_vocab.ClosureReason.REFERRED
        else:
            case.closure_reason = rng.choices(_CLOSURE_REASONS, [45, 20, 25, 10])[0]
        case.status = case_vocab.closed_status(case.closure_reason)
    elif rng.random() < 0.22:
        case.status = case_vocab.CaseStatus.FOLLOW_UP


def _incident(
    rng: random.Random,
    *,
    case: Case,
    birth: Birth,
    worker: User,
    age: int,
    today: datetime.date,
    language: str,
) -> Incident:
    data: IncidentInput = incident_input(
        rng, age=age, opened_on=case.opened_on, today=today, language=language
    )
    check(validate_incident, data, opened_on=case.opened_on)
    gbv_type = classify({name: getattr(data, name) for name in QUESTION_FIELDS})
    fields = {
        **data.__dict__,
        "gbv_type": gbv_type,
        **age_fields(
            birth=birth,
            occurred_on=data.occurred_on,
            gbv_type=gbv_type,
            chosen=data.contexts,
            money_or_goods_exchanged=data.money_or_goods_exchanged,
            abduction_status=data.abduction_status,
            perpetrator_relation=data.perpetrator_relation,
        ),
        "reported_on": data.reported_on or case.opened_on,
        "report_delay": report_delay(data.occurred_on, data.reported_on or case.opened_on),
    }
    at = aware(case.opened_on, rng)
    return Incident(case=case, created_by=worker, created_at=at, updated_at=at, **fields)

"""The records around a planned case: assignments, consents, notes, family, flags.

Planned as unsaved instances with the vocabularies and rules the services use,
so bulk inserting them gives the rows the case-file pages would have written.
"""

import datetime
import random

from amparo.accounts.models import Organisation, OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.cases.models import Case, CaseAssignment, CaseFlag, CaseNote, Incident
from amparo.cases.vocab import FlagKind, PerpetratorRelation, RiskLevel
from amparo.demo import fiction
from amparo.demo.moments import aware, between, check
from amparo.demo.teams import Team
from amparo.people import vocab as people_vocab
from amparo.people.inputs import ConsentInput, IdentityInput
from amparo.people.models import ConsentGrant, FamilyMember, Survivor
from amparo.people.services import validate_consent, validate_family_member

Giver = people_vocab.ConsentGiver
Relation = people_vocab.FamilyRelation
_RELATIVES = (
    Relation.MOTHER,
    Relation.FATHER,
    Relation.SIBLING,
    Relation.GRANDPARENT,
    Relation.AUNT_UNCLE,
)
_SAFETY = (
    people_vocab.FamilySafety.SAFE,
    people_vocab.FamilySafety.UNKNOWN,
    people_vocab.FamilySafety.UNSAFE,
)
_FLAGS = (
    FlagKind.SAFETY,
    FlagKind.THREATS,
    FlagKind.PERPETRATOR_CONTACT,
    FlagKind.RETRAFFICKING,
    FlagKind.SELF_HARM,
)
# Chance that the survivor agrees to share the file with a partner.
_SHARE_CONSENT = {
    OrganisationKind.LEGAL_AID: 0.45,
    OrganisationKind.GOVERNMENT: 0.45,
    OrganisationKind.AFTERCARE: 0.3,
}


def assignments_for(
    rng: random.Random, team: Team, case: Case, worker: User
) -> list[CaseAssignment]:
    supervisor = team.one(rng, Role.SUPERVISOR)
    people = [(worker, Role.CASEWORKER, worker)]
    lawyer_share = {OrganisationKind.LEGAL_AID: 0.85, OrganisationKind.GOVERNMENT: 0.6}.get(
        team.organisation.kind, 0.3
    )
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


def consents_for(
    rng: random.Random,
    team: Team,
    survivor: Survivor,
    worker: User,
    case: Case,
    *,
    minor: bool,
    today: datetime.date,
) -> list[ConsentGrant]:
    giver = Giver.CAREGIVER if minor else Giver.SURVIVOR
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
        check(
            validate_consent,
            ConsentInput(
                scope=scope,
                given_by=giver,
                given_on=given_on,
                valid_until=until,
                recipient_id=recipient.pk if recipient else None,
                sections=grant.sections,
            ),
            organisation=team.organisation,
            recorded_on=given_on,
        )
        grant.created_at = grant.updated_at = aware(given_on, rng)
        if scope != people_vocab.ConsentScope.SERVICES and rng.random() < 0.1:
            grant.withdrawn_at = grant.updated_at = aware(between(rng, given_on, today), rng)
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


def notes_for(
    rng: random.Random,
    case: Case,
    assignments: list[CaseAssignment],
    today: datetime.date,
    *,
    language: str,
) -> list[CaseNote]:
    """A few notes by the case's workers, in their organisation's ``language``."""
    last = case.closed_on or today
    notes = []
    for _n in range(rng.choices([0, 1, 2, 3, 4], [15, 25, 25, 20, 15])[0]):
        author = rng.choice(assignments).user
        at = aware(between(rng, case.opened_on, last), rng)
        notes.append(
            CaseNote(
                case=case, author=author, body=rng.choice(fiction.NOTES[language]), created_at=at
            )
        )
    return sorted(notes, key=lambda note: note.created_at)


def family_for(
    rng: random.Random,
    case: Case,
    worker: User,
    identity: IdentityInput,
    incident: Incident,
    today: datetime.date,
    *,
    language: str,
) -> list[FamilyMember]:
    survivor = case.survivor
    at = aware(min(today, case.opened_on + datetime.timedelta(days=rng.randint(0, 14))), rng)
    relations = rng.sample(_RELATIVES, k=3)
    perpetrator = {
        PerpetratorRelation.PRIMARY_CAREGIVER: Relation.STEPPARENT,
        PerpetratorRelation.FAMILY: Relation.AUNT_UNCLE,
        PerpetratorRelation.INTIMATE_PARTNER: Relation.PARTNER,
    }.get(incident.perpetrator_relation)
    members = []
    for relation in relations[: rng.choices([0, 1, 2, 3], [20, 35, 30, 15])[0]]:
        female = relation in (Relation.MOTHER, Relation.GRANDPARENT) or rng.random() < 0.5
        given, _family_names = fiction.person_name(rng, female=female)
        members.append(
            FamilyMember(
                survivor=survivor,
                relation=relation,
                name=f"{given.split()[0]} {identity.family_names}",
                birth_year=survivor.birth_year + rng.randint(-45, -18)
                if relation in (Relation.MOTHER, Relation.FATHER, Relation.GRANDPARENT)
                else None,
                lives_with_survivor=rng.random() < 0.5,
                safety=rng.choices(_SAFETY, [60, 30, 10])[0],
                notes=rng.choice(fiction.FAMILY_NOTES[language]),
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
                notes=fiction.PERPETRATOR_NOTE[language],
                created_by=worker,
                created_at=at,
                updated_at=at,
            )
        )
    for member in members:
        check(
            validate_family_member,
            relation=member.relation,
            safety=member.safety,
            birth_year=member.birth_year,
        )
    return members


def flags_for(
    rng: random.Random, case: Case, worker: User, team: Team, today: datetime.date
) -> list[CaseFlag]:
    if case.risk_level != RiskLevel.HIGH or rng.random() > 0.45:
        return []
    flag = CaseFlag(
        case=case,
        kind=rng.choice(_FLAGS),
        note=rng.choice(fiction.FLAG_NOTES[team.language]),
        raised_by=worker,
        raised_at=aware(between(rng, case.opened_on, case.closed_on or today), rng),
    )
    if case.closed_on or rng.random() < 0.3:
        flag.resolved_at = max(flag.raised_at, aware(case.closed_on or today, rng))
        flag.resolved_by = team.one(rng, Role.SUPERVISOR)
    return [flag]

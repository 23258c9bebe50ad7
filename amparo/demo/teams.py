"""The demo's organisations and their staff: who signs in, with which role."""

import itertools
import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from amparo.accounts.models import Membership, Organisation, OrganisationKind, User
from amparo.cases.models import RescueOperation
from amparo.demo import fiction


@dataclass(frozen=True)
class OrganisationSpec:
    name: str
    code: str
    kind: str
    domain: str
    share: float  # of the survivors
    staff: dict[str, int]
    rescues: bool
    # The language its staff write their notes in (``fiction.NOTES``): the demo shows a
    # file kept in English and files kept in Spanish, whatever language a page is read in.
    language: str


ORGANISATIONS = (
    OrganisationSpec(
        "Justicia Ficticia",
        "JUS",
        OrganisationKind.LEGAL_AID,
        "justicia.demo",
        0.5,
        {"caseworker": 4, "lawyer": 3, "counsellor": 2, "supervisor": 1, "analyst": 1, "admin": 1},
        rescues=True,
        language="en",
    ),
    OrganisationSpec(
        "Casa Refugio Demo",
        "REF",
        OrganisationKind.AFTERCARE,
        "refugio.demo",
        0.12,
        {"caseworker": 3, "lawyer": 1, "counsellor": 2, "supervisor": 1, "analyst": 1, "admin": 1},
        rescues=False,
        language="es",
    ),
    OrganisationSpec(
        "Instituto Demo de la Víctima",
        "IDV",
        OrganisationKind.GOVERNMENT,
        "idv.demo",
        0.38,
        {"caseworker": 4, "lawyer": 2, "counsellor": 2, "supervisor": 1, "analyst": 1, "admin": 1},
        rescues=True,
        language="es",
    ),
)


@dataclass
class Team:
    """An organisation with its staff by role, its rescue operations and its partners."""

    organisation: Organisation
    staff: dict[str, list[User]]
    language: str = "es"  # of its staff's notes
    operations: list[RescueOperation] = field(default_factory=list)
    partners: list[Organisation] = field(default_factory=list)
    used_codes: set[str] = field(default_factory=set)
    used_pseudonyms: set[str] = field(default_factory=set)

    def one(self, rng: random.Random, role: str) -> User:
        return rng.choice(self.staff[role])


def create_teams(password: str) -> list[Team]:
    # One hash for the shared demo password: Argon2 is slow on purpose.
    password_hash = make_password(password)
    organisations = Organisation.objects.bulk_create(
        Organisation(name=s.name, code=s.code, kind=s.kind, country="GT") for s in ORGANISATIONS
    )
    teams, users, memberships = [], [], []
    names = (fiction.staff_name(n) for n in itertools.count())
    for spec, org in zip(ORGANISATIONS, organisations, strict=True):
        staff: dict[str, list[User]] = {}
        for role, count in spec.staff.items():
            for n in range(1, count + 1):
                suffix = "" if n == 1 else str(n)
                user = User(
                    email=f"{role}{suffix}@{spec.domain}",
                    full_name=next(names),
                    password=password_hash,
                )
                staff.setdefault(role, []).append(user)
                users.append(user)
                memberships.append(Membership(user=user, organisation=org, role=role))
        teams.append(Team(organisation=org, staff=staff, language=spec.language))
    User.objects.bulk_create(users)
    Membership.objects.bulk_create(memberships)
    for team in teams:
        team.partners = [t.organisation for t in teams if t is not team]
    return teams

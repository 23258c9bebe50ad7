"""The standing cast: the same people, by the same names, in every app's tests.

Healthchecks-style: one fixture (``cast``, loaded by the root ``conftest.py``),
and every access matrix asks the same people. A test that needs records (a
legal case, a referral, a restoration plan) builds them on top of the cast;
it never brings people of its own to a matrix.

=================== ===================== ============================ ====================
name                full name             organisation                 role
=================== ===================== ============================ ====================
caseworker          Alicia Caseworker     Lex (owns ``case``)          caseworker, assigned
                                                                       to ``case`` (ran its
                                                                       intake)
other_caseworker    Otto Caseworker       Lex                          caseworker, not
                                                                       assigned
lawyer              Lara Lawyer           Lex                          lawyer
counsellor          Connie Counsellor     Lex                          counsellor
supervisor          Sam Supervisor        Lex                          supervisor
analyst             Ana Analyst           Lex                          data analyst
admin               Adam Admin            Lex                          organisation admin
partner_supervisor  Bob Partner           Refugio (Lex's partner)      supervisor
partner_caseworker  Bea Partner           Refugio                      caseworker
third_supervisor    Tess Third            Tercera (outsider org.)      supervisor
third_caseworker    Theo Third            Tercera                      caseworker
inactive            Ivan Inactive         Lex, membership ended        (was caseworker)
outsider            Charlie Outsider      none                         signed in, no
                                                                       membership
anonymous           (``None``)            none                         signed out
=================== ===================== ============================ ====================

Lex is a legal-aid organisation; Refugio an aftercare organisation; Tercera a
government institute with no agreement with either and no consent of the
survivor. The network's agreement (Lex to Refugio) and the survivor's consent
to share are records, built by the network tests' ``net`` fixture.
"""

from collections.abc import Mapping
from dataclasses import dataclass

import pytest
from rest_framework.test import APIClient

from amparo.accounts.models import Membership, Organisation, OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.cases.models import Case
from amparo.cases.services import intake_submit
from amparo.testing.api import api_client
from amparo.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    intake_input,
)

OWNER = (
    "caseworker",
    "other_caseworker",
    "lawyer",
    "counsellor",
    "supervisor",
    "analyst",
    "admin",
)
PARTNER = ("partner_supervisor", "partner_caseworker")
THIRD = ("third_supervisor", "third_caseworker")
# Everyone who signs in, by cast name, in the order of the table above.
SIGNED_IN = (*OWNER, *PARTNER, *THIRD, "inactive", "outsider")
# Everyone, signed out last: what a matrix parametrizes over.
EVERYONE = (*SIGNED_IN, "anonymous")
# Signed in but holding no active membership: refused as an outsider is.
NO_MEMBERSHIP = frozenset({"inactive", "outsider"})
MEMBERS = frozenset(SIGNED_IN) - NO_MEMBERSHIP

# Who may open Lex's case file, by cast name. Everyone else gets 404.
MAY_OPEN_CASE = frozenset({"caseworker", "supervisor", "admin"})


@dataclass
class Cast:
    lex: Organisation
    refugio: Organisation
    tercera: Organisation
    caseworker: User
    other_caseworker: User
    lawyer: User
    counsellor: User
    supervisor: User
    analyst: User
    admin: User
    partner_supervisor: User
    partner_caseworker: User
    third_supervisor: User
    third_caseworker: User
    inactive: User
    outsider: User
    case: Case  # Lex's case, assigned to ``caseworker``

    def user(self, name: str) -> User | None:
        """The cast member called ``name``; ``None`` for ``anonymous``."""
        return None if name == "anonymous" else getattr(self, name)

    def client(self, name: str) -> APIClient:
        """An API client signed in as ``name`` (signed out for ``anonymous``)."""
        return api_client(self.user(name))

    def owner(self) -> dict[str, User]:
        """Lex's active members, by cast name."""
        return {name: getattr(self, name) for name in OWNER}

    def everyone(self) -> dict[str, User]:
        """Everyone who signs in, by cast name (anonymous is not a user)."""
        return {name: getattr(self, name) for name in SIGNED_IN}


def expect(name: str, allowed: Mapping[str, int], default: int = 404) -> int:
    """The status the API gives ``name``: as listed, 401 signed out, else ``default``."""
    if name == "anonymous":
        return 401
    return allowed.get(name, default)


def _member(org: Organisation, role: str, name: str, *, active: bool = True) -> User:
    membership: Membership = MembershipFactory.create(
        organisation=org, role=role, is_active=active, user__full_name=name
    )
    return membership.user


def build_cast() -> Cast:
    """Creates the three organisations, their people and Lex's case."""
    lex: Organisation = OrganisationFactory.create(
        name="Lex Test Legal Aid", code="LEX", kind=OrganisationKind.LEGAL_AID
    )
    refugio: Organisation = OrganisationFactory.create(
        name="Refugio Test Aftercare", code="REF", kind=OrganisationKind.AFTERCARE
    )
    tercera: Organisation = OrganisationFactory.create(
        name="Tercera Test Institute", code="TER", kind=OrganisationKind.GOVERNMENT
    )
    outsider: User = UserFactory.create(full_name="Charlie Outsider")
    caseworker = _member(lex, Role.CASEWORKER, "Alicia Caseworker")
    case = intake_submit(actor=caseworker, data=intake_input())
    return Cast(
        lex=lex,
        refugio=refugio,
        tercera=tercera,
        caseworker=caseworker,
        other_caseworker=_member(lex, Role.CASEWORKER, "Otto Caseworker"),
        lawyer=_member(lex, Role.LAWYER, "Lara Lawyer"),
        counsellor=_member(lex, Role.COUNSELLOR, "Connie Counsellor"),
        supervisor=_member(lex, Role.SUPERVISOR, "Sam Supervisor"),
        analyst=_member(lex, Role.DATA_ANALYST, "Ana Analyst"),
        admin=_member(lex, Role.ORG_ADMIN, "Adam Admin"),
        partner_supervisor=_member(refugio, Role.SUPERVISOR, "Bob Partner"),
        partner_caseworker=_member(refugio, Role.CASEWORKER, "Bea Partner"),
        third_supervisor=_member(tercera, Role.SUPERVISOR, "Tess Third"),
        third_caseworker=_member(tercera, Role.CASEWORKER, "Theo Third"),
        inactive=_member(lex, Role.CASEWORKER, "Ivan Inactive", active=False),
        outsider=outsider,
        case=case,
    )


@pytest.fixture
def cast(db: None) -> Cast:
    """The standing cast (see the table in this module's docstring)."""
    return build_cast()

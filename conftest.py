"""The standing cast, used against every page and endpoint.

Two organisations — "Lex" (legal aid, owns the case) and "Refugio" (aftercare
partner) — with every role, plus an outsider with no organisation at all.
"""

from dataclasses import dataclass

import pytest

from amparo.accounts.models import Organisation, OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.cases.models import Case
from amparo.cases.services import intake_submit

# One Playwright instance per test process, shared by every browser test.
from amparo.testing.browser import PHONE, SHOTS, browser, page  # noqa: F401
from amparo.testing.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    intake_input,
)
from amparo.testing.races import migrated_reference_data  # noqa: F401


@dataclass
class Cast:
    lex: Organisation
    refugio: Organisation
    caseworker: User  # Lex, assigned to the case (ran the intake)
    other_caseworker: User  # Lex, not assigned
    lawyer: User
    counsellor: User
    supervisor: User
    analyst: User
    admin: User
    partner_supervisor: User  # Refugio
    partner_caseworker: User  # Refugio
    outsider: User  # no organisation
    case: Case  # Lex's case, assigned to ``caseworker``

    def lex_members(self) -> dict[str, User]:
        return {
            "caseworker": self.caseworker,
            "other_caseworker": self.other_caseworker,
            "lawyer": self.lawyer,
            "counsellor": self.counsellor,
            "supervisor": self.supervisor,
            "analyst": self.analyst,
            "admin": self.admin,
        }

    def everyone(self) -> dict[str, User]:
        return {
            **self.lex_members(),
            "partner_supervisor": self.partner_supervisor,
            "partner_caseworker": self.partner_caseworker,
            "outsider": self.outsider,
        }


# Who may open Lex's case file, by cast name. Everyone else gets 404.
MAY_OPEN_CASE = {"caseworker", "supervisor", "admin"}


def _member(org: Organisation, role: str, name: str) -> User:
    return MembershipFactory(organisation=org, role=role, user__full_name=name).user


@pytest.fixture
def cast(db) -> Cast:
    lex = OrganisationFactory(
        name="Lex Test Legal Aid", code="LEX", kind=OrganisationKind.LEGAL_AID
    )
    refugio = OrganisationFactory(
        name="Refugio Test Aftercare", code="REF", kind=OrganisationKind.AFTERCARE
    )
    caseworker = _member(lex, Role.CASEWORKER, "Alicia Caseworker")
    case = intake_submit(actor=caseworker, data=intake_input())
    return Cast(
        lex=lex,
        refugio=refugio,
        caseworker=caseworker,
        other_caseworker=_member(lex, Role.CASEWORKER, "Otto Caseworker"),
        lawyer=_member(lex, Role.LAWYER, "Lara Lawyer"),
        counsellor=_member(lex, Role.COUNSELLOR, "Connie Counsellor"),
        supervisor=_member(lex, Role.SUPERVISOR, "Sam Supervisor"),
        analyst=_member(lex, Role.DATA_ANALYST, "Ana Analyst"),
        admin=_member(lex, Role.ORG_ADMIN, "Adam Admin"),
        partner_supervisor=_member(refugio, Role.SUPERVISOR, "Bob Partner"),
        partner_caseworker=_member(refugio, Role.CASEWORKER, "Bea Partner"),
        outsider=UserFactory(full_name="Charlie Outsider"),
        case=case,
    )

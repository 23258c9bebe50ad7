"""Roles and what each may do: the single place where this is declared.

Views and API endpoints name the ``Perm`` they need; selectors use the same
table to decide which records a user may see.
"""

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    LAWYER = "lawyer", _("Lawyer")
    COUNSELLOR = "counsellor", _("Counsellor")
    SUPERVISOR = "supervisor", _("Supervisor")
    DATA_ANALYST = "analyst", _("Data analyst")
    ORG_ADMIN = "admin", _("Organisation admin")


class Perm(StrEnum):
    CASES_ASSIGNED = "cases.assigned"  # open the files of cases assigned to me
    CASES_ALL = "cases.all"  # open every file of my organisation
    INTAKE = "cases.intake"  # register survivors and open cases
    EDIT_CASE = "cases.edit"  # update cases, incidents, notes, consent
    ASSIGN = "cases.assign"  # assign workers to cases
    SEARCH_BY_NAME = "people.search_name"
    REVEAL_IDENTITY = "people.reveal"
    VIEW_AUDIT = "audit.view"  # "who has seen this file"
    AGGREGATES = "reporting.aggregates"
    MANAGE_ORG = "accounts.manage"
    # Send referrals, answer the organisation's inbox, record partner services.
    REFERRALS = "network.referrals"
    # Programmes, goals, external measurements, results; draft public releases.
    PROGRAMMES = "programmes.manage"
    # Approve a public release drafted by someone else (four eyes).
    APPROVE_RELEASES = "programmes.approve"
    # Download the k-anonymised, case-level CTDC export (no survivor is singled out).
    EXPORT_DEIDENTIFIED = "exchange.export_deidentified"
    # Download de-identified records kept case by case (the GBVIMS Incident Recorder's).
    EXPORT_RECORDS = "exchange.export_records"
    # Bring in records from another system (Primero, the Incident Recorder, HTCDS).
    IMPORT_RECORDS = "exchange.import"


_FRONTLINE = {
    Perm.CASES_ASSIGNED,
    Perm.INTAKE,
    Perm.EDIT_CASE,
    Perm.SEARCH_BY_NAME,
    Perm.REVEAL_IDENTITY,
    Perm.REFERRALS,
}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.CASEWORKER: frozenset(_FRONTLINE),
    Role.LAWYER: frozenset(_FRONTLINE),
    Role.COUNSELLOR: frozenset(_FRONTLINE - {Perm.INTAKE}),
    Role.SUPERVISOR: frozenset(
        _FRONTLINE
        | {
            Perm.CASES_ALL,
            Perm.ASSIGN,
            Perm.VIEW_AUDIT,
            Perm.AGGREGATES,
            Perm.PROGRAMMES,
            Perm.APPROVE_RELEASES,
            Perm.EXPORT_DEIDENTIFIED,
            Perm.EXPORT_RECORDS,
            Perm.IMPORT_RECORDS,
        }
    ),
    # Aggregates only: never a survivor's identity, file or even list entry. The
    # CTDC export is case-level but k-anonymised, so no entry is anyone's.
    Role.DATA_ANALYST: frozenset({Perm.AGGREGATES, Perm.PROGRAMMES, Perm.EXPORT_DEIDENTIFIED}),
    Role.ORG_ADMIN: frozenset(
        {
            Perm.CASES_ALL,
            Perm.ASSIGN,
            Perm.VIEW_AUDIT,
            Perm.AGGREGATES,
            Perm.MANAGE_ORG,
            Perm.PROGRAMMES,
            Perm.EXPORT_DEIDENTIFIED,
            Perm.EXPORT_RECORDS,
            Perm.IMPORT_RECORDS,
        }
    ),
}

# Roles that can see identities, or open every case file (notes included),
# must sign in with a second factor.
MFA_REQUIRED_ROLES = frozenset(
    r for r, perms in ROLE_PERMS.items() if Perm.REVEAL_IDENTITY in perms or Perm.CASES_ALL in perms
)

# Roles that can be assigned to work a case.
ASSIGNABLE_ROLES = (Role.CASEWORKER, Role.LAWYER, Role.COUNSELLOR, Role.SUPERVISOR)


def role_has(role: str | None, perm: Perm) -> bool:
    return role is not None and perm in ROLE_PERMS.get(role, frozenset())

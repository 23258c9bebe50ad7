"""The audit events of the justice app: one named creator per event code.

Services call these inside their transaction; the legal-case selector calls
the read events. Each creator decides the links of its event from the object
it is given, so no caller chooses (or forgets) whose file an event concerns:

- a read of a legal case or of an accused's identity names every victim's
  case (and survivor), one event per case, so each survivor's "who has seen
  this file" shows it;
- linking a victim names that victim's case;
- a change to a legal case or to what hangs from it (accused, charges,
  stages, hearings) concerns several survivors at once and names none: it is
  found through the object it names.
"""

from django.db.models import QuerySet

from amparo.accounts.models import User
from amparo.audit.events import Code, record, record_per_case
from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.justice.models import Accused, Charge, Hearing, LegalCase, StageEvent


def _victims(legal_case: LegalCase) -> QuerySet[Case]:
    return legal_case.victims.select_related("survivor").order_by("pk")


# Reads: one event per victim's case.


def legal_case_viewed(*, actor: User, legal_case: LegalCase) -> list[AuditEvent]:
    """A read of a legal case, naming every victim's case (and survivor) it concerns."""
    return record_per_case(
        code=Code.LEGAL_CASE_VIEWED, actor=actor, obj=legal_case, cases=_victims(legal_case)
    )


def accused_revealed(*, actor: User, accused: Accused, reason: str) -> list[AuditEvent]:
    """An accused's identity was shown: each victim of the legal case is told who saw it."""
    return record_per_case(
        code=Code.ACCUSED_REVEALED,
        actor=actor,
        obj=accused,
        cases=_victims(accused.legal_case),
        reason=reason,
    )


# The legal case itself.


def legal_case_opened(*, actor: User, legal_case: LegalCase) -> AuditEvent:
    """A legal case was opened; each victim gets its own ``legal_victim_linked``."""
    return record(code=Code.LEGAL_CASE_OPENED, actor=actor, obj=legal_case)


def legal_victim_linked(*, actor: User, legal_case: LegalCase, case: Case) -> AuditEvent:
    """A survivor's case became a victim of the legal case: that case (and survivor) is named."""
    return record(code=Code.LEGAL_VICTIM_LINKED, actor=actor, obj=legal_case, case=case)


def legal_lawyer_assigned(*, actor: User, legal_case: LegalCase) -> AuditEvent:
    return record(code=Code.LEGAL_LAWYER_ASSIGNED, actor=actor, obj=legal_case)


def legal_case_closed(
    *, actor: User, legal_case: LegalCase, changed_fields: list[str]
) -> AuditEvent:
    return record(
        code=Code.LEGAL_CASE_CLOSED, actor=actor, obj=legal_case, changed_fields=changed_fields
    )


# The accused and their charges.


def accused_added(*, actor: User, accused: Accused) -> AuditEvent:
    return record(code=Code.ACCUSED_ADDED, actor=actor, obj=accused)


def accused_updated(*, actor: User, accused: Accused, changed_fields: list[str]) -> AuditEvent:
    return record(
        code=Code.ACCUSED_UPDATED, actor=actor, obj=accused, changed_fields=changed_fields
    )


def charge_added(*, actor: User, charge: Charge) -> AuditEvent:
    return record(code=Code.CHARGE_ADDED, actor=actor, obj=charge)


def verdict_recorded(*, actor: User, charge: Charge) -> AuditEvent:
    return record(code=Code.VERDICT_RECORDED, actor=actor, obj=charge)


def sentence_recorded(*, actor: User, charge: Charge) -> AuditEvent:
    return record(code=Code.SENTENCE_RECORDED, actor=actor, obj=charge)


# Stages and hearings.


def stage_recorded(*, actor: User, stage_event: StageEvent) -> AuditEvent:
    return record(code=Code.STAGE_RECORDED, actor=actor, obj=stage_event)


def stage_corrected(*, actor: User, stage_event: StageEvent, reason: str) -> AuditEvent:
    """``stage_event`` is the new event; the reason says why the old date was wrong."""
    return record(code=Code.STAGE_CORRECTED, actor=actor, obj=stage_event, reason=reason)


def hearing_scheduled(*, actor: User, hearing: Hearing) -> AuditEvent:
    return record(code=Code.HEARING_SCHEDULED, actor=actor, obj=hearing)


def hearing_recorded(*, actor: User, hearing: Hearing, changed_fields: list[str]) -> AuditEvent:
    return record(
        code=Code.HEARING_RECORDED, actor=actor, obj=hearing, changed_fields=changed_fields
    )


def hearing_reminded(*, hearing: Hearing) -> AuditEvent:
    """The reminder job emailed the hearing's lawyers: no person acted."""
    return record(code=Code.HEARING_REMINDED, actor=None, obj=hearing)


# Aggregates.

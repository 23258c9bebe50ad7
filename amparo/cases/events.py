"""The audit events of cases, one named creator per event code.

Each creator takes the object the event is about and links its case (and so
the case's survivor) itself: no caller can leave an event out of the
survivor's "who has seen or changed this file".
"""

from collections.abc import Iterable

from amparo.accounts.models import Organisation, User
from amparo.audit.events import Code, record, record_per_case
from amparo.audit.models import AuditEvent
from amparo.cases.models import (
    Case,
    CaseAssignment,
    CaseFlag,
    CaseNote,
    ClosureRequest,
    Incident,
    IntakeDraft,
    RescueOperation,
)


def case_opened(*, actor: User, case: Case) -> AuditEvent:
    """A case was opened (at intake)."""
    return record(code=Code.CASE_OPENED, actor=actor, obj=case, case=case)


def case_viewed(*, actor: User, case: Case) -> AuditEvent:
    """The case file was opened: a read of the survivor's file."""
    return record(code=Code.CASE_VIEWED, actor=actor, obj=case, case=case)


def audit_trail_viewed(*, actor: User, case: Case) -> AuditEvent:
    """Reading who has seen a file is itself a read of that survivor's file."""
    return record(code=Code.AUDIT_TRAIL_VIEWED, actor=actor, obj=case, case=case)


def caseload_searched_by_name(
    *, actor: User, organisation: Organisation, found: Iterable[Case]
) -> list[AuditEvent]:
    """A search by legal name ties that name to each case it found: each is named."""
    return record_per_case(
        code=Code.CASELOAD_SEARCHED_BY_NAME, actor=actor, obj=organisation, cases=found
    )


def case_updated(*, actor: User, case: Case, changed_fields: list[str]) -> AuditEvent:
    """The case's status or risk level changed; names the fields."""
    return record(
        code=Code.CASE_UPDATED, actor=actor, obj=case, case=case, changed_fields=changed_fields
    )


def case_closed(*, actor: User, case: Case, changed_fields: list[str]) -> AuditEvent:
    """The case closed with its closure rule met, or for a reason that never needs it."""
    return record(
        code=Code.CASE_CLOSED, actor=actor, obj=case, case=case, changed_fields=changed_fields
    )


def case_closure_overridden(
    *, actor: User, case: Case, reason: str, changed_fields: list[str]
) -> AuditEvent:
    """The case closed before its closure rule was met, with the supervisor's reason."""
    return record(
        code=Code.CASE_CLOSURE_OVERRIDDEN,
        actor=actor,
        obj=case,
        case=case,
        reason=reason,
        changed_fields=changed_fields,
    )


def closure_requested(*, actor: User, request: ClosureRequest) -> AuditEvent:
    """A worker asked a supervisor to close the case before its closure rule is met."""
    return _about_case(Code.CLOSURE_REQUESTED, actor=actor, obj=request)


def closure_request_approved(*, actor: User, request: ClosureRequest) -> AuditEvent:
    """A supervisor approved a closure request; the close itself is its own event."""
    return _about_case(Code.CLOSURE_REQUEST_APPROVED, actor=actor, obj=request)


def closure_request_declined(*, actor: User, request: ClosureRequest) -> AuditEvent:
    """A supervisor declined a closure request; the event never holds the note."""
    return _about_case(Code.CLOSURE_REQUEST_DECLINED, actor=actor, obj=request)


def case_assigned(*, actor: User, assignment: CaseAssignment) -> AuditEvent:
    """Someone was assigned to the case."""
    return _about_case(Code.CASE_ASSIGNED, actor=actor, obj=assignment)


def case_unassigned(*, actor: User, assignment: CaseAssignment) -> AuditEvent:
    """An assignment to the case ended."""
    return _about_case(Code.CASE_UNASSIGNED, actor=actor, obj=assignment)


def case_flag_raised(*, actor: User, flag: CaseFlag) -> AuditEvent:
    """A flag was raised on the case."""
    return _about_case(Code.CASE_FLAG_RAISED, actor=actor, obj=flag)


def case_flag_resolved(*, actor: User, flag: CaseFlag) -> AuditEvent:
    """A flag on the case was resolved."""
    return _about_case(Code.CASE_FLAG_RESOLVED, actor=actor, obj=flag)


def incident_recorded(*, actor: User, incident: Incident) -> AuditEvent:
    """An incident was recorded on the case (at intake or later)."""
    return _about_case(Code.INCIDENT_RECORDED, actor=actor, obj=incident)


def incident_updated(*, actor: User, incident: Incident, changed_fields: list[str]) -> AuditEvent:
    """An incident changed; names the fields."""
    return _about_case(
        Code.INCIDENT_UPDATED, actor=actor, obj=incident, changed_fields=changed_fields
    )


def incident_age_rederived(
    *, actor: User, incident: Incident, changed_fields: list[str], cause: str
) -> AuditEvent:
    """The survivor's age at the incident and what follows from it were worked out again
    because ``cause`` (the name of a field: ``date_of_birth``, ``birth_year``) changed;
    names the incident's changed fields, never a date of birth nor an age."""
    return record(
        code=Code.INCIDENT_AGE_REDERIVED,
        actor=actor,
        obj=incident,
        case=incident.case,
        changed_fields=changed_fields,
        reason=cause,
    )


def note_added(*, actor: User, note: CaseNote) -> AuditEvent:
    """A note was added to the case; the event never holds its text."""
    return _about_case(Code.NOTE_ADDED, actor=actor, obj=note)


def rescue_recorded(*, actor: User, operation: RescueOperation) -> AuditEvent:
    """A rescue operation was recorded; it concerns no single survivor yet."""
    return record(code=Code.RESCUE_RECORDED, actor=actor, obj=operation)


def _about_case(
    code: Code,
    *,
    actor: User,
    obj: CaseAssignment | CaseFlag | CaseNote | ClosureRequest | Incident,
    changed_fields: list[str] | None = None,
) -> AuditEvent:
    # Every one of these objects belongs to one case: its case (and survivor) is the link.
    return record(code=code, actor=actor, obj=obj, case=obj.case, changed_fields=changed_fields)


def intake_draft_saved(*, actor: User, draft: IntakeDraft, step: str) -> AuditEvent:
    """A step of an intake in progress was kept (no case yet: the draft is named)."""
    return record(code=Code.INTAKE_DRAFT_SAVED, actor=actor, obj=draft, reason=step)


def intake_draft_opened(*, actor: User, draft: IntakeDraft) -> AuditEvent:
    """Someone other than its author opened an intake in progress, and so read its answers."""
    return record(code=Code.INTAKE_DRAFT_OPENED, actor=actor, obj=draft)


def intake_draft_discarded(*, actor: User, draft: IntakeDraft) -> AuditEvent:
    """An intake in progress was set aside; it is kept, never deleted."""
    return record(code=Code.INTAKE_DRAFT_DISCARDED, actor=actor, obj=draft)


def intake_draft_purged(*, draft: IntakeDraft) -> AuditEvent:
    """The retention job erased a draft's answers; the event names the draft, nothing it held."""
    return record(code=Code.INTAKE_DRAFT_PURGED, actor=None, obj=draft, reason="retention")

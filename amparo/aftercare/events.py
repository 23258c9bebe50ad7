"""Audit events of restoration (aftercare): one named creator per event code.

Each creator takes the record it is about and links the event to that record's
case, and so to its survivor, itself: no caller passes a case, so none can file
an event under the wrong case or forget whose file it concerns. Services call
these inside their transaction, after the write they record. The primitive is
looked up on its module at each call (``audit.record``), so a test that makes
the audit store fail reaches every creator.
"""

from amparo.accounts.models import User
from amparo.aftercare.models import (
    Assessment,
    CarePlan,
    CounsellingSession,
    Facility,
    FamilyAssessment,
    FollowUp,
    Instrument,
    Placement,
    Reintegration,
    Service,
    Task,
)
from amparo.audit import events as audit
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent


def facility_created(*, actor: User, facility: Facility) -> AuditEvent:
    """A facility of the organisation: it concerns no survivor, so it names no case."""
    return audit.record(code=Code.FACILITY_CREATED, actor=actor, obj=facility)


def placement_started(*, actor: User, placement: Placement) -> AuditEvent:
    return audit.record(
        code=Code.PLACEMENT_STARTED, actor=actor, obj=placement, case=placement.case
    )


def placement_ended(*, actor: User, placement: Placement, changed_fields: list[str]) -> AuditEvent:
    return audit.record(
        code=Code.PLACEMENT_ENDED,
        actor=actor,
        obj=placement,
        case=placement.case,
        changed_fields=changed_fields,
    )


def care_plan_drafted(*, actor: User, plan: CarePlan) -> AuditEvent:
    return audit.record(code=Code.CARE_PLAN_DRAFTED, actor=actor, obj=plan, case=plan.case)


def care_plan_submitted(*, actor: User, plan: CarePlan) -> AuditEvent:
    return audit.record(code=Code.CARE_PLAN_SUBMITTED, actor=actor, obj=plan, case=plan.case)


def care_plan_approved(*, actor: User, plan: CarePlan) -> AuditEvent:
    return audit.record(code=Code.CARE_PLAN_APPROVED, actor=actor, obj=plan, case=plan.case)


def care_plan_reviewed(*, actor: User, plan: CarePlan) -> AuditEvent:
    return audit.record(code=Code.CARE_PLAN_REVIEWED, actor=actor, obj=plan, case=plan.case)


def service_recorded(*, actor: User, service: Service) -> AuditEvent:
    return audit.record(code=Code.SERVICE_RECORDED, actor=actor, obj=service, case=service.case)


def counselling_recorded(*, actor: User, session: CounsellingSession) -> AuditEvent:
    return audit.record(code=Code.COUNSELLING_RECORDED, actor=actor, obj=session, case=session.case)


def assessment_recorded(*, actor: User, assessment: Assessment) -> AuditEvent:
    return audit.record(
        code=Code.ASSESSMENT_RECORDED, actor=actor, obj=assessment, case=assessment.case
    )


def instrument_loaded(*, actor: User, instrument: Instrument) -> AuditEvent:
    """An organisation's own instrument: reference data, so it names no case."""
    return audit.record(code=Code.INSTRUMENT_LOADED, actor=actor, obj=instrument)


def family_assessment_recorded(*, actor: User, assessment: FamilyAssessment) -> AuditEvent:
    return audit.record(
        code=Code.FAMILY_ASSESSMENT_RECORDED, actor=actor, obj=assessment, case=assessment.case
    )


def family_assessment_approved(*, actor: User, assessment: FamilyAssessment) -> AuditEvent:
    return audit.record(
        code=Code.FAMILY_ASSESSMENT_APPROVED, actor=actor, obj=assessment, case=assessment.case
    )


def reintegration_proposed(*, actor: User, reintegration: Reintegration) -> AuditEvent:
    return audit.record(
        code=Code.REINTEGRATION_PROPOSED,
        actor=actor,
        obj=reintegration,
        case=reintegration.case,
    )


def reintegration_decided(
    *, actor: User, reintegration: Reintegration, changed_fields: list[str]
) -> AuditEvent:
    return audit.record(
        code=Code.REINTEGRATION_DECIDED,
        actor=actor,
        obj=reintegration,
        case=reintegration.case,
        changed_fields=changed_fields,
    )


def reintegration_completed(*, actor: User, reintegration: Reintegration) -> AuditEvent:
    return audit.record(
        code=Code.REINTEGRATION_COMPLETED,
        actor=actor,
        obj=reintegration,
        case=reintegration.case,
    )


def follow_up_recorded(*, actor: User, follow_up: FollowUp) -> AuditEvent:
    return audit.record(
        code=Code.FOLLOW_UP_RECORDED, actor=actor, obj=follow_up, case=follow_up.case
    )


def task_created(*, actor: User | None, task: Task) -> AuditEvent:
    """``actor`` is whoever's action made the task; None when no one's did."""
    return audit.record(code=Code.TASK_CREATED, actor=actor, obj=task, case=task.case)


def task_done(*, actor: User, task: Task) -> AuditEvent:
    return audit.record(code=Code.TASK_DONE, actor=actor, obj=task, case=task.case)


def task_handed_over(*, actor: User, task: Task) -> AuditEvent:
    """A task closed for its former assignee when its case moved to another organisation."""
    return audit.record(code=Code.TASK_HANDED_OVER, actor=actor, obj=task, case=task.case)


def work_digest_sent(*, user: User) -> AuditEvent:
    """The daily digest went to ``user``. Sent by the system (no actor); it names case
    codes only, so it is about the user, not a survivor. The digest checks these events
    to send one a day."""
    return audit.record(code=Code.WORK_DIGEST_SENT, actor=None, obj=user)

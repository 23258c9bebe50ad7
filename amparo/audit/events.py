"""The audit primitives and the event codes; small named creators live in each app.

Each app has an ``events.py`` with one named creator per event code it owns
(``amparo.cases.events.case_opened(...)``): the creator fills the case and
survivor links for its object, so no event can forget whose file it
concerns. Those creators, and nothing else, call ``record`` and
``record_per_case`` here. Codes are stable: reports and the "who has seen this
file" view depend on them.

Audit sits below every app whose objects it records, so this module imports
none of them: records are typed as ``models.Model`` and linked by id.
"""

from collections.abc import Iterable
from typing import Any, Protocol

from django.db import models

from amparo.audit.context import current_origin
from amparo.audit.models import AuditEvent


class Actor(Protocol):
    """The user an event is about (``accounts.User``, which audit may not import)."""

    @property
    def pk(self) -> Any: ...

    @property
    def active_membership(self) -> Any: ...


class Code(models.TextChoices):
    SURVIVOR_REGISTERED = "survivor.registered"
    SURVIVOR_UPDATED = "survivor.updated"
    SURVIVOR_AGE_BAND_REFRESHED = "survivor.age_band_refreshed"
    IDENTITY_REVEALED = "identity.revealed"
    IDENTITY_UPDATED = "identity.updated"
    FAMILY_MEMBER_ADDED = "family.added"
    CONSENT_GRANTED = "consent.granted"
    CONSENT_WITHDRAWN = "consent.withdrawn"
    CASE_OPENED = "case.opened"
    CASE_VIEWED = "case.viewed"
    AUDIT_TRAIL_VIEWED = "audit.viewed"
    CASE_UPDATED = "case.updated"
    CASE_CLOSED = "case.closed"
    CASE_ASSIGNED = "case.assigned"
    CASE_UNASSIGNED = "case.unassigned"
    CASE_FLAG_RAISED = "case.flag_raised"
    CASE_FLAG_RESOLVED = "case.flag_resolved"
    CASELOAD_SEARCHED_BY_NAME = "caseload.name_search"
    INCIDENT_RECORDED = "incident.recorded"
    INCIDENT_UPDATED = "incident.updated"
    INCIDENT_AGE_REDERIVED = "incident.age_rederived"
    NOTE_ADDED = "note.added"
    RESCUE_RECORDED = "rescue.recorded"
    INTAKE_DRAFT_SAVED = "intake.draft_saved"
    INTAKE_DRAFT_OPENED = "intake.draft_opened"
    INTAKE_DRAFT_DISCARDED = "intake.draft_discarded"
    INTAKE_DRAFT_PURGED = "intake.draft_purged"
    DUPLICATE_CHECKED = "survivor.duplicate_check"
    API_TOKEN_ISSUED = "token.issued"
    API_TOKEN_REVOKED = "token.revoked"
    MEMBER_INVITED = "member.invited"
    MEMBER_ROLE_CHANGED = "member.role_changed"
    MEMBER_DEACTIVATED = "member.deactivated"
    MEMBER_REACTIVATED = "member.reactivated"
    MEMBER_MFA_RESET = "member.mfa_reset"
    MEMBER_INVITATION_RESENT = "member.invitation_resent"
    USER_LANGUAGE_SET = "user.language_set"
    KEYS_ROTATED = "keys.rotated"
    AUDIT_PARTITION_CREATED = "audit.partition_created"
    AUDIT_PARTITION_ARCHIVED = "audit.partition_archived"
    LEGAL_CASE_OPENED = "legal.opened"
    LEGAL_CASE_VIEWED = "legal.viewed"
    LEGAL_CASE_CLOSED = "legal.closed"
    LEGAL_VICTIM_LINKED = "legal.victim_linked"
    LEGAL_LAWYER_ASSIGNED = "legal.lawyer_assigned"
    ACCUSED_ADDED = "accused.added"
    ACCUSED_UPDATED = "accused.updated"
    ACCUSED_REVEALED = "accused.revealed"
    CHARGE_ADDED = "charge.added"
    STAGE_RECORDED = "stage.recorded"
    STAGE_CORRECTED = "stage.corrected"
    VERDICT_RECORDED = "verdict.recorded"
    SENTENCE_RECORDED = "sentence.recorded"
    HEARING_SCHEDULED = "hearing.scheduled"
    HEARING_RECORDED = "hearing.recorded"
    HEARING_REMINDED = "hearing.reminded"
    INDICATORS_EXPORTED = "indicators.exported"
    FACILITY_CREATED = "facility.created"
    PLACEMENT_STARTED = "placement.started"
    PLACEMENT_ENDED = "placement.ended"
    CARE_PLAN_DRAFTED = "care_plan.drafted"
    CARE_PLAN_SUBMITTED = "care_plan.submitted"
    CARE_PLAN_APPROVED = "care_plan.approved"
    CARE_PLAN_REVIEWED = "care_plan.reviewed"
    SERVICE_RECORDED = "service.recorded"
    COUNSELLING_RECORDED = "counselling.recorded"
    ASSESSMENT_RECORDED = "assessment.recorded"
    INSTRUMENT_LOADED = "instrument.loaded"
    FAMILY_ASSESSMENT_RECORDED = "family_assessment.recorded"
    FAMILY_ASSESSMENT_APPROVED = "family_assessment.approved"
    REINTEGRATION_PROPOSED = "reintegration.proposed"
    REINTEGRATION_DECIDED = "reintegration.decided"
    REINTEGRATION_COMPLETED = "reintegration.completed"
    FOLLOW_UP_RECORDED = "follow_up.recorded"
    TASK_CREATED = "task.created"
    TASK_DONE = "task.done"
    TASK_HANDED_OVER = "task.handed_over"
    WORK_DIGEST_SENT = "work.digest_sent"
    CASE_CLOSURE_OVERRIDDEN = "case.closure_override"
    CLOSURE_REQUESTED = "case.closure_requested"
    CLOSURE_REQUEST_APPROVED = "case.closure_approved"
    CLOSURE_REQUEST_DECLINED = "case.closure_declined"
    AGREEMENT_RECORDED = "agreement.recorded"
    AGREEMENT_ENDED = "agreement.ended"
    REFERRAL_SENT = "referral.sent"
    REFERRAL_ACCEPTED = "referral.accepted"
    REFERRAL_DECLINED = "referral.declined"
    REFERRAL_REVOKED = "referral.revoked"
    REFERRAL_ENDED = "referral.ended"
    REFERRAL_COMPLETED = "referral.completed"
    REFERRAL_VIEWED = "referral.viewed"
    REFERRAL_OPENED = "referral.opened"
    TRANSFER_OPENED = "transfer.opened"
    TRANSFER_REQUESTED = "transfer.requested"
    TRANSFER_ACCEPTED = "transfer.accepted"
    TRANSFER_DECLINED = "transfer.declined"
    TRANSFER_CANCELLED = "transfer.cancelled"
    PROGRAMME_SAVED = "programme.saved"
    PROGRAMME_ARCHIVED = "programme.archived"
    GOAL_SAVED = "goal.saved"
    GOAL_ARCHIVED = "goal.archived"
    MEASUREMENT_RECORDED = "measurement.recorded"
    MEASUREMENT_CORRECTED = "measurement.corrected"
    MEASUREMENTS_CHECKED = "measurements.checked"
    MEASUREMENTS_IMPORTED = "measurements.imported"
    RELEASE_DRAFTED = "release.drafted"
    RELEASE_PUBLISHED = "release.published"
    RELEASE_DISCARDED = "release.discarded"
    IMPORT_CHECKED = "import.checked"
    IMPORT_CONFIRMED = "import.confirmed"
    IMPORT_FINISHED = "import.finished"
    RECORD_IMPORTED = "record.imported"
    RECORDS_EXPORTED = "records.exported"


# Reads of a survivor's file: "who has seen this file" marks these as views.
READ_CODES = (
    Code.CASE_VIEWED,
    Code.IDENTITY_REVEALED,
    Code.REFERRAL_VIEWED,
    Code.REFERRAL_OPENED,
    Code.TRANSFER_OPENED,
    Code.LEGAL_CASE_VIEWED,
    Code.ACCUSED_REVEALED,
    Code.AUDIT_TRAIL_VIEWED,
)


def record(
    *,
    code: Code,
    actor: Actor | None,
    obj: models.Model,
    case: models.Model | None = None,
    survivor: models.Model | None = None,
    reason: str = "",
    changed_fields: list[str] | None = None,
) -> AuditEvent:
    """Write one event about ``obj``, linked to ``case`` and its survivor (or ``survivor``).

    Called only from the named creators in the apps' ``events.py`` modules.
    The actor's organisation and the request's origin are filled in here, so
    no creator can leave them out.
    """
    event = _unsaved(
        code=code,
        actor=actor,
        obj=obj,
        case=case,
        survivor=survivor,
        reason=reason,
        changed_fields=changed_fields,
    )
    event.save()
    return event


def _unsaved(
    *,
    code: Code,
    actor: Actor | None,
    obj: models.Model,
    case: models.Model | None = None,
    survivor: models.Model | None = None,
    reason: str = "",
    changed_fields: list[str] | None = None,
) -> AuditEvent:
    membership = actor.active_membership if actor is not None else None
    origin = current_origin()
    return AuditEvent(
        code=code,
        actor_id=actor.pk if actor is not None else None,
        organisation_id=membership.organisation_id if membership else None,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        case_id=case.pk if case is not None else None,
        survivor_id=survivor.pk if survivor is not None else getattr(case, "survivor_id", None),
        ip=origin.ip,
        user_agent=origin.user_agent,
        reason=reason,
        changed_fields=sorted(changed_fields or []),
    )


def record_per_case(
    *,
    code: Code,
    actor: Actor,
    obj: models.Model,
    cases: Iterable[models.Model],
    reason: str = "",
) -> list[AuditEvent]:
    """One event per case, so each survivor's trail shows the read.

    An event links one case and one survivor, which keeps "who has seen this
    file" a single indexed query; a read that showed no case (a legal case
    with no victim yet, a search that found nobody) still leaves one event.
    """
    named = list(cases)
    if not named:
        return [record(code=code, actor=actor, obj=obj, reason=reason)]
    # One INSERT however many cases: a name search may find many.
    return AuditEvent.objects.bulk_create(
        [_unsaved(code=code, actor=actor, obj=obj, case=case, reason=reason) for case in named]
    )


def keys_rotated(*, actor: Actor | None, columns: list[str]) -> AuditEvent:
    """Record that stored values were re-encrypted under the primary key.

    The rotation concerns no single record, so the event names the columns it
    rewrote (``table.column``), never any value.
    """
    origin = current_origin()
    return AuditEvent.objects.create(
        code=Code.KEYS_ROTATED,
        actor_id=actor.pk if actor is not None else None,
        object_type="core.encryptionkeys",
        object_id="primary",
        ip=origin.ip,
        user_agent=origin.user_agent,
        changed_fields=sorted(columns),
    )


def audit_partition_created(*, partition: str) -> AuditEvent:
    """Record that a month's partition of the trail was made (by the daily job; no actor)."""
    return _audit_partition(Code.AUDIT_PARTITION_CREATED, partition)


def audit_partition_archived(*, partition: str) -> AuditEvent:
    """Record that an old month was detached into the archive schema (``schema.table``)."""
    return _audit_partition(Code.AUDIT_PARTITION_ARCHIVED, partition)


def _audit_partition(code: Code, partition: str) -> AuditEvent:
    origin = current_origin()
    return AuditEvent.objects.create(
        code=code,
        object_type="audit.partition",
        object_id=partition,
        ip=origin.ip,
        user_agent=origin.user_agent,
    )

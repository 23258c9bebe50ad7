"""A case after intake: its details, closure, assignments and flags."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import Membership, User
from amparo.accounts.roles import ASSIGNABLE_ROLES, Perm
from amparo.cases import events, vocab
from amparo.cases.extensions import case_assigned, closure_check_for
from amparo.cases.models import Case, CaseAssignment, CaseFlag
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.validation import Errors


def _assign(*, actor: User, case: Case, user: User, role: str) -> CaseAssignment:
    assignment = CaseAssignment.objects.create(case=case, user=user, role=role, assigned_by=actor)
    events.case_assigned(actor=actor, assignment=assignment)
    if user.pk != actor.pk:
        for hook in case_assigned:
            hook(assignment)
    return assignment


@transaction.atomic
def case_update(
    *, actor: User, case: Case, expected_version: int, risk_level: str, status: str
) -> Case:
    """Change an open case's risk level or open status (active / follow-up).

    Needs EDIT_CASE (``Denied``). Refuses unknown values, a closed case (closing
    is ``case_close``) and a stale version, writing nothing; the case is locked
    first, and ``case.updated`` names the changed fields.
    """
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    errors.choice("risk_level", risk_level, vocab.RiskLevel)
    if status not in vocab.OPEN_STATUSES:
        errors.add("status", _("Choose active or follow-up; close a case with 'Close case'."))
    errors.raise_if_any()
    locked = Case.objects.select_for_update().get(pk=case.pk)
    if locked.status not in vocab.OPEN_STATUSES:
        errors.add("status", _("This case is closed."))
        errors.raise_if_any()
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={"risk_level": risk_level, "status": status},
    )
    events.case_updated(actor=actor, case=locked, changed_fields=changed)
    return locked


@transaction.atomic
def case_follows_from(
    *, actor: User, case: Case, status: str | None = None, risk_level: str | None = None
) -> Case:
    """Apply a change to an open case that another service's outcome decides.

    Restoration moves a reintegrated case from active to follow-up, and a
    follow-up visit that found risks raises its risk to high: the services of
    cases write the case, so its version, ``updated_at`` and audit trail say
    so. The case is locked and re-read first; a closed case, or a change it
    already has, writes nothing. Only the given fields change; ``status``
    moves only an active case to follow-up. No expected version: the change
    follows from a write the caller has just made under its own lock, not from
    a form the user saw. Writes ``case.updated`` naming what changed.
    """
    locked = Case.objects.select_for_update().get(pk=case.pk)
    changes: dict[str, object] = {}
    if locked.status not in vocab.OPEN_STATUSES:
        return locked
    if status is not None and locked.status == vocab.CaseStatus.ACTIVE and status != locked.status:
        changes["status"] = status
    if risk_level is not None and risk_level != locked.risk_level:
        changes["risk_level"] = risk_level
    if changes:
        changed = apply_changes(locked, expected_version=locked.version, changes=changes)
        events.case_updated(actor=actor, case=locked, changed_fields=changed)
    return locked


@transaction.atomic
def case_close(
    *,
    actor: User,
    case: Case,
    expected_version: int,
    reason: str,
    closed_on: datetime.date | None = None,
    override_reason: str = "",
) -> Case:
    """Close a case. Closed cases are kept, never deleted.

    A case closes when the closure checks are met (restoration: the survivor
    is restored); otherwise only a supervisor (or admin) may close it, with an
    override reason that is audited as ``case.closure_override``. A closure
    for one of ``REASONS_WITHOUT_RESTORATION`` (the survivor chose to end
    services, died, or the record is a duplicate) never needs the checks:
    whoever may close a case may close it so, no override reason is asked (one
    given is not recorded), and it is audited as ``case.closed``.
    """
    # Locked first: the closure rule is read from assessments that are written
    # under this same lock, and a second close waits here, then sees it closed.
    locked = Case.objects.select_for_update().get(pk=case.pk)
    day = closed_on or timezone.localdate()
    errors = Errors()
    errors.choice("closure_reason", reason, vocab.ClosureReason)
    if errors.past_date("closed_on", day) and day < locked.opened_on:
        errors.add("closed_on", _("A case cannot close before it opened."))
    rule = closure_check_for(locked) if vocab.closure_needs_restoration(reason) else None
    overriding = rule is not None and not rule.met
    override_reason = override_reason.strip()
    if rule is not None and overriding:
        if not actor.has_amparo_perm(Perm.ASSIGN):
            errors.add(
                "closure_reason",
                _("The closure rule is not met (%(why)s). Only a supervisor can close this case.")
                % {"why": " ".join(rule.reasons)},
            )
        elif len(override_reason) < 5:
            errors.add(
                "override_reason",
                _("The closure rule is not met (%(why)s). Give the reason for closing anyway.")
                % {"why": " ".join(rule.reasons)},
            )
    errors.raise_if_any()
    if locked.status not in vocab.OPEN_STATUSES:
        errors.add("status", _("This case is already closed."))
        errors.raise_if_any()
    status = vocab.closed_status(reason)
    changed = apply_changes(
        locked,
        expected_version=expected_version,
        changes={"status": status, "closed_on": day, "closure_reason": reason},
    )
    if not overriding:
        events.case_closed(actor=actor, case=locked, changed_fields=changed)
    else:
        events.case_closure_overridden(
            actor=actor, case=locked, reason=override_reason, changed_fields=changed
        )
    return locked


@transaction.atomic
def case_assign(
    *, actor: User, case: Case, user_id: int, role: str | None = None
) -> CaseAssignment:
    """Assign a worker of the case's organisation; their caseload then includes it.

    Needs ASSIGN (``Denied``). Only an active caseworker, lawyer, counsellor
    or supervisor of the case's organisation, and never twice at once (also a
    database constraint: two assigning at once make one assignment). Under
    the case's lock; writes ``case.assigned``.
    """
    perm_required(actor, Perm.ASSIGN)
    Case.objects.select_for_update().get(pk=case.pk)
    errors = Errors()
    membership = (
        Membership.objects.filter(
            user_id=user_id,
            organisation=case.organisation,
            is_active=True,
            role__in=ASSIGNABLE_ROLES,
        )
        .select_related("user")
        .first()
    )
    if membership is None:
        raise ValidationError(
            {
                "user": [
                    _("Choose a caseworker, lawyer, counsellor or supervisor of this organisation.")
                ]
            }
        )
    if CaseAssignment.objects.filter(case=case, user_id=user_id, ended_at__isnull=True).exists():
        errors.add("user", _("This person is already assigned to the case."))
    errors.raise_if_any()
    with duplicate_refused(
        constraint="uniq_active_assignment",
        field="user",
        message=_("This person is already assigned to the case."),
    ):
        return _assign(actor=actor, case=case, user=membership.user, role=role or membership.role)


@transaction.atomic
def case_unassign(*, actor: User, case: Case, assignment_id: int) -> CaseAssignment:
    """End a current assignment on ``case``; the row is kept as history.

    Needs ASSIGN (``Denied``); an assignment that is not current on this case
    is not found. Writes ``case.unassigned``.
    """
    perm_required(actor, Perm.ASSIGN)
    assignment = CaseAssignment.objects.select_for_update().get(
        pk=assignment_id, case=case, ended_at__isnull=True
    )
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at"])
    events.case_unassigned(actor=actor, assignment=assignment)
    return assignment


@transaction.atomic
def case_flag_raise(*, actor: User, case: Case, kind: str, note: str = "") -> CaseFlag:
    """Raise a flag of a known kind on ``case``. Needs EDIT_CASE; writes ``case.flag_raised``."""
    perm_required(actor, Perm.EDIT_CASE)
    errors = Errors()
    errors.choice("kind", kind, vocab.FlagKind)
    errors.raise_if_any()
    flag = CaseFlag.objects.create(case=case, kind=kind, note=note, raised_by=actor)
    events.case_flag_raised(actor=actor, flag=flag)
    return flag


@transaction.atomic
def case_flag_resolve(*, actor: User, case: Case, flag_id: int) -> CaseFlag:
    """Resolve a flag of ``case`` once: resolving it again changes and records nothing.

    Needs EDIT_CASE (``Denied``); the flag is locked, so two at once record one
    ``case.flag_resolved``.
    """
    perm_required(actor, Perm.EDIT_CASE)
    flag = CaseFlag.objects.select_for_update().get(pk=flag_id, case=case)
    if flag.resolved_at is None:
        flag.resolved_at, flag.resolved_by = timezone.now(), actor
        flag.save(update_fields=["resolved_at", "resolved_by"])
        events.case_flag_resolved(actor=actor, flag=flag)
    return flag

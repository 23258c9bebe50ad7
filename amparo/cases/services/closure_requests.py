"""Closing a case before its rule is met, asked by a caseworker and decided by a supervisor.

A caseworker may not override the closure rule (``case_close``); instead they
ask, with a justification, and a supervisor of the organisation approves (the
case closes as the supervisor's override, with that justification as its
reason) or declines with a note. Every step is audited, and the requester
and the supervisors hear of it through the ``closure_requested`` and
``closure_request_decided`` extension points.
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases import events, vocab
from amparo.cases.extensions import closure_check_for, closure_request_decided, closure_requested
from amparo.cases.models import Case, ClosureRequest
from amparo.cases.services.lifecycle import case_close
from amparo.core.concurrency import ConflictError, duplicate_refused
from amparo.core.validation import Errors

MIN_TEXT = 5
MAX_TEXT = 2000


def _already_asked() -> str:
    return _("A closure request for this case is already waiting for a supervisor.")


@transaction.atomic
def closure_request_create(
    *,
    actor: User,
    case: Case,
    reason: str,
    justification: str,
    closed_on: datetime.date | None = None,
) -> ClosureRequest:
    """Ask a supervisor to close ``case`` although its closure rule is not met.

    Needs EDIT_CASE (``Denied``). Refuses, writing nothing: an unknown reason;
    a day in the future or before the case opened; a justification shorter
    than five characters; a closed case; a closure that needs no supervisor
    (the rule is met, or the reason never needs it: close it yourself); and a
    second request while one waits (also a database constraint). Under the
    case's lock, re-read after locking. Writes ``case.closure_requested`` and
    tells the organisation's supervisors.
    """
    perm_required(actor, Perm.EDIT_CASE)
    locked = Case.objects.select_for_update().get(pk=case.pk)
    day = closed_on or timezone.localdate()
    justification = justification.strip()
    errors = Errors()
    errors.choice("closure_reason", reason, vocab.ClosureReason)
    if errors.past_date("closed_on", day) and day < locked.opened_on:
        errors.add("closed_on", _("A case cannot close before it opened."))
    if not MIN_TEXT <= len(justification) <= MAX_TEXT:
        errors.add(
            "justification",
            _("Say in %(min)d to %(max)d characters why the case should close now.")
            % {"min": MIN_TEXT, "max": MAX_TEXT},
        )
    if locked.status not in vocab.OPEN_STATUSES:
        errors.add("status", _("This case is already closed."))
    elif reason in vocab.ClosureReason.values and (
        not vocab.closure_needs_restoration(reason) or closure_check_for(locked).met
    ):
        errors.add(
            "closure_reason",
            _("This closure needs no supervisor's approval: close the case yourself."),
        )
    if ClosureRequest.objects.filter(
        case=locked, status=vocab.ClosureRequestStatus.PENDING
    ).exists():
        errors.add("status", _already_asked())
    errors.raise_if_any()
    with duplicate_refused(
        constraint="uniq_pending_closure_request", field="status", message=_already_asked()
    ):
        request = ClosureRequest.objects.create(
            case=locked,
            requested_by=actor,
            reason=reason,
            closed_on=day,
            justification=justification,
        )
    events.closure_requested(actor=actor, request=request)
    for hook in closure_requested:
        hook(request)
    return request


def _lock_pending(closure_request: ClosureRequest) -> tuple[Case, ClosureRequest]:
    # The case first, as every closing takes it; then the request, re-read under
    # that lock: a second decision waits here and then finds it decided.
    case = Case.objects.select_for_update().get(pk=closure_request.case_id)
    locked = ClosureRequest.objects.select_for_update().get(pk=closure_request.pk)
    if not locked.is_pending:
        raise ConflictError("status", _("This closure request has already been decided."))
    return case, locked


def _decide(*, actor: User, request: ClosureRequest, status: str, note: str) -> None:
    request.status = status
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = note
    request.save(
        update_fields=["status", "decided_by", "decided_at", "decision_note", "updated_at"]
    )


@transaction.atomic
def closure_request_approve(
    *, actor: User, closure_request: ClosureRequest, note: str = ""
) -> ClosureRequest:
    """Approve a waiting closure request: the case closes, in the same transaction.

    Needs ASSIGN (``Denied``). Under the case's lock, the request is re-read:
    one already decided is a ``ConflictError`` and nothing is written, so of
    two supervisors approving at once one closes the case and the other is
    told. The case closes through ``case_close`` with the request's reason and
    day, as the approver's override with the requester's justification as its
    reason (``case.closure_override``; ``case.closed`` if the rule has been met
    since); a refusal there (the case closed meanwhile) leaves the request
    waiting, for a decline. Writes ``case.closure_approved`` and tells the
    requester.
    """
    perm_required(actor, Perm.ASSIGN)
    case, locked = _lock_pending(closure_request)
    case_close(
        actor=actor,
        case=case,
        expected_version=case.version,
        reason=locked.reason,
        closed_on=locked.closed_on,
        override_reason=locked.justification,
    )
    _decide(
        actor=actor,
        request=locked,
        status=vocab.ClosureRequestStatus.APPROVED,
        note=note.strip()[:MAX_TEXT],
    )
    events.closure_request_approved(actor=actor, request=locked)
    for hook in closure_request_decided:
        hook(locked)
    return locked


@transaction.atomic
def closure_request_decline(
    *, actor: User, closure_request: ClosureRequest, note: str
) -> ClosureRequest:
    """Decline a waiting closure request with a note to the requester; the case stays open.

    Needs ASSIGN (``Denied``). The note is required (five characters or more).
    Under the case's lock the request is re-read: one already decided is a
    ``ConflictError``. Writes ``case.closure_declined`` (never the note) and
    tells the requester.
    """
    perm_required(actor, Perm.ASSIGN)
    note = note.strip()
    if not MIN_TEXT <= len(note) <= MAX_TEXT:
        errors = Errors()
        errors.add(
            "note",
            _("Tell the requester in %(min)d to %(max)d characters why not.")
            % {"min": MIN_TEXT, "max": MAX_TEXT},
        )
        errors.raise_if_any()
    _case, locked = _lock_pending(closure_request)
    _decide(actor=actor, request=locked, status=vocab.ClosureRequestStatus.DECLINED, note=note)
    events.closure_request_declined(actor=actor, request=locked)
    for hook in closure_request_decided:
        hook(locked)
    return locked

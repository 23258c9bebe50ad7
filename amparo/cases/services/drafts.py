"""Intakes in progress, kept on the server: the wizard's steps, quick registrations on a
rescue night, and the submit that turns a draft into a case.

A draft holds what a person typed, survivor identity included, as one
encrypted document. Its author works it, and so may whoever opens every case
of the organisation (a supervisor) — each such opening is audited, like a read.
"""

import datetime
import json
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases import events, vocab
from amparo.cases.inputs import IntakeInput
from amparo.cases.models import Case, IntakeDraft, RescueOperation
from amparo.cases.services.intake import intake_submit
from amparo.core.concurrency import refuse
from amparo.core.exceptions import Denied
from amparo.core.validation import Errors
from amparo.people.inputs import SurvivorInput
from amparo.people.services import validate_survivor

Raw = dict[str, list[str]]
STEP_NAMES = ("case", "survivor", "identity", "incident", "consent")


def draft_state(draft: IntakeDraft | None) -> dict[str, Any]:
    """The draft's answers: ``steps`` (raw form data per step) and ``prefill`` (initials)."""
    if draft is None or not draft.state:
        return {"steps": {}, "prefill": {}}
    state = json.loads(draft.state)
    state.setdefault("prefill", {})
    return state


def may_work(user: User, draft: IntakeDraft) -> bool:
    """The draft's author, or someone who opens every case of its organisation."""
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or membership.organisation_id != draft.organisation_id:
        return False
    if not user.has_amparo_perm(Perm.INTAKE):
        return False
    return draft.created_by_id == user.pk or user.has_amparo_perm(Perm.CASES_ALL)


def _lock_open(actor: User, draft: IntakeDraft) -> IntakeDraft:
    locked = IntakeDraft.objects.select_for_update().get(pk=draft.pk)
    if not may_work(actor, locked):
        raise Denied
    if locked.case_id is not None:
        refuse("draft", _("This intake was already submitted."))
    if locked.discarded_at is not None:
        refuse("draft", _("This intake was set aside."))
    if locked.purged_at is not None:
        refuse("draft", _("This intake was kept past its retention period and its answers erased."))
    return locked


def _operation(actor: User, operation_id: int | None) -> RescueOperation | None:
    if operation_id is None:
        return None
    membership = perm_required(actor, Perm.INTAKE)
    return RescueOperation.objects.filter(
        pk=operation_id, organisation_id=membership.organisation_id
    ).first()


@transaction.atomic
def intake_draft_store(
    *,
    actor: User,
    draft: IntakeDraft | None,
    step: str,
    raw: Raw,
    rescue_operation_id: int | None = None,
) -> IntakeDraft:
    """Keep one step's answers (already checked by its form), creating the draft if none.

    Needs INTAKE (``Denied``), and only on a draft the actor may work that is
    still open (locked, then checked: a draft submitted or set aside in
    another tab refuses, a conflict on ``draft``). Audited with the step's name.
    """
    membership = perm_required(actor, Perm.INTAKE)
    if step not in STEP_NAMES:
        errors = Errors()
        errors.add("step", _("Unknown intake step."))
        errors.raise_if_any()
    if draft is None:
        draft = IntakeDraft(
            organisation=membership.organisation,
            created_by=actor,
            rescue_operation=_operation(actor, rescue_operation_id),
        )
        state = draft_state(None)
    else:
        draft = _lock_open(actor, draft)
        state = draft_state(draft)
    state["steps"][step] = raw
    draft.state = json.dumps(state)
    draft.save()
    events.intake_draft_saved(actor=actor, draft=draft, step=step)
    return draft


@transaction.atomic
def intake_draft_discard(*, actor: User, draft: IntakeDraft) -> IntakeDraft:
    """Set an open draft aside; it is kept, and no longer offered. Audited."""
    locked = _lock_open(actor, draft)
    locked.discarded_at = timezone.now()
    locked.save(update_fields=["discarded_at", "updated_at"])
    events.intake_draft_discarded(actor=actor, draft=locked)
    return locked


@transaction.atomic
def intake_draft_submit(*, actor: User, draft: IntakeDraft, data: IntakeInput) -> Case:
    """Open the case from a draft, and mark the draft done, in one transaction.

    The draft is locked first, so a second submit of one draft (two tabs, a
    double click) waits, then is refused as already submitted: one draft, one
    case (a database rule too). Every rule of ``intake_submit`` applies.
    """
    locked = _lock_open(actor, draft)
    case = intake_submit(actor=actor, data=data)
    locked.case = case
    locked.save(update_fields=["case", "updated_at"])
    return case


@dataclass
class QuickRegistration:
    """What can be asked of each person on a rescue night; the rest is asked later."""

    pseudonym: str
    sex: str
    birth_year: int | None = None
    risk_level: str = vocab.RiskLevel.HIGH
    given_names: str = ""
    family_names: str = ""


@transaction.atomic
def rescue_quick_register(
    *, actor: User, operation: RescueOperation, data: QuickRegistration
) -> IntakeDraft:
    """Register one person removed in ``operation`` with a few answers, to complete later.

    Needs INTAKE in the operation's organisation (``Denied``). Validates the
    survivor's answers as intake does and refuses an unknown risk level,
    writing nothing. The draft starts with the case and the survivor steps
    answered (the case opens on the day the intake is submitted, from this
    operation), and the identity and the incident pre-filled: the names
    given, the operation's date and place. The duplicate check runs when the
    intake is completed, on its identity step. Audited.
    """
    membership = perm_required(actor, Perm.INTAKE)
    if operation.organisation_id != membership.organisation_id:
        raise Denied
    errors = Errors()
    survivor = SurvivorInput(
        pseudonym=data.pseudonym.strip(), sex=data.sex, birth_year=data.birth_year
    )
    validate_survivor(errors, survivor)
    errors.choice("risk_level", data.risk_level, vocab.RiskLevel)
    errors.raise_if_any()
    state = {
        "steps": {
            "case": {
                "origin": [vocab.CaseOrigin.RESCUE],
                "rescue_operation": [str(operation.pk)],
                "opened_on": [timezone.localdate().isoformat()],
                "risk_level": [data.risk_level],
                "case_code": [""],
            },
            "survivor": {
                "pseudonym": [survivor.pseudonym],
                "sex": [data.sex],
                "birth_year": [str(data.birth_year or "")],
                "nationality": [""],
                "disability": ["unknown"],
                "displacement": ["unknown"],
            },
        },
        "prefill": {
            "identity": {"given_names": data.given_names, "family_names": data.family_names},
            "incident": incident_prefill(operation),
        },
    }
    draft = IntakeDraft.objects.create(
        organisation=membership.organisation,
        created_by=actor,
        rescue_operation=operation,
        state=json.dumps(state),
    )
    events.intake_draft_saved(actor=actor, draft=draft, step="quick")
    return draft


def incident_prefill(operation: RescueOperation) -> dict[str, str]:
    """The incident's date and place, as the operation that removed the person records them."""
    day: datetime.date = operation.happened_on
    return {
        "occurred_on": day.isoformat(),
        "admin1": operation.admin1,
        "admin2": operation.admin2,
    }

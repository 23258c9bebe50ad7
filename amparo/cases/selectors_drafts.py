"""Reading intakes in progress: the ones a person may continue, and one of them."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases import events
from amparo.cases.models import IntakeDraft
from amparo.cases.services.draft_retention import draft_expires_at
from amparo.cases.services.drafts import STEP_NAMES, draft_state
from amparo.core.exceptions import NotFound


def intake_drafts_for_user(
    *, user: User, rescue_operation_id: int | None = None
) -> QuerySet[IntakeDraft]:
    """Open drafts of the user's organisation the user may continue, newest first:
    their own, or everyone's for who opens every case. None without INTAKE, and
    never one whose answers the retention job erased."""
    membership = user.active_membership if user.is_authenticated else None
    if membership is None or not user.has_amparo_perm(Perm.INTAKE):
        return IntakeDraft.objects.none()
    drafts = IntakeDraft.objects.filter(
        organisation_id=membership.organisation_id,
        case__isnull=True,
        discarded_at__isnull=True,
        purged_at__isnull=True,
    )
    if not user.has_amparo_perm(Perm.CASES_ALL):
        drafts = drafts.filter(created_by=user)
    if rescue_operation_id is not None:
        drafts = drafts.filter(rescue_operation_id=rescue_operation_id)
    return drafts.select_related("created_by", "rescue_operation").order_by("-updated_at", "-id")


def intake_draft_get_for_user(*, user: User, draft_id: int, log_read: bool = True) -> IntakeDraft:
    """One of ``intake_drafts_for_user``, else ``NotFound``. Opening a colleague's draft
    reads what they typed about a survivor, so it is audited; one's own is not."""
    draft = intake_drafts_for_user(user=user).filter(pk=draft_id).first()
    if draft is None:
        raise NotFound
    if log_read and draft.created_by_id != user.pk:
        events.intake_draft_opened(actor=user, draft=draft)
    return draft


@dataclass(frozen=True)
class DraftSummary:
    """A draft as a list shows it: by pseudonym only, where the intake stands, and
    when its answers are erased unless it is worked on before."""

    draft: IntakeDraft
    pseudonym: str
    next_step: str
    answered: int
    expires_at: datetime.datetime


def draft_summaries(drafts: Iterable[IntakeDraft]) -> list[DraftSummary]:
    """Each draft's pseudonym and next step (decrypted here, never stored in clear)."""
    summaries = []
    for draft in drafts:
        steps = draft_state(draft)["steps"]
        pseudonym = (steps.get("survivor", {}).get("pseudonym") or [""])[0]
        next_step = next((s for s in STEP_NAMES if s not in steps), "review")
        summaries.append(
            DraftSummary(draft, pseudonym, next_step, len(steps), draft_expires_at(draft))
        )
    return summaries

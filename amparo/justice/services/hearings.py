"""Hearings: scheduling and their outcomes."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import apply_changes
from amparo.core.validation import Errors, local_day
from amparo.justice import events, vocab
from amparo.justice.inputs import HearingOutcomeInput
from amparo.justice.models import (
    Court,
    Hearing,
    LegalCase,
)
from amparo.justice.services.common import _lock


@transaction.atomic
def hearing_schedule(
    *,
    actor: User,
    legal_case: LegalCase,
    scheduled_for: datetime.datetime,
    kind: str,
    court_id: int | None = None,
) -> Hearing:
    """Schedule a hearing of an open legal case, at its own court unless ``court_id``.

    Refuses (``Denied``) a role that may not change legal cases; under the
    legal case's lock, a closed legal case, an unknown type or court, a time
    that is not a plausible schedule, and a day before the complaint was
    filed. Audited as ``hearing.scheduled``.
    """
    perm_required(actor, Perm.EDIT_CASE)
    legal_case = _lock(legal_case)
    errors = Errors()
    errors.choice("kind", kind, vocab.HearingType)
    court = court_id or legal_case.court_id
    if not Court.objects.filter(pk=court).exists():
        errors.add("court_id", _("Choose a court from the list."))
    if (
        errors.scheduled("scheduled_for", scheduled_for)
        and legal_case.complaint_on
        and local_day(scheduled_for) < legal_case.complaint_on
    ):
        errors.add("scheduled_for", _("A hearing cannot be before the complaint was filed."))
    errors.raise_if_any()
    hearing = Hearing.objects.create(
        legal_case=legal_case,
        scheduled_for=scheduled_for,
        kind=kind,
        court_id=court,
        created_by=actor,
    )
    events.hearing_scheduled(actor=actor, hearing=hearing)
    return hearing


@transaction.atomic
def hearing_record_outcome(
    *, actor: User, hearing: Hearing, expected_version: int, data: HearingOutcomeInput
) -> Hearing:
    """Record what happened at a hearing: held, postponed (why) or cancelled.

    Refuses (``Denied``) a role that may not change legal cases. Checked
    against the hearing as it stands under its lock: an outcome that does not
    fit (a reason for a hearing not postponed, testimony at one not held, a
    hearing still to come recorded as held) is a field error, and one sent
    against an older version is refused (``StaleVersionError``). Audited with
    the fields that changed.
    """
    perm_required(actor, Perm.EDIT_CASE)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    errors = Errors()
    errors.choice("outcome", data.outcome, vocab.HearingOutcome)
    errors.choice(
        "postponement_reason", data.postponement_reason, vocab.PostponementReason, blank=True
    )
    errors.choice("testimony_setting", data.testimony_setting, vocab.TestimonySetting, blank=True)
    if data.outcome == vocab.HearingOutcome.POSTPONED and not data.postponement_reason:
        errors.add("postponement_reason", _("Say why the hearing was postponed."))
    if data.outcome != vocab.HearingOutcome.POSTPONED and data.postponement_reason:
        errors.add("postponement_reason", _("Only a postponed hearing has a postponement reason."))
    if data.survivor_testified and data.outcome != vocab.HearingOutcome.HELD:
        errors.add("survivor_testified", _("Testimony is only given at a hearing that was held."))
    if data.survivor_testified and not data.testimony_setting:
        errors.add("testimony_setting", _("Say where the survivor testified."))
    if (
        data.outcome in (vocab.HearingOutcome.HELD, vocab.HearingOutcome.POSTPONED)
        and hearing.scheduled_for > timezone.now()
    ):
        errors.add("outcome", _("This hearing has not happened yet."))
    errors.raise_if_any()
    changed = apply_changes(
        hearing,
        expected_version=expected_version,
        changes={**data.__dict__, "accompanied_by": data.accompanied_by.strip()},
    )
    events.hearing_recorded(actor=actor, hearing=hearing, changed_fields=changed)
    return hearing

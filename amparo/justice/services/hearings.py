"""Hearings: scheduling and their outcomes."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.core.concurrency import apply_changes, duplicate_refused
from amparo.core.validation import Errors, local_day
from amparo.justice import events, vocab
from amparo.justice.inputs import HearingOutcomeInput, HearingPostponementInput
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
    against the legal case and the hearing as they stand under their locks: a
    closed legal case, a hearing already rescheduled (its new hearing carries
    the case on), and an outcome that does not fit (a reason for a hearing not
    postponed, testimony at one not held, a hearing still to come recorded as
    held or postponed: ``hearing_postpone`` takes a postponement announced
    ahead, with its new date) are field errors, and one sent against an older
    version is refused (``StaleVersionError``). Audited with the fields that
    changed.
    """
    perm_required(actor, Perm.EDIT_CASE)
    _lock(hearing.legal_case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    errors = Errors()
    if hearing.reschedulings.exists():
        errors.add("outcome", _("This hearing was rescheduled; record the new hearing instead."))
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


@transaction.atomic
def hearing_postpone(
    *, actor: User, hearing: Hearing, expected_version: int, data: HearingPostponementInput
) -> Hearing:
    """Record that a scheduled hearing is postponed, and schedule it again on the new date.

    The postponed hearing keeps its date with the outcome "postponed" and its
    reason (so the postponement rate counts it); the new hearing, of the same
    type at the same court, names it as ``rescheduled_from``, and is returned.
    Refuses (``Denied``) a role that may not change legal cases. Under the
    locks of the legal case and then of the hearing: a closed legal case, a
    hearing whose outcome is already recorded (held, cancelled, or postponed
    before), an unknown or missing reason, and a new date before today, not
    after the hearing's, or beyond the scheduling horizon are field errors; a
    change sent against an older version is refused (``StaleVersionError``).
    Nothing is written unless all of it is. Audited as ``hearing.recorded``
    (the postponed one, with the fields that changed) and ``hearing.scheduled``
    (the new one).
    """
    perm_required(actor, Perm.EDIT_CASE)
    legal_case = _lock(hearing.legal_case)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    errors = Errors()
    if hearing.outcome != vocab.HearingOutcome.SCHEDULED:
        errors.add(
            "outcome",
            _("This hearing is already recorded as “%(outcome)s”.")
            % {"outcome": hearing.get_outcome_display()},
        )
    if not data.postponement_reason:
        errors.add("postponement_reason", _("Say why the hearing was postponed."))
    else:
        errors.choice("postponement_reason", data.postponement_reason, vocab.PostponementReason)
    new_time = data.scheduled_for
    if new_time is None:
        errors.add("scheduled_for", _("Give the new date and time."))
    elif errors.scheduled("scheduled_for", new_time):
        if timezone.is_naive(new_time):
            new_time = timezone.make_aware(new_time)
        if local_day(new_time) < timezone.localdate():
            errors.add("scheduled_for", _("The new date cannot be in the past."))
        elif new_time <= hearing.scheduled_for:
            errors.add(
                "scheduled_for",
                _("The new date must be after the postponed hearing's (%(when)s).")
                % {"when": timezone.localtime(hearing.scheduled_for).strftime("%Y-%m-%d %H:%M")},
            )
    errors.raise_if_any()
    changed = apply_changes(
        hearing,
        expected_version=expected_version,
        changes={
            "outcome": vocab.HearingOutcome.POSTPONED,
            "postponement_reason": data.postponement_reason,
        },
    )
    with duplicate_refused(
        constraint="uniq_hearing_rescheduled_from",
        field="outcome",
        message=_("This hearing is already rescheduled."),
    ):
        rescheduled = Hearing.objects.create(
            legal_case=legal_case,
            scheduled_for=new_time,
            kind=hearing.kind,
            court_id=hearing.court_id,
            rescheduled_from=hearing,
            created_by=actor,
        )
    events.hearing_recorded(actor=actor, hearing=hearing, changed_fields=changed)
    events.hearing_scheduled(actor=actor, hearing=rescheduled)
    return rescheduled

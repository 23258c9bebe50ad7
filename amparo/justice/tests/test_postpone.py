"""Postponing a hearing ahead of its day: the new date, and every refusal writing nothing."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from amparo.audit.models import AuditEvent
from amparo.core.concurrency import StaleVersionError
from amparo.justice.inputs import HearingOutcomeInput, HearingPostponementInput
from amparo.justice.models import Hearing
from amparo.justice.services import (
    hearing_postpone,
    hearing_record_outcome,
    hearing_schedule,
    legal_case_close,
)

pytestmark = pytest.mark.django_db


def at(days: int, hour: int = 9) -> datetime.datetime:
    """``days`` from today at ``hour`` local time."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def future_hearing(cast, legal_case):
    return hearing_schedule(
        actor=cast.lawyer, legal_case=legal_case, scheduled_for=at(10), kind="trial"
    )


def postpone(actor, hearing, *, reason="defence", when=None, version=None):
    return hearing_postpone(
        actor=actor,
        hearing=hearing,
        expected_version=hearing.version if version is None else version,
        data=HearingPostponementInput(postponement_reason=reason, scheduled_for=when or at(40, 10)),
    )


def written() -> tuple[int, int]:
    return Hearing.objects.count(), AuditEvent.objects.count()


def test_a_postponement_ahead_creates_the_rescheduled_hearing(cast, future_hearing):
    new = postpone(cast.lawyer, future_hearing, when=at(40, 10))
    old = Hearing.objects.get(pk=future_hearing.pk)
    assert (old.outcome, old.postponement_reason) == ("postponed", "defence")
    assert old.version == future_hearing.version + 1
    assert old.scheduled_for == at(10), "the postponed hearing keeps its day"
    assert new.rescheduled_from_id == old.pk
    assert (new.kind, new.court_id, new.outcome) == ("trial", old.court_id, "scheduled")
    assert new.scheduled_for == at(40, 10)
    codes = list(AuditEvent.objects.order_by("-id").values_list("code", "object_id")[:2])
    assert codes == [("hearing.scheduled", str(new.pk)), ("hearing.recorded", str(old.pk))]


def test_a_hearing_postponed_on_its_day_may_be_rescheduled_too(cast, world):
    new = postpone(cast.lawyer, world.past_hearing, when=at(3))
    assert new.rescheduled_from_id == world.past_hearing.pk


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (lambda: at(-2), "The new date cannot be in the past."),
        (lambda: at(5), "The new date must be after the postponed hearing's"),
        (lambda: at(10), "The new date must be after the postponed hearing's"),
        (lambda: at(365 * 30), "Give a date no later than"),
    ],
    ids=["before-today", "before-the-old-date", "same-time", "beyond-the-horizon"],
)
def test_an_impossible_new_date_is_refused_and_nothing_written(cast, future_hearing, when, message):
    before = written()
    with pytest.raises(ValidationError) as refused:
        postpone(cast.lawyer, future_hearing, when=when())
    assert any(m.startswith(message) for m in refused.value.message_dict["scheduled_for"])
    assert written() == before
    assert Hearing.objects.get(pk=future_hearing.pk).outcome == "scheduled"


@pytest.mark.parametrize("reason", ["", "weather"])
def test_a_missing_or_unknown_reason_is_refused(cast, future_hearing, reason):
    before = written()
    with pytest.raises(ValidationError) as refused:
        postpone(cast.lawyer, future_hearing, reason=reason)
    assert "postponement_reason" in refused.value.message_dict
    assert written() == before


@pytest.mark.parametrize("outcome", ["held", "cancelled"])
def test_a_hearing_already_recorded_is_not_postponed(cast, world, outcome):
    hearing = hearing_record_outcome(
        actor=cast.lawyer,
        hearing=world.past_hearing,
        expected_version=world.past_hearing.version,
        data=HearingOutcomeInput(outcome=outcome),
    )
    before = written()
    with pytest.raises(ValidationError) as refused:
        postpone(cast.lawyer, hearing, when=at(5))
    assert refused.value.message_dict["outcome"][0].startswith("This hearing is already recorded")
    assert written() == before


def test_a_hearing_postponed_once_is_not_postponed_again(cast, future_hearing):
    postpone(cast.lawyer, future_hearing)
    stale = Hearing.objects.get(pk=future_hearing.pk)
    with pytest.raises(ValidationError, match="already recorded"):
        postpone(cast.lawyer, stale, when=at(50))
    assert Hearing.objects.filter(rescheduled_from=future_hearing).count() == 1


def test_a_closed_legal_case_takes_no_postponement(cast, legal_case, future_hearing):
    legal_case_close(
        actor=cast.lawyer,
        legal_case=legal_case,
        expected_version=legal_case.version,
        reason="withdrawn",
    )
    before = written()
    with pytest.raises(ValidationError, match="This legal case is closed"):
        postpone(cast.lawyer, future_hearing)
    assert written() == before


def test_a_stale_version_is_refused(cast, future_hearing):
    with pytest.raises(StaleVersionError):
        postpone(cast.lawyer, future_hearing, version=future_hearing.version + 1)
    assert Hearing.objects.count() == 1


def test_a_role_that_may_not_change_legal_cases_is_denied(cast, future_hearing):
    with pytest.raises(PermissionDenied):
        postpone(cast.admin, future_hearing)
    assert Hearing.objects.get(pk=future_hearing.pk).outcome == "scheduled"


def test_a_future_hearing_cannot_be_recorded_as_held_or_postponed(cast, future_hearing):
    for outcome, reason in (("held", ""), ("postponed", "judge")):
        with pytest.raises(ValidationError, match="has not happened yet"):
            hearing_record_outcome(
                actor=cast.lawyer,
                hearing=future_hearing,
                expected_version=future_hearing.version,
                data=HearingOutcomeInput(outcome=outcome, postponement_reason=reason),
            )


def test_a_rescheduled_hearing_takes_no_other_outcome(cast, world):
    postpone(cast.lawyer, world.past_hearing, when=at(3))
    old = Hearing.objects.get(pk=world.past_hearing.pk)
    with pytest.raises(ValidationError, match="This hearing was rescheduled"):
        hearing_record_outcome(
            actor=cast.lawyer,
            hearing=old,
            expected_version=old.version,
            data=HearingOutcomeInput(outcome="held"),
        )


@pytest.mark.parametrize("moment", ["2028-02-29 23:30", "2027-01-31 23:59", "2026-12-31 00:05"])
def test_postponing_to_tomorrow_on_a_month_end(cast, legal_case, moment):
    now = timezone.make_aware(datetime.datetime.fromisoformat(moment))
    with time_machine.travel(now, tick=False):
        hearing = hearing_schedule(
            actor=cast.lawyer,
            legal_case=legal_case,
            scheduled_for=now + datetime.timedelta(minutes=20),
            kind="pre_trial",
        )
        new = postpone(cast.lawyer, hearing, when=now + datetime.timedelta(days=1))
    assert new.scheduled_for == now + datetime.timedelta(days=1)


def test_one_rescheduled_hearing_per_postponed_one_is_a_database_rule(cast, future_hearing):
    from django.db import IntegrityError, transaction

    new = postpone(cast.lawyer, future_hearing)
    with pytest.raises(IntegrityError), transaction.atomic():
        Hearing.objects.create(
            legal_case=new.legal_case,
            scheduled_for=at(60),
            kind="trial",
            court_id=new.court_id,
            rescheduled_from=future_hearing,
            created_by=cast.lawyer,
        )

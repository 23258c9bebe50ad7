"""Two lawyers sending the same change to a legal case at the same instant.

Each racer brings its own copy of the row, loaded before the race as each
request loads its own. One write stands; the other is refused (a conflict,
a stale version, or the rule it now breaks) and writes nothing, not even an
audit event.
"""

import pytest
from django.core.exceptions import ValidationError

from amparo.accounts.roles import Role
from amparo.audit.models import AuditEvent
from amparo.core.concurrency import ConflictError, StaleVersionError
from amparo.justice.inputs import HearingOutcomeInput, SentenceInput
from amparo.justice.models import Charge, Hearing, LegalCase, LegalCaseLawyer, Offence, StageEvent
from amparo.justice.services import (
    charge_add,
    hearing_record_outcome,
    lawyer_assign,
    legal_case_close,
    sentence_record,
    stage_record,
    verdict_record,
)
from amparo.justice.tests.world import days_ago
from amparo.testing.factories import MembershipFactory
from amparo.testing.races import at_once, one_wins, race

pytestmark = race


def events(code: str) -> int:
    return AuditEvent.objects.filter(code=code).count()


def test_two_verdicts_on_one_charge(cast, world):
    charge_id = world.open_charge.pk
    copies = [Charge.objects.get(pk=charge_id) for _ in range(2)]
    outcomes = at_once(
        lambda: verdict_record(
            actor=cast.lawyer, charge=copies[0], verdict="convicted", verdict_on=days_ago(20)
        ),
        lambda: verdict_record(
            actor=cast.supervisor, charge=copies[1], verdict="acquitted", verdict_on=days_ago(10)
        ),
    )
    winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This charge already has a verdict."]
    stored = Charge.objects.get(pk=charge_id)
    assert (stored.verdict, stored.verdict_on) == (winner.verdict, winner.verdict_on)
    # The world recorded one verdict before the race.
    assert events("verdict.recorded") == 2
    assert StageEvent.objects.filter(stage="verdict", superseded_at__isnull=True).count() == 1


def test_two_sentences_on_one_charge(cast, world):
    charge_id = world.convicted_charge.pk
    copies = [Charge.objects.get(pk=charge_id) for _ in range(2)]
    outcomes = at_once(
        lambda: sentence_record(
            actor=cast.lawyer,
            charge=copies[0],
            data=SentenceInput(sentenced_on=days_ago(30), custody_months=96),
        ),
        lambda: sentence_record(
            actor=cast.supervisor,
            charge=copies[1],
            data=SentenceInput(sentenced_on=days_ago(25), custody_months=240),
        ),
    )
    winner, lost = one_wins(outcomes, loser=ConflictError)
    assert lost.messages == ["This charge already has a sentence."]
    stored = Charge.objects.get(pk=charge_id)
    assert stored.custody_months == winner.custody_months
    assert events("sentence.recorded") == 1
    assert StageEvent.objects.filter(stage="sentence", superseded_at__isnull=True).count() == 1


def test_one_stage_recorded_twice(cast, legal_case):
    copies = [LegalCase.objects.get(pk=legal_case.pk) for _ in range(2)]
    outcomes = at_once(
        *(
            lambda copy=copy, day=day: stage_record(
                actor=cast.lawyer, legal_case=copy, stage="investigation", occurred_on=day
            )
            for copy, day in zip(copies, (days_ago(390), days_ago(380)), strict=True)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert "This stage is already recorded; correct its date instead." in lost.messages
    assert StageEvent.objects.filter(stage="investigation").count() == 1


def test_two_outcomes_for_one_hearing(cast, world):
    hearing_id = world.past_hearing.pk
    copies = [Hearing.objects.get(pk=hearing_id) for _ in range(2)]
    seen = copies[0].version
    outcomes = at_once(
        lambda: hearing_record_outcome(
            actor=cast.lawyer,
            hearing=copies[0],
            expected_version=seen,
            data=HearingOutcomeInput(outcome="held"),
        ),
        lambda: hearing_record_outcome(
            actor=cast.supervisor,
            hearing=copies[1],
            expected_version=seen,
            data=HearingOutcomeInput(outcome="postponed", postponement_reason="defence"),
        ),
    )
    winner, _lost = one_wins(outcomes, loser=StaleVersionError)
    stored = Hearing.objects.get(pk=hearing_id)
    assert (stored.outcome, stored.version) == (winner.outcome, seen + 1)
    assert events("hearing.recorded") == 1


def test_closing_a_legal_case_twice(cast, world):
    copies = [LegalCase.objects.get(pk=world.legal_case.pk) for _ in range(2)]
    seen = copies[0].version
    outcomes = at_once(
        *(
            lambda copy=copy, reason=reason: legal_case_close(
                actor=cast.lawyer, legal_case=copy, expected_version=seen, reason=reason
            )
            for copy, reason in zip(copies, ("verdict_final", "withdrawn"), strict=True)
        )
    )
    winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.messages == ["This legal case is closed."]
    stored = LegalCase.objects.get(pk=world.legal_case.pk)
    assert (stored.status, stored.closure_reason) == ("closed", winner.closure_reason)
    assert events("legal.closed") == 1


def test_one_offence_charged_twice(cast, world):
    offence = Offence.objects.filter(country="GT").exclude(
        pk__in=Charge.objects.values("offence_id")
    )[0]
    outcomes = at_once(
        *(
            lambda actor=actor: charge_add(
                actor=actor, accused=world.accused, offence_id=offence.pk
            )
            for actor in (cast.lawyer, cast.supervisor)
        )
    )
    one_wins(outcomes, loser=ValidationError)
    assert Charge.objects.filter(accused=world.accused, offence=offence).count() == 1


def test_one_lawyer_assigned_twice(cast, legal_case):
    newcomer = MembershipFactory(organisation=cast.lex, role=Role.LAWYER).user
    outcomes = at_once(
        *(
            lambda: lawyer_assign(actor=cast.supervisor, legal_case=legal_case, user_id=newcomer.pk)
            for _ in range(2)
        )
    )
    _winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.messages == ["This lawyer is already assigned."]
    assert LegalCaseLawyer.objects.filter(user=newcomer, ended_at__isnull=True).count() == 1
    assert events("legal.lawyer_assigned") == 1


def test_reference_data_survives_a_race_test():
    """Race tests flush the database; each race test loads the courts and offences again."""
    from amparo.justice.models import Court

    assert Court.objects.exists() and Offence.objects.exists()


@pytest.mark.django_db
def test_reference_data_is_there_after_the_race_tests():
    from amparo.justice.models import Court

    assert Court.objects.exists() and Offence.objects.exists()


def test_one_survivor_linked_twice_at_once(cast, legal_case):
    """Both answers are fine (the survivor is linked); there is one link, never a 500."""
    from amparo.cases.services import intake_submit
    from amparo.justice.services import legal_case_link_victim
    from amparo.testing.factories import intake_input

    other = intake_submit(actor=cast.caseworker, data=intake_input())
    copies = [LegalCase.objects.get(pk=legal_case.pk) for _ in range(2)]
    outcomes = at_once(
        *(
            lambda copy=copy: legal_case_link_victim(
                actor=cast.supervisor, legal_case=copy, case_id=other.pk
            )
            for copy in copies
        )
    )
    assert [o.error for o in outcomes] == [None, None]
    assert LegalCase.victims.through.objects.filter(case=other).count() == 1


def test_one_hearing_postponed_twice_at_once(cast, world):
    """Two lawyers hear of the same postponement: one new hearing, the other told so."""
    import datetime

    from django.utils import timezone

    from amparo.justice.inputs import HearingPostponementInput
    from amparo.justice.services import hearing_postpone

    hearing_id = world.past_hearing.pk
    copies = [Hearing.objects.get(pk=hearing_id) for _ in range(2)]
    seen = copies[0].version
    outcomes = at_once(
        *(
            lambda copy=copy, actor=actor, days=days: hearing_postpone(
                actor=actor,
                hearing=copy,
                expected_version=seen,
                data=HearingPostponementInput(
                    postponement_reason="judge",
                    scheduled_for=timezone.now() + datetime.timedelta(days=days),
                ),
            )
            for copy, actor, days in zip(
                copies, (cast.lawyer, cast.supervisor), (7, 14), strict=True
            )
        )
    )
    winner, lost = one_wins(outcomes, loser=ValidationError)
    assert lost.message_dict["outcome"] == ["This hearing is already recorded as “Postponed”."]
    assert list(Hearing.objects.filter(rescheduled_from_id=hearing_id)) == [winner]
    assert events("hearing.recorded") == 1

import pytest
from django.core.exceptions import ValidationError

from amparo.audit.models import AuditEvent
from amparo.justice.inputs import AccusedInput, SentenceInput
from amparo.justice.models import Offence, StageEvent
from amparo.justice.services import (
    accused_add,
    charge_add,
    sentence_record,
    stage_correct,
    stage_record,
    verdict_record,
)
from amparo.justice.tests.conftest import days_ago


def _charge(cast, legal_case):
    accused = accused_add(
        actor=cast.lawyer,
        legal_case=legal_case,
        data=AccusedInput(pseudonym="El Lobo", full_name="Fictional Accused"),
    )
    return charge_add(
        actor=cast.lawyer, accused=accused, offence_id=Offence.objects.get(code="trafficking").pk
    )


def _refused(fn, **kwargs):
    before = (StageEvent.objects.count(), AuditEvent.objects.count())
    with pytest.raises(ValidationError) as info:
        fn(**kwargs)
    assert (StageEvent.objects.count(), AuditEvent.objects.count()) == before
    return info.value.message_dict


def test_stages_move_forward_and_dates_land_on_the_case(cast, legal_case):
    stage_record(
        actor=cast.lawyer, legal_case=legal_case, stage="investigation", occurred_on=days_ago(390)
    )
    stage_record(
        actor=cast.lawyer, legal_case=legal_case, stage="charges", occurred_on=days_ago(300)
    )
    stage_record(actor=cast.lawyer, legal_case=legal_case, stage="trial", occurred_on=days_ago(100))
    legal_case.refresh_from_db()
    assert legal_case.complaint_on == days_ago(400) and legal_case.trial_on == days_ago(100)
    assert legal_case.current_stage == "trial"


def test_verdict_without_trial_is_refused(cast, legal_case):
    charge = _charge(cast, legal_case)
    errors = _refused(
        verdict_record,
        actor=cast.lawyer,
        charge=charge,
        verdict="convicted",
        verdict_on=days_ago(1),
    )
    assert "trial" in errors["verdict"][0]


def test_verdict_cannot_be_recorded_as_a_bare_stage(cast, legal_case):
    errors = _refused(
        stage_record,
        actor=cast.lawyer,
        legal_case=legal_case,
        stage="verdict",
        occurred_on=days_ago(1),
    )
    assert "stage" in errors


def test_sentence_without_conviction_is_refused(cast, legal_case):
    charge = _charge(cast, legal_case)
    stage_record(
        actor=cast.lawyer, legal_case=legal_case, stage="charges", occurred_on=days_ago(300)
    )
    stage_record(actor=cast.lawyer, legal_case=legal_case, stage="trial", occurred_on=days_ago(100))
    verdict_record(actor=cast.lawyer, charge=charge, verdict="acquitted", verdict_on=days_ago(50))
    errors = _refused(
        sentence_record,
        actor=cast.lawyer,
        charge=charge,
        data=SentenceInput(sentenced_on=days_ago(10), custody_months=96),
    )
    assert "conviction" in errors["charge"][0]


def test_conviction_then_sentence(cast, legal_case):
    charge = _charge(cast, legal_case)
    stage_record(
        actor=cast.lawyer, legal_case=legal_case, stage="charges", occurred_on=days_ago(300)
    )
    stage_record(actor=cast.lawyer, legal_case=legal_case, stage="trial", occurred_on=days_ago(100))
    verdict_record(actor=cast.lawyer, charge=charge, verdict="convicted", verdict_on=days_ago(50))
    sentence_record(
        actor=cast.lawyer,
        charge=charge,
        data=SentenceInput(sentenced_on=days_ago(20), custody_months=120, reparation_ordered=True),
    )
    legal_case.refresh_from_db()
    assert (
        legal_case.convicted
        and legal_case.verdict_on == days_ago(50)
        and legal_case.sentence_on == days_ago(20)
    )


@pytest.mark.parametrize(
    ("stage", "when", "field"),
    [
        ("investigation", days_ago(401), "occurred_on"),  # before the complaint
        ("investigation", days_ago(-3), "occurred_on"),  # in the future
        ("trial", days_ago(10), "stage"),  # charges not filed yet
        ("complaint", days_ago(5), "stage"),  # already recorded
        ("hearing", days_ago(5), "stage"),  # not a stage
    ],
)
def test_bad_stages_are_refused(cast, legal_case, stage, when, field):
    errors = _refused(
        stage_record, actor=cast.lawyer, legal_case=legal_case, stage=stage, occurred_on=when
    )
    assert field in errors


def test_correction_keeps_history_and_checks_order(cast, legal_case):
    charges = stage_record(
        actor=cast.lawyer, legal_case=legal_case, stage="charges", occurred_on=days_ago(300)
    )
    stage_record(actor=cast.lawyer, legal_case=legal_case, stage="trial", occurred_on=days_ago(100))
    errors = _refused(
        stage_correct,
        actor=cast.lawyer,
        legal_case=legal_case,
        event_id=charges.pk,
        occurred_on=days_ago(50),
        reason="typo",
    )
    assert "occurred_on" in errors
    new = stage_correct(
        actor=cast.lawyer,
        legal_case=legal_case,
        event_id=charges.pk,
        occurred_on=days_ago(290),
        reason="Date misread from the court record",
    )
    legal_case.refresh_from_db()
    assert legal_case.charges_on == days_ago(290)
    old = StageEvent.objects.get(pk=charges.pk)
    assert old.superseded_at is not None and old.superseded_by == new
    assert AuditEvent.objects.filter(code="stage.corrected").count() == 1

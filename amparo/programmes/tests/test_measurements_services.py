"""The measurement services' rules: each bad input is a clear field error, nothing written."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from amparo.audit.models import AuditEvent
from amparo.core.concurrency import StaleVersionError
from amparo.core.exceptions import Denied, NotFound
from amparo.programmes.models import PrevalenceStudy, SurveyResult, Training
from amparo.programmes.services import measurements as services
from amparo.programmes.tests.measurements_world import measurement_world, study_fields


def _refused(call, field: str) -> str:
    before = (
        PrevalenceStudy.objects.count(),
        SurveyResult.objects.count(),
        Training.objects.count(),
    )
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as caught:
        call()
    assert field in caught.value.message_dict, caught.value.message_dict
    after = (
        PrevalenceStudy.objects.count(),
        SurveyResult.objects.count(),
        Training.objects.count(),
    )
    assert after == before and AuditEvent.objects.count() == events
    return " ".join(caught.value.message_dict[field])


def _record(cast, world, **changes):
    fields = study_fields(world.records, area_id=world.records.quetzaltenango.pk)
    fields.update(changes)
    return services.study_record(
        actor=cast.analyst, programme_id=world.records.lex_programme.pk, **fields
    )


def test_a_study_is_recorded_and_audited(cast):
    world = measurement_world(cast)
    study = _record(cast, world)
    assert study.wave == "baseline" and study.version == 1
    assert AuditEvent.objects.filter(code="measurement.recorded").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        (
            {"estimate": Decimal("8"), "ci_lower": Decimal("4.9"), "ci_upper": Decimal("7.5")},
            "estimate",
            "does not contain",
        ),
        ({"ci_lower": Decimal("-1")}, "ci_lower", "between 0 and 100"),
        ({"ci_upper": Decimal("101")}, "ci_upper", "between 0 and 100"),
        ({"period_end": datetime.date(2024, 1, 1)}, "period_end", "before it starts"),
        ({"sample_size": 0}, "sample_size", "At least 1"),
        ({"title": "  "}, "title", "required"),
        ({"method": "guess"}, "method", "not a known value"),
        ({"wave": "sometime"}, "wave", "not a known value"),
        ({"confidence_level": Decimal("100")}, "confidence_level", "below 100"),
    ],
)
def test_a_study_that_breaks_a_rule_is_refused(cast, changes, field, says):
    world = measurement_world(cast)
    assert says in _refused(lambda: _record(cast, world, **changes), field)


def test_an_endline_before_its_baseline_is_refused(cast):
    world = measurement_world(cast)
    message = _refused(
        lambda: _record(
            cast,
            world,
            area_id=world.records.guatemala.pk,
            wave="endline",
            baseline_id=world.baseline.pk,
            period_start=datetime.date(2024, 5, 1),
            period_end=datetime.date(2024, 7, 1),
        ),
        "period_start",
    )
    assert "before its baseline" in message


def test_a_later_wave_names_a_baseline_of_its_own_department(cast):
    world = measurement_world(cast)
    later = {
        "wave": "endline",
        "period_start": datetime.date(2027, 1, 1),
        "period_end": datetime.date(2027, 3, 1),
    }
    _refused(lambda: _record(cast, world, **later), "baseline_id")
    assert "same department" in _refused(
        lambda: _record(cast, world, baseline_id=world.baseline.pk, **later), "baseline_id"
    )
    assert "not a baseline" in _refused(
        lambda: _record(
            cast, world, area_id=world.records.guatemala.pk, baseline_id=world.endline.pk, **later
        ),
        "baseline_id",
    )
    assert "does not name" in _refused(
        lambda: _record(cast, world, baseline_id=world.baseline.pk), "baseline_id"
    )


def test_an_area_of_another_programme_is_refused(cast):
    world = measurement_world(cast)
    from amparo.programmes.models import ProgrammeArea

    elsewhere = ProgrammeArea.objects.create(
        programme=world.records.third_programme, admin1="Petén", population=1
    )
    _refused(lambda: _record(cast, world, area_id=elsewhere.pk), "area_id")


def test_access_comes_first(cast):
    world = measurement_world(cast)
    with pytest.raises(Denied):
        services.study_record(
            actor=cast.partner_supervisor,
            programme_id=world.records.lex_programme.pk,
            **study_fields(world.records),
        )
    with pytest.raises(NotFound):
        services.study_record(
            actor=cast.third_supervisor,
            programme_id=world.records.lex_programme.pk,
            **study_fields(world.records),
        )


def test_a_correction_is_versioned_and_keeps_the_rules(cast):
    world = measurement_world(cast)
    study = services.study_correct(
        actor=cast.analyst, study_id=world.endline.pk, expected_version=1, sample_size=1500
    )
    assert study.version == 2 and study.sample_size == 1500
    with pytest.raises(StaleVersionError):
        services.study_correct(
            actor=cast.analyst, study_id=world.endline.pk, expected_version=1, sample_size=1
        )
    _refused(
        lambda: services.study_correct(
            actor=cast.analyst, study_id=world.endline.pk, expected_version=2, ci_upper=Decimal("3")
        ),
        "estimate",
    )
    # The baseline's later wave compares to it: it cannot become an endline, nor end later.
    _refused(
        lambda: services.study_correct(
            actor=cast.analyst,
            study_id=world.baseline.pk,
            expected_version=1,
            period_end=datetime.date(2027, 3, 1),
        ),
        "period_end",
    )
    assert AuditEvent.objects.filter(code="measurement.corrected").count() == 1


def _survey(cast, world, **changes):
    fields = {
        "item": "would_report_police",
        "period_start": datetime.date(2025, 1, 1),
        "period_end": datetime.date(2025, 2, 1),
        "respondents": 300,
        "estimate": Decimal("40"),
        "ci_lower": Decimal("35"),
        "ci_upper": Decimal("45"),
        "source": "Survey",
    }
    fields.update(changes)
    return services.survey_record(
        actor=cast.analyst, programme_id=world.records.lex_programme.pk, **fields
    )


def test_surveys_keep_their_rules(cast):
    world = measurement_world(cast)
    assert _survey(cast, world).area_id is None
    _refused(lambda: _survey(cast, world, item="happiness"), "item")
    _refused(lambda: _survey(cast, world, respondents=0), "respondents")
    _refused(lambda: _survey(cast, world, estimate=Decimal("50")), "estimate")
    _refused(lambda: _survey(cast, world, area_id=999_999), "area_id")
    survey = services.survey_correct(
        actor=cast.analyst, survey_id=world.survey.pk, expected_version=1, respondents=801
    )
    assert survey.version == 2


def _training(cast, world, **changes):
    fields = {
        "held_on": datetime.date(2025, 3, 1),
        "institution": "judiciary",
        "role": "Trial judges",
        "topic": "testimony",
        "trained": 12,
    }
    fields.update(changes)
    return services.training_record(
        actor=cast.analyst, programme_id=world.records.lex_programme.pk, **fields
    )


def test_trainings_keep_their_rules(cast):
    world = measurement_world(cast)
    assert _training(cast, world).trained == 12
    _refused(lambda: _training(cast, world, trained=0), "trained")
    _refused(lambda: _training(cast, world, institution="army"), "institution")
    _refused(lambda: _training(cast, world, topic="x"), "topic")
    _refused(lambda: _training(cast, world, role=""), "role")
    _refused(lambda: _training(cast, world, court_id=999_999), "court_id")
    training = services.training_correct(
        actor=cast.analyst, training_id=world.training.pk, expected_version=1, trained=40
    )
    assert training.trained == 40

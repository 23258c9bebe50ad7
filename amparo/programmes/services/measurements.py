"""External measurements of a programme: prevalence studies, surveys, trainings.

Each is an aggregate (an estimate with its confidence interval, a number of
people trained), never a person's record. The rules live in the ``*_problems``
functions, which the file import (``services.imports``) calls on every row as
the services do on one record, so a page, the API and a file refuse the same
input with the same messages.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.core.concurrency import apply_changes
from amparo.programmes import events
from amparo.programmes.models import (
    PrevalenceStudy,
    SurveyResult,
    Training,
)
from amparo.programmes.selectors.access import programme_lock_for_change
from amparo.programmes.services.measurement_rules import (
    STUDY_FIELDS,
    SURVEY_FIELDS,
    TRAINING_FIELDS,
    clean_text,
    measurement_for_change,
    only_fields,
    stored_baseline,
    study_problems,
    survey_problems,
    training_problems,
)


@transaction.atomic
def study_record(
    *,
    actor: User,
    programme_id: int,
    area_id: int | None,
    title: str,
    wave: str,
    baseline_id: int | None,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    sample_size: int | None,
    estimate: Decimal | None,
    ci_lower: Decimal | None,
    ci_upper: Decimal | None,
    confidence_level: Decimal | None,
    method: str,
    source: str,
) -> PrevalenceStudy:
    """Record one wave of a prevalence study in one of the programme's departments.

    ``NotFound`` / ``Denied`` from the programme's access; then, under its
    lock, every rule of ``study_problems`` (an interval that does not contain
    its estimate, an endline before its baseline…) is a field error and
    nothing is written. Audited as ``measurement.recorded``.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    values = clean_text({k: v for k, v in locals().items() if k in STUDY_FIELDS}, "title", "source")
    baseline = stored_baseline(programme, baseline_id)
    study_problems(
        programme=programme,
        values=values,
        baseline=baseline,
        baseline_given=baseline_id is not None,
    ).raise_if_any()
    study = PrevalenceStudy.objects.create(programme=programme, created_by=actor, **values)
    events.measurement_recorded(actor=actor, measurement=study)
    return study


@transaction.atomic
def study_correct(
    *, actor: User, study_id: int, expected_version: int, **fields: Any
) -> PrevalenceStudy:
    """Correct a study wave: the fields given change, the same rules as ``study_record``.

    A version other than the one read is refused (``StaleVersionError``).
    Audited with the fields that changed.
    """
    only_fields(fields, STUDY_FIELDS)
    study = measurement_for_change(PrevalenceStudy, actor=actor, measurement_id=study_id)
    values = {name: getattr(study, name) for name in STUDY_FIELDS}
    values.update(clean_text(fields, "title", "source"))
    if values["baseline_id"] == study.pk:
        raise ValidationError({"baseline_id": [_("A study cannot be its own baseline.")]})
    study_problems(
        programme=study.programme,
        values=values,
        baseline=stored_baseline(study.programme, values["baseline_id"]),
        baseline_given=values["baseline_id"] is not None,
        study=study,
    ).raise_if_any()
    changed = apply_changes(study, expected_version=expected_version, changes=values)
    events.measurement_corrected(actor=actor, measurement=study, changed_fields=changed)
    return study


@transaction.atomic
def survey_record(
    *,
    actor: User,
    programme_id: int,
    item: str,
    period_start: datetime.date | None,
    period_end: datetime.date | None,
    respondents: int | None,
    estimate: Decimal | None,
    ci_lower: Decimal | None,
    ci_upper: Decimal | None,
    source: str,
    area_id: int | None = None,
) -> SurveyResult:
    """Record a confidence or reliance survey item for the programme or one department.

    Same access and refusals as ``study_record`` (``survey_problems``).
    Audited as ``measurement.recorded``.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    values = clean_text({k: v for k, v in locals().items() if k in SURVEY_FIELDS}, "source")
    survey_problems(programme=programme, values=values).raise_if_any()
    survey = SurveyResult.objects.create(programme=programme, created_by=actor, **values)
    events.measurement_recorded(actor=actor, measurement=survey)
    return survey


@transaction.atomic
def survey_correct(
    *, actor: User, survey_id: int, expected_version: int, **fields: Any
) -> SurveyResult:
    """Correct a survey result; the same rules and versioning as ``study_correct``."""
    only_fields(fields, SURVEY_FIELDS)
    survey = measurement_for_change(SurveyResult, actor=actor, measurement_id=survey_id)
    values = {name: getattr(survey, name) for name in SURVEY_FIELDS}
    values.update(clean_text(fields, "source"))
    survey_problems(programme=survey.programme, values=values).raise_if_any()
    changed = apply_changes(survey, expected_version=expected_version, changes=values)
    events.measurement_corrected(actor=actor, measurement=survey, changed_fields=changed)
    return survey


@transaction.atomic
def training_record(
    *,
    actor: User,
    programme_id: int,
    held_on: datetime.date | None,
    institution: str,
    role: str,
    topic: str,
    trained: int | None,
    area_id: int | None = None,
    court_id: int | None = None,
) -> Training:
    """Record officials or partner staff trained: how many, of which institution and role.

    ``role`` is a job role ("trial judges"), never a person's name. Same
    access and refusals as ``study_record`` (``training_problems``). Audited
    as ``measurement.recorded``.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    values = clean_text({k: v for k, v in locals().items() if k in TRAINING_FIELDS}, "role")
    training_problems(programme=programme, values=values).raise_if_any()
    training = Training.objects.create(programme=programme, created_by=actor, **values)
    events.measurement_recorded(actor=actor, measurement=training)
    return training


@transaction.atomic
def training_correct(
    *, actor: User, training_id: int, expected_version: int, **fields: Any
) -> Training:
    """Correct a training; the same rules and versioning as ``study_correct``."""
    only_fields(fields, TRAINING_FIELDS)
    training = measurement_for_change(Training, actor=actor, measurement_id=training_id)
    values = {name: getattr(training, name) for name in TRAINING_FIELDS}
    values.update(clean_text(fields, "role"))
    training_problems(programme=training.programme, values=values).raise_if_any()
    changed = apply_changes(training, expected_version=expected_version, changes=values)
    events.measurement_corrected(actor=actor, measurement=training, changed_fields=changed)
    return training

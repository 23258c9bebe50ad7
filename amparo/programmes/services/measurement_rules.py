"""The rules of a programme's measurements, shared by the services, the API and the file import.

Each ``*_problems`` function returns every problem of one record by field, so a
page, the API and a row of an imported file refuse the same input with the same
messages.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.core.concurrency import lock_fresh
from amparo.core.exceptions import NotFound
from amparo.core.validation import EARLIEST_DATE, Errors
from amparo.justice.models import Court
from amparo.programmes import vocab
from amparo.programmes.models import (
    PrevalenceStudy,
    Programme,
    ProgrammeArea,
    SurveyResult,
    Training,
)
from amparo.programmes.selectors.access import programme_lock_for_change

STUDY_FIELDS = (
    "area_id",
    "title",
    "wave",
    "baseline_id",
    "period_start",
    "period_end",
    "sample_size",
    "estimate",
    "ci_lower",
    "ci_upper",
    "confidence_level",
    "method",
    "source",
)
SURVEY_FIELDS = (
    "area_id",
    "item",
    "period_start",
    "period_end",
    "respondents",
    "estimate",
    "ci_lower",
    "ci_upper",
    "source",
)
TRAINING_FIELDS = ("held_on", "institution", "role", "topic", "trained", "area_id", "court_id")


class BaselineLike(Protocol):
    """A baseline wave: a stored study, or a row of the same file not stored yet."""

    area_id: int
    wave: str
    period_end: datetime.date


@dataclass(frozen=True)
class PendingBaseline:
    """A baseline row of a file being checked: what a later row of the file compares to."""

    area_id: int
    wave: str
    period_start: datetime.date
    period_end: datetime.date


def _text(errors: Errors, field: str, value: str, *, max_length: int) -> None:
    if not (value or "").strip():
        errors.add(field, _("This field is required."))
    elif len(value) > max_length:
        errors.add(
            field,
            _("At most %(n)d characters.") % {"n": max_length},
        )


def _period(errors: Errors, start: datetime.date | None, end: datetime.date | None) -> bool:
    """Both dates given, from 1900, the end not before the start."""
    fine = True
    for field, day in (("period_start", start), ("period_end", end)):
        if day is None:
            errors.add(field, _("This field is required."))
            fine = False
        elif day < EARLIEST_DATE:
            errors.add(field, _("This date is before 1900."))
            fine = False
    if fine and end is not None and start is not None and end < start:
        errors.add("period_end", _("The fieldwork cannot end before it starts."))
        fine = False
    return fine


def _share(value: Any) -> bool:
    return isinstance(value, Decimal) and value.is_finite() and value.as_tuple().exponent >= -3  # type: ignore[operator]  # exponent is an int once finite


def _interval(errors: Errors, estimate: Any, lower: Any, upper: Any) -> None:
    """0 ≤ lower ≤ estimate ≤ upper ≤ 100, each a percentage with at most three decimals."""
    fine = True
    for field, value in (("estimate", estimate), ("ci_lower", lower), ("ci_upper", upper)):
        if value is None:
            errors.add(field, _("This field is required."))
            fine = False
        elif not _share(value):
            errors.add(field, _("A percentage with at most three decimals."))
            fine = False
        elif not Decimal(0) <= value <= Decimal(100):
            errors.add(field, _("A percentage is between 0 and 100."))
            fine = False
    if fine and not lower <= estimate <= upper:
        errors.add(
            "estimate",
            _(
                "The confidence interval (%(lower)s–%(upper)s) does not contain the "
                "estimate %(estimate)s: the lower bound must be at most the estimate and "
                "the upper bound at least the estimate."
            )
            % {"lower": lower, "upper": upper, "estimate": estimate},
        )


def _count(errors: Errors, field: str, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        errors.add(field, _("A whole number."))
    elif value < 1:
        errors.add(field, _("At least 1."))
    elif value > 2_147_483_647:
        errors.add(field, _("This number is too large."))


def _area(
    errors: Errors, programme: Programme, area_id: int | None, *, required: bool
) -> ProgrammeArea | None:
    if area_id is None:
        if required:
            errors.add("area_id", _("Choose a department of the programme."))
        return None
    area = ProgrammeArea.objects.filter(programme=programme, pk=area_id).first()
    if area is None:
        errors.add("area_id", _("Choose a department of the programme."))
    return area


def study_problems(
    *,
    programme: Programme,
    values: dict[str, Any],
    baseline: BaselineLike | None,
    baseline_given: bool,
    study: PrevalenceStudy | None = None,
) -> Errors:
    """Every rule a prevalence study wave must keep; the errors keyed by field.

    ``baseline`` is the baseline it names (``baseline_given`` whether it names
    one at all: a name that matched nothing is ``baseline_given`` and None).
    ``study`` is the wave being corrected: a baseline with later waves keeps
    its area and ends before each starts.
    """
    errors = Errors()
    area = _area(errors, programme, values.get("area_id"), required=True)
    _text(errors, "title", values.get("title") or "", max_length=200)
    _text(errors, "source", values.get("source") or "", max_length=300)
    errors.choice("wave", values.get("wave") or "", vocab.Wave)
    errors.choice("method", values.get("method") or "", vocab.StudyMethod)
    period_fine = _period(errors, values.get("period_start"), values.get("period_end"))
    _count(errors, "sample_size", values.get("sample_size"))
    _interval(errors, values.get("estimate"), values.get("ci_lower"), values.get("ci_upper"))
    level = values.get("confidence_level")
    if not (isinstance(level, Decimal) and _share(level) and Decimal(0) < level < Decimal(100)):
        errors.add("confidence_level", _("A confidence level above 0% and below 100%."))
    wave = values.get("wave")
    if wave == vocab.Wave.BASELINE and baseline_given:
        errors.add("baseline_id", _("A baseline wave does not name a baseline."))
    elif wave in (vocab.Wave.MIDLINE, vocab.Wave.ENDLINE):
        if baseline is None:
            errors.add(
                "baseline_id",
                _("A midline or endline names the baseline of the same department it follows."),
            )
        elif baseline.wave != vocab.Wave.BASELINE:
            errors.add("baseline_id", _("The study named as baseline is not a baseline wave."))
        elif area is not None and baseline.area_id != area.pk:
            errors.add("baseline_id", _("The baseline must be of the same department."))
        elif period_fine and values["period_start"] <= baseline.period_end:
            errors.add(
                "period_start",
                _(
                    "A %(wave)s cannot start before its baseline ended (%(end)s): "
                    "an endline before its baseline."
                )
                % {"wave": vocab.Wave(wave).label.lower(), "end": baseline.period_end.isoformat()},
            )
    if study is not None and study.pk is not None:
        later = list(study.later_waves.all())
        if later and wave != vocab.Wave.BASELINE:
            errors.add("wave", _("Later waves compare to this baseline: it stays a baseline."))
        if later and area is not None and area.pk != study.area_id:
            errors.add("area_id", _("Later waves compare to this baseline: its department stays."))
        if period_fine and any(w.period_start <= values["period_end"] for w in later):
            errors.add("period_end", _("A later wave starts before this date."))
    return errors


def survey_problems(*, programme: Programme, values: dict[str, Any]) -> Errors:
    """Every rule a survey result must keep; the errors keyed by field."""
    errors = Errors()
    _area(errors, programme, values.get("area_id"), required=False)
    errors.choice("item", values.get("item") or "", vocab.SurveyItem)
    _period(errors, values.get("period_start"), values.get("period_end"))
    _count(errors, "respondents", values.get("respondents"))
    _interval(errors, values.get("estimate"), values.get("ci_lower"), values.get("ci_upper"))
    _text(errors, "source", values.get("source") or "", max_length=300)
    return errors


def training_problems(*, programme: Programme, values: dict[str, Any]) -> Errors:
    """Every rule a training must keep; the errors keyed by field."""
    errors = Errors()
    held_on = values.get("held_on")
    if held_on is None:
        errors.add("held_on", _("This field is required."))
    elif held_on < EARLIEST_DATE:
        errors.add("held_on", _("This date is before 1900."))
    errors.choice("institution", values.get("institution") or "", vocab.Institution)
    errors.choice("topic", values.get("topic") or "", vocab.TrainingTopic)
    _text(errors, "role", values.get("role") or "", max_length=120)
    _count(errors, "trained", values.get("trained"))
    _area(errors, programme, values.get("area_id"), required=False)
    court_id = values.get("court_id")
    if court_id is not None and not Court.objects.filter(pk=court_id).exists():
        errors.add("court_id", _("Choose a court from the list."))
    return errors


def stored_baseline(programme: Programme, baseline_id: int | None) -> PrevalenceStudy | None:
    """The baseline a later wave names, if it is one of this programme's studies (else None)."""
    if baseline_id is None:
        return None
    return PrevalenceStudy.objects.filter(programme=programme, pk=baseline_id).first()


def only_fields(fields: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    """``fields`` unchanged, or ``TypeError`` naming those a service does not take."""
    unknown = sorted(set(fields) - set(allowed))
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(unknown)}")
    return fields


def clean_text(values: dict[str, Any], *names: str) -> dict[str, Any]:
    """``values`` with the named text fields stripped of surrounding spaces."""
    return {k: (v.strip() if k in names and isinstance(v, str) else v) for k, v in values.items()}


M = TypeVar("M", PrevalenceStudy, SurveyResult, Training)


def measurement_for_change(model: type[M], *, actor: User, measurement_id: int) -> M:
    """The measurement, locked and re-read after its programme's lock; ``NotFound`` otherwise."""
    found = model.objects.filter(pk=measurement_id).values_list("programme_id", flat=True).first()
    if found is None:
        raise NotFound
    programme_lock_for_change(user=actor, programme_id=found)
    return lock_fresh(model.objects.get(pk=measurement_id))

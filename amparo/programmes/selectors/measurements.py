"""Reads of a programme's measurements, each reached through the programme (``access``)."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Model, QuerySet, Sum

from amparo.accounts.models import User
from amparo.core.exceptions import NotFound
from amparo.programmes import vocab
from amparo.programmes.imports import COLUMNS
from amparo.programmes.models import (
    ImportBatch,
    PrevalenceStudy,
    Programme,
    ProgrammeArea,
    SurveyResult,
    Training,
)
from amparo.programmes.selectors.access import programme_get_for_change, programme_get_for_user


def programme_areas(*, programme: Programme) -> QuerySet[ProgrammeArea]:
    """The programme's departments, in their order: the areas a measurement may name."""
    return programme.areas.all()


def programme_studies(*, programme: Programme) -> QuerySet[PrevalenceStudy]:
    """Every study wave of the programme, with its area and baseline (one query)."""
    return programme.prevalence_studies.select_related("area", "baseline")


def programme_baselines(*, programme: Programme) -> QuerySet[PrevalenceStudy]:
    """The baseline waves a midline or endline may name."""
    return programme_studies(programme=programme).filter(wave=vocab.Wave.BASELINE)


@dataclass(frozen=True)
class StudySeries:
    """A baseline and the later waves that compare to it, side by side."""

    baseline: PrevalenceStudy | None
    later: list[PrevalenceStudy]


def study_series(*, programme: Programme) -> list[StudySeries]:
    """Every study, grouped: each baseline with its later waves (by start)."""
    studies = list(programme_studies(programme=programme))
    later: dict[int, list[PrevalenceStudy]] = {}
    for study in studies:
        if study.baseline_id is not None:
            later.setdefault(study.baseline_id, []).append(study)
    series = [
        StudySeries(baseline=s, later=later.pop(s.pk, []))
        for s in studies
        if s.wave == vocab.Wave.BASELINE
    ]
    series += [StudySeries(baseline=None, later=waves) for waves in later.values()]
    orphans = [s for s in studies if s.wave != vocab.Wave.BASELINE and s.baseline_id is None]
    series += [StudySeries(baseline=None, later=[s]) for s in orphans]
    return series


def programme_surveys(*, programme: Programme) -> QuerySet[SurveyResult]:
    """Every survey result of the programme, with its area (one query)."""
    return programme.surveys.select_related("area")


def programme_trainings(*, programme: Programme) -> QuerySet[Training]:
    """Every training of the programme, newest first, with its area and court (one query)."""
    return programme.trainings.select_related("area", "court")


def training_totals(*, programme: Programme) -> list[dict[str, Any]]:
    """People trained and trainings held, by institution (largest first)."""
    labels = dict(vocab.Institution.choices)
    rows = (
        programme.trainings.values("institution")
        .annotate(people=Sum("trained"), sessions=Count("id"))
        .order_by("-people", "institution")
    )
    return [{**row, "label": labels.get(row["institution"], row["institution"])} for row in rows]


def _programme_of(model: type[Model], measurement_id: int) -> int:
    found = (
        model._default_manager.filter(pk=measurement_id)
        .values_list("programme_id", flat=True)
        .first()
    )
    if found is None:
        raise NotFound
    return found


def study_get_for_user(*, user: User, study_id: int, for_change: bool = False) -> PrevalenceStudy:
    """A study of a programme ``user`` may see (may change with ``for_change``), or ``NotFound``."""
    get = programme_get_for_change if for_change else programme_get_for_user
    programme = get(user=user, programme_id=_programme_of(PrevalenceStudy, study_id))
    return programme_studies(programme=programme).get(pk=study_id)


def survey_get_for_user(*, user: User, survey_id: int, for_change: bool = False) -> SurveyResult:
    """A survey result of a programme ``user`` may see (change, with ``for_change``), or ``NotFound``."""
    get = programme_get_for_change if for_change else programme_get_for_user
    programme = get(user=user, programme_id=_programme_of(SurveyResult, survey_id))
    return programme_surveys(programme=programme).get(pk=survey_id)


def training_get_for_user(*, user: User, training_id: int, for_change: bool = False) -> Training:
    """A training of a programme ``user`` may see (change, with ``for_change``), or ``NotFound``."""
    get = programme_get_for_change if for_change else programme_get_for_user
    programme = get(user=user, programme_id=_programme_of(Training, training_id))
    return programme_trainings(programme=programme).get(pk=training_id)


def import_batch_get_for_user(
    *, user: User, batch_id: int, programme_id: int | None = None
) -> ImportBatch:
    """A batch of a programme ``user`` may change (imports are part of changing it).

    With ``programme_id``, a batch of another programme is ``NotFound``.
    """
    found = _programme_of(ImportBatch, batch_id)
    if programme_id is not None and found != programme_id:
        raise NotFound
    programme = programme_get_for_change(user=user, programme_id=found)
    return programme.imports.get(pk=batch_id)


def batch_problems(*, batch: ImportBatch) -> list[dict[str, Any]]:
    """The dry run's findings, one per row and field: ``{row, field, problem}``."""
    return [
        {"row": entry["row"], "field": problem["field"], "problem": problem["problem"]}
        for entry in batch.report
        for problem in entry["problems"]
    ]


def batch_summary(*, batch: ImportBatch) -> dict[str, int]:
    """How many rows the dry run found, how many it would create and how many it refused."""
    refused = sum(1 for entry in batch.report if entry["action"] == "refused")
    return {"rows": len(batch.report), "refused": refused, "create": len(batch.report) - refused}


def batch_rows(*, batch: ImportBatch) -> list[dict[str, Any]]:
    """Each row's cells with its action, in the file's order."""
    actions = {entry["row"]: entry["action"] for entry in batch.report}
    columns = [column.name for column in COLUMNS[batch.kind]]
    return [
        {
            "row": row["row"],
            "values": [(name, row["cells"].get(name, "")) for name in columns],
            "action": actions.get(row["row"], ""),
        }
        for row in batch.rows
    ]

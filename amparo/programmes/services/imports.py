"""Importing measurements from a file: a dry run first, then the import, once.

``measurements_check`` reads the file (``amparo.programmes.imports``), checks
every row with the rules the services apply to one record
(``services.measurements``), and stores the rows and the report in an
``ImportBatch``; nothing else is written. ``measurements_import`` imports a
checked batch only when every row passes (a file with refused rows is
corrected and checked again, so what is imported is a whole file, exactly
as its report showed), and only once.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.models import User
from amparo.core.concurrency import lock_fresh
from amparo.core.exceptions import NotFound
from amparo.core.validation import Errors
from amparo.justice.models import Court
from amparo.programmes import events, imports, vocab
from amparo.programmes.models import (
    ImportBatch,
    PrevalenceStudy,
    Programme,
    SurveyResult,
    Training,
)
from amparo.programmes.selectors.access import programme_lock_for_change
from amparo.programmes.services.measurement_rules import (
    PendingBaseline,
    study_problems,
    survey_problems,
    training_problems,
)

CREATE = "create"
REFUSED = "refused"
# A service's field → the file's column.
_COLUMN = {"area_id": "area", "baseline_id": "baseline_start", "court_id": "court"}


@dataclass
class CheckedRow:
    number: int  # the row of the file, the header being row 1
    values: dict[str, Any]  # what the service takes
    problems: list[tuple[str, str]] = field(default_factory=list)  # (column, problem)
    baseline_start: datetime.date | None = None

    def refuse(self, column: str, problem: str) -> None:
        self.problems.append((column, problem))

    def add(self, errors: Errors, *, skip: set[str] | None = None) -> None:
        try:
            errors.raise_if_any()
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                if key in (skip or set()):
                    continue
                for message in messages:
                    self.refuse(_COLUMN.get(key, key), message)

    @property
    def action(self) -> str:
        return REFUSED if self.problems else CREATE

    def report(self) -> dict[str, Any]:
        return {
            "row": self.number,
            "action": self.action,
            "problems": [{"field": c, "problem": p} for c, p in self.problems],
        }


class _Lookups:
    """The programme's departments by name and the courts by name, read once per file."""

    def __init__(self, programme: Programme) -> None:
        self.areas = {a.admin1.strip().lower(): a.pk for a in programme.areas.all()}
        self.courts: dict[str, int] | None = None

    def area(self, row: CheckedRow, name: str, *, required: bool) -> int | None:
        if not name:
            if required:
                row.refuse("area", _("Name a department of the programme."))
            return None
        found = self.areas.get(name.strip().lower())
        if found is None:
            row.refuse(
                "area", _("No department of the programme is called “%(name)s”.") % {"name": name}
            )
        return found

    def court(self, row: CheckedRow, name: str) -> int | None:
        if not name:
            return None
        if self.courts is None:
            self.courts = {c.name.strip().lower(): c.pk for c in Court.objects.all()}
        found = self.courts.get(name.strip().lower())
        if found is None:
            row.refuse("court", _("No court is called “%(name)s”.") % {"name": name})
        return found


def _typed(number: int, cells: dict[str, str]) -> tuple[CheckedRow, dict[str, Any]]:
    typed, problems = imports.row_values(cells)
    row = CheckedRow(number=number, values={})
    for column, problem in problems.items():
        row.refuse(column, problem)
    return row, typed


def _check_studies(programme: Programme, rows: list[dict[str, Any]]) -> list[CheckedRow]:
    lookups = _Lookups(programme)
    checked: list[tuple[CheckedRow, bool]] = []
    for entry in rows:
        row, typed = _typed(entry["row"], entry["cells"])
        row.values = {
            "area_id": lookups.area(row, typed["area"], required=True),
            "title": typed["title"],
            "wave": typed["wave"].lower(),
            "period_start": typed["period_start"],
            "period_end": typed["period_end"],
            "sample_size": typed["sample_size"],
            "estimate": typed["estimate"],
            "ci_lower": typed["ci_lower"],
            "ci_upper": typed["ci_upper"],
            "confidence_level": typed["confidence_level"] or Decimal(95),
            "method": typed["method"].lower(),
            "source": typed["source"],
        }
        row.baseline_start = typed["baseline_start"]
        named = bool(entry["cells"].get("baseline_start"))
        checked.append((row, named))
    # Baselines first: a later wave may name a baseline row anywhere in the file.
    in_file: dict[tuple[int, datetime.date], list[CheckedRow]] = {}
    for row, named in checked:
        if row.values["wave"] != vocab.Wave.BASELINE:
            continue
        _check_study(programme, row, baseline=None, named=named)
        area_id, start = row.values["area_id"], row.values["period_start"]
        if area_id is not None and start is not None:
            key = (area_id, start)
            if in_file.get(key):
                row.refuse("period_start", _("Another row of this file is the same baseline."))
            elif PrevalenceStudy.objects.filter(
                programme=programme, area_id=key[0], wave=vocab.Wave.BASELINE, period_start=key[1]
            ).exists():
                row.refuse(
                    "period_start",
                    _("A baseline of this department starting that day is already recorded."),
                )
            in_file.setdefault(key, []).append(row)
    for row, named in checked:
        if row.values["wave"] == vocab.Wave.BASELINE:
            continue
        baseline = _baseline_of(programme, row, in_file)
        _check_study(programme, row, baseline=baseline, named=named or baseline is not None)
    return [row for row, _named in checked]


def _baseline_of(
    programme: Programme,
    row: CheckedRow,
    in_file: dict[tuple[int, datetime.date], list[CheckedRow]],
) -> Any:
    """The baseline a later-wave row names: stored, or a (passing) row of the file."""
    area_id, start = row.values["area_id"], row.baseline_start
    if area_id is None or start is None:
        return None
    stored = list(
        PrevalenceStudy.objects.filter(
            programme=programme, area_id=area_id, wave=vocab.Wave.BASELINE, period_start=start
        )[:2]
    )
    rows = in_file.get((area_id, start), [])
    if len(stored) + len(rows) > 1:
        row.refuse("baseline_start", _("Several baselines of this department start that day."))
        return None
    if stored:
        return stored[0]
    if rows:
        if rows[0].problems:
            row.refuse(
                "baseline_start",
                _("Its baseline, row %(n)s of this file, is refused.") % {"n": rows[0].number},
            )
            return None
        return PendingBaseline(
            area_id=area_id,
            wave=vocab.Wave.BASELINE,
            period_start=start,
            period_end=rows[0].values["period_end"],
        )
    row.refuse(
        "baseline_start",
        _("No baseline of this department started on %(day)s, recorded or in this file.")
        % {"day": start.isoformat()},
    )
    return None


def _check_study(programme: Programme, row: CheckedRow, *, baseline: Any, named: bool) -> None:
    errors = study_problems(
        programme=programme,
        values={**row.values, "baseline_id": None},
        baseline=baseline,
        baseline_given=named,
    )
    # A baseline named but not found is already said on ``baseline_start``.
    said = any(column == "baseline_start" for column, _problem in row.problems)
    row.add(errors, skip={"baseline_id"} if said else set())


def _check_surveys(programme: Programme, rows: list[dict[str, Any]]) -> list[CheckedRow]:
    lookups = _Lookups(programme)
    checked = []
    for entry in rows:
        row, typed = _typed(entry["row"], entry["cells"])
        row.values = {
            "area_id": lookups.area(row, typed["area"], required=False),
            "item": typed["item"].lower(),
            **{k: typed[k] for k in ("period_start", "period_end", "respondents")},
            **{k: typed[k] for k in ("estimate", "ci_lower", "ci_upper", "source")},
        }
        errors = survey_problems(programme=programme, values=row.values)
        row.add(errors)
        checked.append(row)
    return checked


def _check_trainings(programme: Programme, rows: list[dict[str, Any]]) -> list[CheckedRow]:
    lookups = _Lookups(programme)
    checked = []
    for entry in rows:
        row, typed = _typed(entry["row"], entry["cells"])
        row.values = {
            "held_on": typed["held_on"],
            "institution": typed["institution"].lower(),
            "role": typed["role"],
            "topic": typed["topic"].lower(),
            "trained": typed["trained"],
            "area_id": lookups.area(row, typed["area"], required=False),
            "court_id": lookups.court(row, typed["court"]),
        }
        row.add(training_problems(programme=programme, values=row.values))
        checked.append(row)
    return checked


_CHECKS = {
    ImportBatch.Kind.STUDIES: _check_studies,
    ImportBatch.Kind.SURVEYS: _check_surveys,
    ImportBatch.Kind.TRAININGS: _check_trainings,
}


def _dedupe(row: CheckedRow) -> None:
    seen: set[tuple[str, str]] = set()
    row.problems = [p for p in row.problems if not (p in seen or seen.add(p))]  # type: ignore[func-returns-value]  # set.add marks it seen


def check_rows(programme: Programme, kind: str, rows: list[dict[str, Any]]) -> list[CheckedRow]:
    """Every row of a batch checked, in the file's order."""
    checked = _CHECKS[ImportBatch.Kind(kind)](programme, rows)
    for row in checked:
        _dedupe(row)
    return checked


@transaction.atomic
def measurements_check(
    *, actor: User, programme_id: int, kind: str, file_name: str, data: bytes
) -> ImportBatch:
    """The dry run: read the file, check every row, store the rows and the report.

    ``NotFound`` / ``Denied`` from the programme's access. A file that cannot
    be taken as a whole (too large, not CSV/XLSX, wrong columns, too many
    rows) is a ``ValidationError`` and nothing is stored; otherwise the batch
    is stored with status *checked* and nothing else is written. Audited as
    ``measurements.checked``.
    """
    programme = programme_lock_for_change(user=actor, programme_id=programme_id)
    table = imports.read_file(kind=kind, file_name=file_name, data=data)
    rows = [{"row": number, "cells": cells} for number, cells in table]
    checked = check_rows(programme, kind, rows)
    batch = ImportBatch.objects.create(
        programme=programme,
        kind=kind,
        rows=rows,
        report=[row.report() for row in checked],
        created_by=actor,
    )
    events.measurements_checked(actor=actor, batch=batch)
    return batch


@dataclass(frozen=True)
class ImportResult:
    batch: ImportBatch
    already_imported: bool


_MODELS: dict[str, type[Model]] = {
    ImportBatch.Kind.STUDIES: PrevalenceStudy,
    ImportBatch.Kind.SURVEYS: SurveyResult,
    ImportBatch.Kind.TRAININGS: Training,
}


@transaction.atomic
def measurements_import(*, actor: User, batch_id: int) -> ImportResult:
    """Import a checked batch: every row created, or none.

    Under the programme's and the batch's locks, the rows are checked again
    (what was recorded since the dry run counts); a batch with a refused row
    is refused (``ValidationError``) and nothing is written. A batch already
    imported is left as it is (``already_imported``): importing twice does
    nothing. Audited as ``measurements.imported``.
    """
    found = ImportBatch.objects.filter(pk=batch_id).values_list("programme_id", flat=True).first()
    if found is None:
        raise NotFound
    programme = programme_lock_for_change(user=actor, programme_id=found)
    batch = lock_fresh(ImportBatch.objects.get(pk=batch_id))
    if batch.status == ImportBatch.Status.IMPORTED:
        return ImportResult(batch=batch, already_imported=True)
    checked = check_rows(programme, batch.kind, batch.rows)
    refused = [row for row in checked if row.problems]
    if refused:
        raise ValidationError(
            {
                "batch": [
                    _(
                        "%(n)s rows are refused: correct the file and check it again. "
                        "Nothing was imported."
                    )
                    % {"n": len(refused)}
                ]
            }
        )
    model = _MODELS[batch.kind]
    later: list[CheckedRow] = []
    for row in checked:
        if batch.kind == ImportBatch.Kind.STUDIES and row.values["wave"] != vocab.Wave.BASELINE:
            later.append(row)
            continue
        model._default_manager.create(programme=programme, created_by=actor, **row.values)
    for row in later:
        baseline = PrevalenceStudy.objects.get(
            programme=programme,
            area_id=row.values["area_id"],
            wave=vocab.Wave.BASELINE,
            period_start=row.baseline_start or datetime.date.min,  # checked: never None here
        )
        PrevalenceStudy.objects.create(
            programme=programme, created_by=actor, baseline=baseline, **row.values
        )
    batch.status = ImportBatch.Status.IMPORTED
    batch.imported_at = timezone.now()
    batch.imported_count = len(checked)
    batch.save(update_fields=["status", "imported_at", "imported_count", "updated_at"])
    events.measurements_imported(actor=actor, batch=batch)
    return ImportResult(batch=batch, already_imported=False)

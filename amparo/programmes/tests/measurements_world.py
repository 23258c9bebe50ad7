"""Measurements on the test programme: a baseline and an endline, a survey, a training."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from amparo.programmes.models import PrevalenceStudy, SurveyResult, Training
from amparo.programmes.tests.records import ProgrammeRecords, programme_records
from amparo.testing.cast import Cast


@dataclass
class MeasurementWorld:
    records: ProgrammeRecords
    baseline: PrevalenceStudy
    endline: PrevalenceStudy
    survey: SurveyResult
    training: Training


def study_fields(records: ProgrammeRecords, **changes: object) -> dict[str, object]:
    fields: dict[str, object] = {
        "area_id": records.guatemala.pk,
        "title": "Minors in commercial sexual exploitation",
        "wave": "baseline",
        "baseline_id": None,
        "period_start": datetime.date(2024, 2, 1),
        "period_end": datetime.date(2024, 5, 31),
        "sample_size": 1200,
        "estimate": Decimal("6.2"),
        "ci_lower": Decimal("4.9"),
        "ci_upper": Decimal("7.5"),
        "confidence_level": Decimal("95"),
        "method": "household",
        "source": "Baseline study, 2024",
    }
    fields.update(changes)
    return fields


def measurement_world(cast: Cast) -> MeasurementWorld:
    records = programme_records(cast)
    programme = records.lex_programme
    baseline = PrevalenceStudy.objects.create(
        programme=programme, created_by=cast.analyst, **study_fields(records)
    )
    endline = PrevalenceStudy.objects.create(
        programme=programme,
        created_by=cast.analyst,
        **study_fields(
            records,
            wave="endline",
            baseline_id=baseline.pk,
            period_start=datetime.date(2027, 2, 1),
            period_end=datetime.date(2027, 5, 31),
            estimate=Decimal("3.1"),
            ci_lower=Decimal("2.2"),
            ci_upper=Decimal("4.0"),
            source="Endline study, 2027",
        ),
    )
    survey = SurveyResult.objects.create(
        programme=programme,
        area=records.guatemala,
        item="would_report_police",
        period_start=datetime.date(2024, 3, 1),
        period_end=datetime.date(2024, 4, 30),
        respondents=800,
        estimate=Decimal("41.5"),
        ci_lower=Decimal("38.1"),
        ci_upper=Decimal("44.9"),
        source="Confidence survey, 2024",
        created_by=cast.analyst,
    )
    training = Training.objects.create(
        programme=programme,
        held_on=datetime.date(2024, 6, 12),
        institution="police",
        role="Investigating officers",
        topic="trauma",
        trained=35,
        area=records.guatemala,
        created_by=cast.analyst,
    )
    return MeasurementWorld(records, baseline, endline, survey, training)

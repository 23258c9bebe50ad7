"""Goals, studies, surveys, trainings and legal cases for the results tests, built on ``records``.

Built with the ORM (not the services): these tests check what results read,
and every date is fixed.
"""

import datetime
from decimal import Decimal

from amparo.justice.models import Court, LegalCase
from amparo.programmes.models import (
    Goal,
    Milestone,
    PrevalenceStudy,
    Programme,
    ProgrammeArea,
    SurveyResult,
    Training,
)
from amparo.programmes.vocab import Wave
from amparo.testing.cast import Cast

D = datetime.date
BASELINE_ON = D(2024, 1, 1)
TARGET_ON = D(2030, 12, 31)


def court(admin1: str) -> Court:
    return Court.objects.filter(admin1=admin1).order_by("pk").first()


def legal_cases(
    cast: Cast,
    n: int,
    *,
    complaint: datetime.date,
    admin1: str = "Guatemala",
    organisation=None,
    **fields,
) -> list[LegalCase]:
    """``n`` legal cases (of Lex unless ``organisation``) filed on ``complaint`` in a court of
    ``admin1``, with the given stage dates (``verdict_on=...``, ``convicted=True``)."""
    if fields.get("closed_on") and "status" not in fields:
        fields["status"] = "closed"
    where = court(admin1)
    return LegalCase.objects.bulk_create(
        LegalCase(
            organisation=organisation or cast.lex,
            title="t",
            reference="r",
            court=where,
            offence_category="sexual_violence",
            created_by=cast.supervisor,
            complaint_on=complaint,
            **fields,
        )
        for _ in range(n)
    )


def goal(
    cast: Cast,
    programme: Programme,
    indicator: str,
    *,
    baseline: float,
    target: float,
    baseline_on: datetime.date = BASELINE_ON,
    target_on: datetime.date = TARGET_ON,
    area: ProgrammeArea | None = None,
    milestones: tuple[tuple[datetime.date, float], ...] = (),
    title: str = "",
) -> Goal:
    made = Goal.objects.create(
        programme=programme,
        indicator=indicator,
        area=area,
        title=title or f"{indicator} goal",
        baseline_value=Decimal(str(baseline)),
        baseline_on=baseline_on,
        target_value=Decimal(str(target)),
        target_on=target_on,
        created_by=cast.analyst,
    )
    for due_on, value in milestones:
        Milestone.objects.create(goal=made, due_on=due_on, value=Decimal(str(value)))
    return made


def study(
    cast: Cast,
    area: ProgrammeArea,
    *,
    wave: str,
    start: datetime.date,
    estimate: float,
    lower: float,
    upper: float,
    sample_size: int,
    baseline: PrevalenceStudy | None = None,
) -> PrevalenceStudy:
    return PrevalenceStudy.objects.create(
        programme=area.programme,
        area=area,
        title="Minors in commercial sexual exploitation",
        wave=wave,
        baseline=baseline,
        period_start=start,
        period_end=start + datetime.timedelta(days=60),
        sample_size=sample_size,
        estimate=Decimal(str(estimate)),
        ci_lower=Decimal(str(lower)),
        ci_upper=Decimal(str(upper)),
        method="household",
        source="A fictional study, 2024",
        created_by=cast.analyst,
    )


def waves(
    cast: Cast,
    area: ProgrammeArea,
    *,
    baseline: tuple[float, int],
    endline: tuple[float, int],
) -> tuple[PrevalenceStudy, PrevalenceStudy]:
    """A baseline (2024) and an endline (2026) wave: (estimate %, sample size) each."""
    first = study(
        cast,
        area,
        wave=Wave.BASELINE,
        start=D(2024, 3, 1),
        estimate=baseline[0],
        lower=baseline[0] - 1,
        upper=baseline[0] + 1,
        sample_size=baseline[1],
    )
    last = study(
        cast,
        area,
        wave=Wave.ENDLINE,
        start=D(2026, 3, 1),
        estimate=endline[0],
        lower=endline[0] - 1,
        upper=endline[0] + 1,
        sample_size=endline[1],
        baseline=first,
    )
    return first, last


def survey(
    cast: Cast,
    programme: Programme,
    item: str,
    *,
    end: datetime.date,
    estimate: float,
    area: ProgrammeArea | None = None,
) -> SurveyResult:
    return SurveyResult.objects.create(
        programme=programme,
        area=area,
        item=item,
        period_start=end - datetime.timedelta(days=30),
        period_end=end,
        respondents=800,
        estimate=Decimal(str(estimate)),
        ci_lower=Decimal(str(estimate - 2)),
        ci_upper=Decimal(str(estimate + 2)),
        source="A fictional survey",
        created_by=cast.analyst,
    )


def training(
    cast: Cast,
    programme: Programme,
    *,
    held_on: datetime.date,
    trained: int,
    area: ProgrammeArea | None = None,
) -> Training:
    return Training.objects.create(
        programme=programme,
        held_on=held_on,
        institution="police",
        role="investigating officers",
        topic="trauma",
        trained=trained,
        area=area,
        created_by=cast.analyst,
    )

"""The demo programme's measurements: prevalence studies, confidence surveys, trainings.

Clearly fictional aggregates, never a person: the estimates, sample sizes and
intervals are chosen (see ``PREVALENCE``) so that prevalence fell
significantly in two departments and not in the third. Dates follow the
programme's ``Timeline``: baseline fieldwork in its first year, endline in
the last full year before the day of seeding.
"""

import datetime
import math
import random
from dataclasses import dataclass
from decimal import Decimal

from amparo.accounts.models import User
from amparo.justice.models import Court
from amparo.programmes.models import (
    PrevalenceStudy,
    Programme,
    ProgrammeArea,
    SurveyResult,
    Training,
)
from amparo.programmes.vocab import Institution, StudyMethod, SurveyItem, TrainingTopic, Wave

# The programme's name promises 2030; seeded after 2030 it runs to the end of the seed's year.
TARGET_END = datetime.date(2030, 12, 31)
Z95 = 1.959964


@dataclass(frozen=True)
class Wave2:
    """A department's baseline and endline prevalence (%), with their sample sizes."""

    baseline: float
    baseline_n: int
    endline: float
    endline_n: int


# By rank of the study department. The first two fall significantly (two-proportion
# z ≈ 3.3 and 3.2, the 95% intervals apart); the third does not (z ≈ 0.55).
PREVALENCE = (
    Wave2(8.0, 1500, 5.0, 1500),
    Wave2(9.5, 1200, 6.0, 1200),
    Wave2(7.2, 800, 6.5, 800),
)
PREVALENCE_TITLE = (
    "Women and girls who suffered sexual violence in the last 12 months / Mujeres y niñas "
    "que sufrieron violencia sexual en los últimos 12 meses"
)
# Survey shares (%) by item: (baseline, last year) for the programme and its first two areas.
SURVEYS = {
    SurveyItem.WOULD_REPORT_POLICE: ((34.0, 46.0), (38.0, 52.0), (29.0, 37.0)),
    SurveyItem.CONFIDENCE_JUSTICE: ((22.0, 31.0), (25.0, 35.0), (19.0, 24.0)),
}
SURVEY_RESPONDENTS = (2400, 900, 700)
# (institution, role of those trained, topics) taken in turn, four trainings a year.
TRAININGS = (
    (
        Institution.POLICE,
        "Investigating officers / Agentes de investigación",
        (TrainingTopic.INVESTIGATION, TrainingTopic.TRAUMA_INFORMED),
    ),
    (
        Institution.PROSECUTION,
        "Prosecutors of the sexual violence unit / Fiscales de la unidad de violencia sexual",
        (TrainingTopic.PROSECUTION, TrainingTopic.VICTIM_FRIENDLY_TESTIMONY),
    ),
    (
        Institution.JUDICIARY,
        "Trial judges and court clerks / Jueces de sentencia y oficiales de juzgado",
        (TrainingTopic.VICTIM_FRIENDLY_TESTIMONY, TrainingTopic.TRAUMA_INFORMED),
    ),
    (
        Institution.FORENSICS,
        "Forensic interviewers and physicians / Entrevistadores y médicos forenses",
        (TrainingTopic.TRAUMA_INFORMED, TrainingTopic.INVESTIGATION),
    ),
)
TRAINING_MONTHS = (2, 5, 8, 11)


@dataclass(frozen=True)
class Timeline:
    """The programme's dates, from the day of seeding: valid on any day of any year."""

    today: datetime.date

    @property
    def first_year(self) -> int:
        return self.today.year - 3

    @property
    def last_full_year(self) -> int:
        return self.today.year - 1

    @property
    def starts_on(self) -> datetime.date:
        return datetime.date(self.first_year, 1, 1)

    @property
    def ends_on(self) -> datetime.date:
        return max(TARGET_END, datetime.date(self.today.year, 12, 31))

    @property
    def baseline_on(self) -> datetime.date:
        """The end of the programme's first year: the baseline figures are that year's."""
        return datetime.date(self.first_year, 12, 31)


def interval(percent: float, n: int) -> tuple[Decimal, Decimal, Decimal]:
    """The estimate and its 95% Wald interval, in percent with three decimals."""
    p = percent / 100
    half = Z95 * math.sqrt(p * (1 - p) / n) * 100
    return dec(percent), dec(max(0.0, percent - half)), dec(min(100.0, percent + half))


def dec(value: float) -> Decimal:
    return Decimal(f"{value:.3f}")


def record_studies(
    programme: Programme, areas: list[ProgrammeArea], when: Timeline, analyst: User
) -> list[PrevalenceStudy]:
    """A baseline and an endline wave in each of ``areas`` (up to three), the endline
    naming its baseline."""
    studies = []
    for area, spec in zip(areas, PREVALENCE, strict=False):
        earlier = None  # the endline names the baseline
        for wave, year, percent, n in (
            (Wave.BASELINE, when.first_year, spec.baseline, spec.baseline_n),
            (Wave.ENDLINE, when.last_full_year, spec.endline, spec.endline_n),
        ):
            estimate, lower, upper = interval(percent, n)
            study = PrevalenceStudy.objects.create(
                programme=programme,
                area=area,
                title=PREVALENCE_TITLE,
                wave=wave,
                baseline=earlier,
                period_start=datetime.date(year, 3, 1),
                period_end=datetime.date(year, 5, 31),
                sample_size=n,
                estimate=estimate,
                ci_lower=lower,
                ci_upper=upper,
                confidence_level=Decimal("95.0"),
                method=StudyMethod.HOUSEHOLD_SURVEY,
                source=f"Estudio de prevalencia ficticio, Amparo demo, {year}",
                created_by=analyst,
            )
            studies.append(study)
            earlier = study
    return studies


def record_surveys(
    programme: Programme, areas: list[ProgrammeArea], when: Timeline, analyst: User
) -> list[SurveyResult]:
    """Each item twice (baseline year, last year), for the programme and two departments."""
    rows = []
    for item, shares in SURVEYS.items():
        for place, (first, last), respondents in zip(
            [None, *areas], shares, SURVEY_RESPONDENTS, strict=False
        ):
            for year, share in ((when.first_year, first), (when.last_full_year, last)):
                estimate, lower, upper = interval(share, respondents)
                rows.append(
                    SurveyResult(
                        programme=programme,
                        area=place,
                        item=item,
                        period_start=datetime.date(year, 6, 1),
                        period_end=datetime.date(year, 7, 31),
                        respondents=respondents,
                        estimate=estimate,
                        ci_lower=lower,
                        ci_upper=upper,
                        source=f"Encuesta de confianza ficticia, Amparo demo, {year}",
                        created_by=analyst,
                    )
                )
    return SurveyResult.objects.bulk_create(rows)


def record_trainings(
    rng: random.Random,
    programme: Programme,
    areas: list[ProgrammeArea],
    when: Timeline,
    analyst: User,
) -> list[Training]:
    """Four trainings a year from the programme's start, none after the day of seeding.

    Prosecutors and judges are trained at a court of a studied department; the
    others in the department, or for the whole programme.
    """
    courts = {
        area.pk: list(Court.objects.filter(admin1=area.admin1).order_by("name")) for area in areas
    }
    rows = []
    for year in range(when.first_year, when.today.year + 1):
        for turn, month in enumerate(TRAINING_MONTHS):
            held_on = datetime.date(year, month, rng.randint(1, 28))
            if held_on > when.today:
                continue
            institution, role, topics = TRAININGS[(year + turn) % len(TRAININGS)]
            area = areas[(year + turn) % len(areas)] if areas and turn != 3 else None
            court = None
            if area is not None and institution in (Institution.PROSECUTION, Institution.JUDICIARY):
                court = rng.choice(courts[area.pk]) if courts[area.pk] else None
            rows.append(
                Training(
                    programme=programme,
                    held_on=held_on,
                    institution=institution,
                    role=role,
                    topic=rng.choice(topics),
                    trained=rng.randint(15, 60),
                    area=area,
                    court=court,
                    created_by=analyst,
                )
            )
    return Training.objects.bulk_create(rows)

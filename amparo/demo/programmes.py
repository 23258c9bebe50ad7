"""The demo's programme: the fourth pillar, alive on the day it is seeded.

"Justicia y Restauración 2030" belongs to the legal-aid organisation, with
the aftercare organisation as partner. Its areas are the departments its
cases and legal cases fall in; its live goals start from what the seeded
case data says in the programme's first year; its prevalence studies,
confidence surveys and trainings are clearly fictional aggregates (no
person anywhere). Studies are chosen so that prevalence fell significantly
in two departments and not in the third, so that people protected counts
some areas and not others: the goals on the courts' pace and practice
(convictions per complaint, time to verdict, victim-friendly testimony) are
those of a specialised-court pilot in the third department, and the
conviction rate's milestones hold its baseline for three years before they
climb, so the two departments whose prevalence fell meet every justice goal
that applies to them.

Every date is relative to the day of seeding: the programme starts on
1 January three years before it, the baseline is that first year, the
endline the last full year before the seed. The records are written with
the ORM and each gets the audit event its service would write, through
``amparo.programmes.events``, with the analyst as actor.
"""

import datetime
import random
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from decimal import Decimal

from amparo.accounts.models import OrganisationKind, User
from amparo.accounts.roles import Role
from amparo.audit.context import RequestOrigin, reset_origin, set_origin
from amparo.cases.models import Incident
from amparo.demo.audit import SEED_AGENT
from amparo.demo.programme_measurements import (
    PREVALENCE,
    Timeline,
    dec,
    record_studies,
    record_surveys,
    record_trainings,
)
from amparo.demo.programme_releases import seed_programme_releases
from amparo.demo.teams import Team
from amparo.justice.models import Court
from amparo.programmes import events, measures
from amparo.programmes.models import (
    Goal,
    Milestone,
    PrevalenceStudy,
    Programme,
    ProgrammeArea,
    Release,
    SurveyResult,
    Training,
)
from amparo.programmes.vocab import SurveyItem, Wave

NAME = "Justicia y Restauración 2030"
SLUG = "justicia-restauracion-2030"
SUMMARY = (
    "A fictional demo programme: faster, victim-friendly justice and restoration for "
    "survivors of sexual violence and trafficking in Guatemala. / Programa ficticio de "
    "demostración: justicia más ágil y amigable con las víctimas, y restauración para "
    "sobrevivientes de violencia sexual y trata en Guatemala."
)
# Round, census-like populations (fictional, of the order of Guatemala's departments).
POPULATIONS = {
    "Alta Verapaz": 1_300_000,
    "Baja Verapaz": 300_000,
    "Chimaltenango": 700_000,
    "Chiquimula": 420_000,
    "El Progreso": 250_000,
    "Escuintla": 800_000,
    "Guatemala": 3_500_000,
    "Huehuetenango": 1_200_000,
    "Izabal": 450_000,
    "Jalapa": 350_000,
    "Jutiapa": 500_000,
    "Petén": 550_000,
    "Quetzaltenango": 900_000,
    "Quiché": 950_000,
    "Retalhuleu": 350_000,
    "Sacatepéquez": 350_000,
    "San Marcos": 1_050_000,
    "Santa Rosa": 400_000,
    "Sololá": 450_000,
    "Suchitepéquez": 550_000,
    "Totonicapán": 500_000,
    "Zacapa": 250_000,
}
OTHER_POPULATION = 250_000
# The departments with studies, in this order when the data has them (each has courts).
STUDY_DEPARTMENTS = ("Guatemala", "Escuintla", "Quetzaltenango")
# Years after the baseline's year that the conviction rate's milestones hold the baseline
# (the day of seeding is at most three years after the baseline date).
PLAN_HOLD = 3
# The start of "every verdict so far".
EVER = datetime.date(1900, 1, 1)
# Public: the goals as published, in English and Spanish like the rest of the demo's text.
GOAL_TITLES = {
    "conviction_rate": "More verdicts end in a conviction / Más sentencias condenatorias",
    "convictions_per_complaint": (
        "More complaints end in a conviction / Más denuncias terminan en condena"
    ),
    "time_to_verdict": "Faster verdicts / Sentencias más rápidas",
    "victim_friendly_testimony": (
        "Survivors testify without facing the accused / "
        "Las sobrevivientes declaran sin enfrentar al acusado"
    ),
    "survivors_restored": "Survivors restored each year / Sobrevivientes restauradas cada año",
    "partner_service_share": (
        "Partners deliver more of the services / Los socios prestan más de los servicios"
    ),
    SurveyItem.WOULD_REPORT_POLICE: (
        "More people would report violence to the police / "
        "Más personas denunciarían la violencia ante la policía"
    ),
}


@dataclass
class SeededProgramme:
    programme: Programme
    areas: list[ProgrammeArea]
    goals: list[Goal] = field(default_factory=list)
    studies: list[PrevalenceStudy] = field(default_factory=list)
    surveys: list[SurveyResult] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    releases: list[Release] = field(default_factory=list)


def seed_programme(rng: random.Random, teams: list[Team], today: datetime.date) -> SeededProgramme:
    """The demo's programme with its areas, measurements and goals, each audited.

    Runs inside the seed's transaction, after the cases, legal cases, network
    and restoration journeys, whose figures the live goals start from.
    """
    owner = next(t for t in teams if t.organisation.kind == OrganisationKind.LEGAL_AID)
    partner = next(t for t in teams if t.organisation.kind == OrganisationKind.AFTERCARE)
    analyst = owner.staff[Role.DATA_ANALYST][0]
    when = Timeline(today)
    with _seeding_origin():
        programme = Programme.objects.create(
            organisation=owner.organisation,
            name=NAME,
            slug=SLUG,
            summary=SUMMARY,
            countries=["GT"],
            starts_on=when.starts_on,
            ends_on=when.ends_on,
            min_cell=11,
            rounding_base=5,
            privacy_budget=Decimal("3.000"),
            method_version=1,
            created_by=analyst,
        )
        programme.partners.add(partner.organisation)
        scope = measures.Scope(organisation_ids=(owner.organisation.pk, partner.organisation.pk))
        areas = _areas(programme, scope)
        events.programme_saved(actor=analyst, programme=programme)
        seeded = SeededProgramme(programme, areas)
        studied = _study_areas(areas, scope)
        seeded.studies = record_studies(programme, studied, when, analyst)
        seeded.surveys = record_surveys(programme, studied[:2], when, analyst)
        seeded.trainings = record_trainings(rng, programme, studied, when, analyst)
        for measurement in [*seeded.studies, *seeded.surveys, *seeded.trainings]:
            events.measurement_recorded(actor=analyst, measurement=measurement)
        seeded.goals = _goals(programme, seeded, scope, when, analyst)
        seeded.releases = seed_programme_releases(programme, as_of=today)
    return seeded


@contextmanager
def _seeding_origin() -> Iterator[None]:
    """The programmes' creators stamp the request's origin: say the seeder wrote these."""
    token = set_origin(RequestOrigin(user_agent=SEED_AGENT))
    try:
        yield
    finally:
        reset_origin(token)


def _areas(programme: Programme, scope: measures.Scope) -> list[ProgrammeArea]:
    """The departments the programme's incidents and courts are in, with their populations."""
    organisations = scope.organisation_ids
    departments = set(
        Incident.objects.filter(case__organisation_id__in=organisations).values_list(
            "admin1", flat=True
        )
    ) | set(
        Court.objects.filter(legal_cases__organisation_id__in=organisations).values_list(
            "admin1", flat=True
        )
    )
    areas = ProgrammeArea.objects.bulk_create(
        ProgrammeArea(
            programme=programme,
            country="GT",
            admin1=name,
            population=POPULATIONS.get(name, OTHER_POPULATION),
        )
        for name in sorted(departments)
    )
    programme.population_covered = sum(area.population for area in areas)
    programme.save(update_fields=["population_covered"])
    return areas


def _study_areas(areas: list[ProgrammeArea], scope: measures.Scope) -> list[ProgrammeArea]:
    """Up to three areas: the study departments first, then the busiest others."""
    by_name = {area.admin1: area for area in areas}
    busy = Counter(
        Incident.objects.filter(case__organisation_id__in=scope.organisation_ids).values_list(
            "admin1", flat=True
        )
    )
    rest = sorted((n for n in by_name if n not in STUDY_DEPARTMENTS), key=lambda n: (-busy[n], n))
    return [by_name[n] for n in (*STUDY_DEPARTMENTS, *rest) if n in by_name][: len(PREVALENCE)]


@dataclass(frozen=True)
class GoalPlan:
    indicator: str
    baseline: float
    target: float
    area: ProgrammeArea | None = None
    places: int = 1  # decimals of the milestones: 0 for counts and days
    # Years after the baseline's during which the milestones hold the baseline: the plan
    # expects reforms to take that long to show, then climbs straight to the target.
    hold: int = 0


def _goals(
    programme: Programme,
    seeded: SeededProgramme,
    scope: measures.Scope,
    when: Timeline,
    analyst: User,
) -> list[Goal]:
    """The goals, each with a milestone at every year's end between its baseline and target."""
    goals = []
    for plan in _goal_plans(seeded, scope, when):
        goal = Goal.objects.create(
            programme=programme,
            indicator=plan.indicator,
            area=plan.area,
            title=_title(plan),
            baseline_value=dec(plan.baseline),
            baseline_on=when.baseline_on,
            target_value=dec(plan.target),
            target_on=programme.ends_on,
            created_by=analyst,
        )
        Milestone.objects.bulk_create(_milestones(goal, plan))
        events.goal_saved(actor=analyst, goal=goal)
        goals.append(goal)
    return goals


def _title(plan: GoalPlan) -> str:
    if plan.area is None:
        return GOAL_TITLES[plan.indicator]
    name = plan.area.admin1
    if plan.indicator == "prevalence":
        return f"Less sexual violence in {name} / Menos violencia sexual en {name}"
    english, spanish = GOAL_TITLES[plan.indicator].split(" / ")
    return f"{english} in {name} / {spanish} en {name}"


def _milestones(goal: Goal, plan: GoalPlan) -> list[Milestone]:
    start, end = goal.baseline_on, goal.target_on
    climb = datetime.date(start.year + plan.hold, 12, 31) if plan.hold else start
    if climb >= end:  # seeded so late that the target comes before the hold ends
        climb = start
    rows = []
    for year in range(start.year + 1, end.year):
        due_on = datetime.date(year, 12, 31)
        share = max(0, (due_on - climb).days) / (end - climb).days
        value = round(plan.baseline + (plan.target - plan.baseline) * share, plan.places)
        rows.append(Milestone(goal=goal, due_on=due_on, value=dec(value)))
    return rows


def _goal_plans(seeded: SeededProgramme, scope: measures.Scope, when: Timeline) -> list[GoalPlan]:
    """Live goals start from the seeded case data (``baseline_share``), external ones from
    the baseline studies and survey; targets close part of the gap in the better direction."""
    k = seeded.programme.min_cell
    convicted = baseline_share("convictions", "verdicts", scope=scope, when=when, k=k)
    # The programme's specialised-court pilot is in the third study department (Quetzaltenango
    # when the data has it): its goals on the courts' pace and practice are that department's.
    pilot = _pilot_area(seeded)
    in_pilot = scope if pilot is None else replace(scope, areas=frozenset({pilot.admin1}))
    friendly = baseline_share(
        "testimonies_victim_friendly", "testimonies", scope=in_pilot, when=when, k=k
    )
    partners = baseline_share("services_by_partners", "services", scope=scope, when=when, k=k)
    rate, friendly_rate, partner_rate = (
        round(default if share is None else share)
        for share, default in ((convicted, 60), (friendly, 40), (partners, 30))
    )
    restored = measures.count(
        "survivors_restored",
        scope=scope,
        start=when.starts_on,
        end=when.baseline_on,
        as_of=when.baseline_on,
    )
    plans = [
        # Reforms take three years to show in the verdicts: the milestones hold the baseline
        # until the third year after it, then climb to the target.
        GoalPlan("conviction_rate", rate, _higher(rate), places=0, hold=PLAN_HOLD),
        # The cohort figure published for the region is 6–13%: from its low end to its high.
        GoalPlan("convictions_per_complaint", 6.0, 13.0, area=pilot),
        # About two and a half years from complaint to verdict, as the demo's legal cases take.
        GoalPlan("time_to_verdict", 900, 540, area=pilot, places=0),
        GoalPlan(
            "victim_friendly_testimony",
            friendly_rate,
            _higher(friendly_rate),
            area=pilot,
            places=0,
        ),
        GoalPlan("survivors_restored", restored, max(12, 2 * restored), places=0),
        GoalPlan("partner_service_share", partner_rate, _higher(partner_rate), places=0),
        GoalPlan(SurveyItem.WOULD_REPORT_POLICE, _first_survey(seeded), 55.0),
    ]
    for study in [s for s in seeded.studies if s.wave == Wave.BASELINE][:2]:
        baseline = float(study.estimate)
        plans.append(GoalPlan("prevalence", baseline, round(baseline * 0.6, 1), area=study.area))
    return plans


def _pilot_area(seeded: SeededProgramme) -> ProgrammeArea | None:
    """The area of the third baseline study (whose prevalence does not fall), if any."""
    baselines = [s for s in seeded.studies if s.wave == Wave.BASELINE]
    return baselines[2].area if len(baselines) > 2 else None


def _higher(percent: int) -> int:
    """A target that closes 40% of the gap to 100%."""
    return round(percent + (100 - percent) * 0.4)


def baseline_share(
    numerator: str, denominator: str, *, scope: measures.Scope, when: Timeline, k: int
) -> float | None:
    """A live share (%) at the baseline: over the programme's first year; when that rests on
    fewer than ``k`` records (the results would hide it), over every record up to the
    baseline date; then over every record up to the day of seeding (a small demo has few
    verdicts, which come years after the complaint); None when even that is below ``k``."""
    for start, end in (
        (when.starts_on, when.baseline_on),
        (EVER, when.baseline_on),
        (EVER, when.today),
    ):
        below = measures.count(denominator, scope=scope, start=start, end=end, as_of=end)
        if below >= k:
            above = measures.count(numerator, scope=scope, start=start, end=end, as_of=end)
            return 100 * above / below
    return None


def _first_survey(seeded: SeededProgramme) -> float:
    """The programme-wide baseline share of ``would_report_police``."""
    row = next(
        s for s in seeded.surveys if s.item == SurveyItem.WOULD_REPORT_POLICE and s.area is None
    )
    return float(row.estimate)

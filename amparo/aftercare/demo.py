"""Synthetic restoration journeys for the demo: placements, plans, services,
assessments with plausible trajectories, reintegrations and follow-ups.

It runs the real services (so every rule and audit event applies) over a
bounded number of cases, dating each step in the past.
"""

import contextlib
import datetime
import random

from django.core.exceptions import ValidationError
from django.utils import timezone

from amparo.accounts.models import Organisation, User
from amparo.aftercare.inputs import FamilyAssessmentInput, FollowUpInput, GoalInput, ServiceInput
from amparo.aftercare.models import Facility, Reintegration
from amparo.aftercare.selectors import active_instrument
from amparo.aftercare.services.assessments import assessment_record
from amparo.aftercare.services.careplans import care_plan_approve, care_plan_draft, care_plan_submit
from amparo.aftercare.services.delivery import counselling_session_record, service_record
from amparo.aftercare.services.placements import facility_create, placement_start
from amparo.aftercare.services.reintegration import (
    family_assessment_approve,
    family_assessment_record,
    follow_up_record,
    reintegration_complete,
    reintegration_decide,
    reintegration_propose,
)
from amparo.cases.models import Case
from amparo.core.dates import add_months

# (name, kind, department, beds). Names are proper names, the same in both languages.
FacilitySpec = tuple[str, str, str, int]
FACILITIES: list[FacilitySpec] = [
    ("Casa Esperanza (demo)", "shelter", "Guatemala", 40),
    ("Hogar Nueva Aurora (demo)", "shelter", "Quetzaltenango", 24),
    ("Casa de Transición Ceiba (demo)", "transitional", "Escuintla", 12),
]
# Demo free text is shown as typed, whatever the page's language, so it carries both.
GOALS = {
    "safety": "Agree a personal safety plan / Acordar un plan de seguridad personal",
    "legal": "Obtain a national ID document / Obtener el documento de identidad",
    "mental": "Attend weekly counselling / Asistir a terapia semanal",
    "economic": "Enrol in a vocational course / Inscribirse en un curso técnico",
    "social": (
        "Rebuild contact with a trusted relative / "
        "Recuperar el contacto con un familiar de confianza"
    ),
    "physical": "Complete a full medical check-up / Completar un chequeo médico completo",
}
PLAN_SUMMARY = "Demo plan / Plan de demostración"
SESSION_NOTES = [
    "Worked on grounding techniques; sleeping better. / Técnicas de anclaje; duerme mejor.",
    "Managing anxiety before the hearing. / "
    "Sesión centrada en el manejo de la ansiedad antes de la audiencia.",
    "Explored hopes for school next year. / Hablamos de sus planes de estudio.",
    "Safety plan reviewed with the caregiver. / Revisamos el plan de seguridad con la cuidadora.",
]
VISIT_CALM = "No concerns at the visit. / Visita sin novedades."
VISIT_RISK = "A risk was seen; supervisor informed. / Se observó un riesgo; supervisor informado."


def _scores(rng: random.Random, items: list[str], level: float) -> dict[str, int]:
    return {code: max(1, min(4, round(level + rng.uniform(-0.7, 0.7)))) for code in items}


def _between(
    rng: random.Random, first: datetime.date, last: datetime.date, today: datetime.date
) -> datetime.date:
    """A day from ``first`` to ``last``, but never after ``today`` (nor before ``first``)."""
    last = max(first, min(last, today))
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def create_shelters(*, supervisor: User, specs: list[FacilitySpec]) -> list[Facility]:
    """The facilities of ``supervisor``'s organisation, one per spec, through the service."""
    return [
        facility_create(actor=supervisor, name=name, kind=kind, admin1=admin1, capacity=beds)
        for name, kind, admin1, beds in specs
    ]


def seed_restoration(
    *,
    rng: random.Random,
    organisation: Organisation,
    supervisor: User,
    workers: list[User],
    cases: list[Case],
    today: datetime.date | None = None,
    shelters: list[Facility] | None = None,
) -> int:
    """Give ``cases`` (of ``organisation``) restoration journeys; returns how many.

    Places survivors in ``shelters`` (by default, new ones: ``FACILITIES``). Every
    date is drawn relative to ``today`` (by default the local date, which is
    also what the services check against) and after the step it follows, so
    the journeys are the same whatever day the demo is seeded. Some journeys
    are left waiting as a working day finds them: a care plan or a
    reintegration waiting for the supervisor, an assessment that is late.
    """
    today = today or timezone.localdate()
    if shelters is None:
        shelters = create_shelters(supervisor=supervisor, specs=FACILITIES)
    instrument = active_instrument(organisation_id=organisation.pk)
    items = [
        item.code for d in instrument.domains.prefetch_related("items") for item in d.items.all()
    ]
    done = 0
    for case in cases:
        worker = rng.choice(workers)
        age = (today - case.opened_on).days
        if age < 14:
            continue
        # Every step is drawn between the one it follows and today, never past it:
        # a step "up to five days later" on a case opened last week would be in the future.
        start = _between(rng, case.opened_on, case.opened_on + datetime.timedelta(days=5), today)
        facility = rng.choice(shelters)
        if rng.random() < 0.7:
            # A full facility is a realistic outcome: the survivor is then not placed.
            with contextlib.suppress(ValidationError):
                placement_start(
                    actor=worker,
                    case=case,
                    facility_id=facility.pk,
                    started_on=start,
                    reason=rng.choice(["emergency", "court_order", "voluntary"]),
                )
        goals = [
            GoalInput(
                domain=d,
                description=GOALS[d],
                target_on=today + datetime.timedelta(days=rng.randint(30, 300)),
            )
            for d in rng.sample(list(GOALS), 3)
        ]
        plan = care_plan_draft(
            actor=worker,
            case=case,
            summary=PLAN_SUMMARY,
            review_due_on=today + datetime.timedelta(days=rng.randint(1, 120)),
            goals=goals,
        )
        decision = rng.random()
        if decision < 0.85:
            care_plan_submit(actor=worker, plan=plan)
        if decision < 0.7:
            care_plan_approve(actor=supervisor, plan=plan)
        for service_type in rng.sample(
            [
                "crisis",
                "medical",
                "psychosocial",
                "legal",
                "education",
                "vocational",
                "shelter",
                "documentation",
            ],
            3,
        ):
            service_record(
                actor=worker,
                case=case,
                data=ServiceInput(
                    service_type=service_type,
                    status=rng.choice(["provided", "provided", "referred", "declined"]),
                    started_on=_between(rng, start, start + datetime.timedelta(days=60), today),
                ),
            )
        if rng.random() < 0.5:
            counselling_session_record(
                actor=worker,
                case=case,
                held_on=_between(
                    rng,
                    start + datetime.timedelta(days=1),
                    start + datetime.timedelta(days=90),
                    today,
                ),
                notes=rng.choice(SESSION_NOTES),
            )
        level = rng.uniform(1.4, 2.3)
        when = start
        # One journey in eight is late with its latest assessment.
        last = (
            today - datetime.timedelta(days=rng.randint(15, 60)) if rng.random() < 0.125 else today
        )
        while when <= last or when == start:
            assessment_record(
                actor=worker, case=case, assessed_on=when, scores=_scores(rng, items, level)
            )
            level = min(4.0, level + rng.uniform(0.1, 0.9))
            # Six calendar months, then yearly: the closure rule counts calendar months.
            when = add_months(when, 6 if when == start else 12)
        if age > 270 and rng.random() < 0.5:
            _reintegrate(rng, case=case, worker=worker, supervisor=supervisor, today=today)
        done += 1
    return done


def _reintegrate(
    rng: random.Random, *, case: Case, worker: User, supervisor: User, today: datetime.date
) -> None:
    assessed_on = today - datetime.timedelta(days=rng.randint(150, 240))
    waiting = rng.random() < 0.2  # the proposal waits for the supervisor's decision
    reintegrate(
        rng,
        case=case,
        worker=worker,
        supervisor=supervisor,
        today=today,
        assessed_on=assessed_on,
        home_on=None if waiting else assessed_on + datetime.timedelta(days=30),
    )


def reintegrate(
    rng: random.Random,
    *,
    case: Case,
    worker: User,
    supervisor: User,
    today: datetime.date,
    assessed_on: datetime.date,
    home_on: datetime.date | None,
) -> None:
    """Assess the family of ``case`` on ``assessed_on`` (approved), and propose going home.

    With ``home_on`` the proposal is approved and the survivor went home that
    day: the follow-up visits due up to a week before ``today`` are recorded,
    later ones are left to do. Without it, the proposal (for a day in the next
    month) waits for the supervisor's decision.
    """
    fa = family_assessment_record(
        actor=worker,
        case=case,
        data=FamilyAssessmentInput(
            assessed_on=assessed_on,
            household_safety=rng.choice(["safe", "conditional"]),
            recommendation=rng.choice(["reintegrate", "kinship"]),
            protective_factors=rng.sample(
                ["caring_adult", "income", "school", "community", "acceptance"], 2
            ),
            risks=rng.sample(["poverty", "stigma", "substances"], 1),
        ),
    )
    family_assessment_approve(actor=supervisor, assessment=fa)
    planned = home_on or today + datetime.timedelta(days=rng.randint(7, 30))
    proposal = reintegration_propose(
        actor=worker,
        case=case,
        family_assessment_id=fa.pk,
        destination="family" if fa.recommendation == "reintegrate" else "kinship",
        planned_on=planned,
    )
    if home_on is None:
        return
    proposal = reintegration_decide(
        actor=supervisor, reintegration=proposal, expected_version=proposal.version, approve=True
    )
    # The seed writes past history today: the proposal and its approval are dated
    # when they would have been made, so the survivor does not go home before them.
    decided = timezone.make_aware(datetime.datetime.combine(planned, datetime.time(9)))
    Reintegration.objects.filter(pk=proposal.pk).update(created_at=decided, decided_at=decided)
    proposal.refresh_from_db()
    reintegration_complete(
        actor=worker,
        reintegration=proposal,
        expected_version=proposal.version,
        reintegrated_on=planned,
    )
    for visit in case.follow_ups.filter(due_on__lte=today - datetime.timedelta(days=7)).order_by(
        "due_on"
    ):
        risky = rng.random() < 0.08
        follow_up_record(
            actor=worker,
            follow_up=visit,
            data=FollowUpInput(
                done_on=min(today, visit.due_on + datetime.timedelta(days=rng.randint(0, 6))),
                method=rng.choice(["home", "phone", "school"]),
                risks=rng.sample(["perpetrator", "left_school", "threats", "retrafficking"], 1)
                if risky
                else [],
                notes=VISIT_RISK if risky else VISIT_CALM,
            ),
        )

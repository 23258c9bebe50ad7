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
from amparo.aftercare.models import Reintegration
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

FACILITIES = [
    ("Casa Esperanza (demo)", "shelter", "Guatemala", 40),
    ("Hogar Nueva Aurora (demo)", "shelter", "Quetzaltenango", 24),
    ("Casa de Transición Ceiba (demo)", "transitional", "Escuintla", 12),
]
GOALS = {
    "safety": ["Agree a personal safety plan", "Acordar un plan de seguridad personal"],
    "legal": ["Obtain a national ID document", "Obtener el documento de identidad"],
    "mental": ["Attend weekly counselling", "Asistir a terapia semanal"],
    "economic": ["Enrol in a vocational course", "Inscribirse en un curso técnico"],
    "social": [
        "Rebuild contact with a trusted relative",
        "Recuperar el contacto con un familiar de confianza",
    ],
    "physical": ["Complete a full medical check-up", "Completar un chequeo médico completo"],
}
SESSION_NOTES = [
    "Worked on grounding techniques; sleeping better.",
    "Sesión centrada en el manejo de la ansiedad antes de la audiencia.",
    "Explored hopes for school next year.",
    "Revisamos el plan de seguridad con la cuidadora.",
]


def _scores(rng: random.Random, items: list[str], level: float) -> dict[str, int]:
    return {code: max(1, min(4, round(level + rng.uniform(-0.7, 0.7)))) for code in items}


def _between(
    rng: random.Random, first: datetime.date, last: datetime.date, today: datetime.date
) -> datetime.date:
    """A day from ``first`` to ``last``, but never after ``today`` (nor before ``first``)."""
    last = max(first, min(last, today))
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def seed_restoration(
    *,
    rng: random.Random,
    organisation: Organisation,
    supervisor: User,
    workers: list[User],
    cases: list[Case],
    today: datetime.date | None = None,
) -> int:
    """Give ``cases`` (of ``organisation``) restoration journeys; returns how many.

    Every date is drawn relative to ``today`` (by default the local date, which
    is also what the services check against) and after the step it follows, so
    the journeys are the same whatever day the demo is seeded.
    """
    today = today or timezone.localdate()
    facilities = [
        facility_create(actor=supervisor, name=name, kind=kind, admin1=admin1, capacity=beds)
        for name, kind, admin1, beds in FACILITIES
    ]
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
        facility = rng.choice(facilities)
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
        lang = rng.randint(0, 1)
        goals = [
            GoalInput(
                domain=d,
                description=GOALS[d][lang],
                target_on=today + datetime.timedelta(days=rng.randint(30, 300)),
            )
            for d in rng.sample(list(GOALS), 3)
        ]
        plan = care_plan_draft(
            actor=worker,
            case=case,
            summary="Demo plan / plan de demostración",
            review_due_on=today + datetime.timedelta(days=rng.randint(1, 120)),
            goals=goals,
        )
        if rng.random() < 0.8:
            care_plan_submit(actor=worker, plan=plan)
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
        while when <= today:
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
    planned = assessed_on + datetime.timedelta(days=30)
    proposal = reintegration_propose(
        actor=worker,
        case=case,
        family_assessment_id=fa.pk,
        destination="family" if fa.recommendation == "reintegrate" else "kinship",
        planned_on=planned,
    )
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
                notes="Visita sin novedades."
                if not risky
                else "Se observó un riesgo; supervisor informado.",
            ),
        )

"""Synthetic legal cases whose timings look like a real justice system's.

Most reported cases never reach a verdict; among those that do, convictions
are a minority of all reports (6–15 %); a verdict takes years; hearings are
often postponed. Used by ``seed`` and by the indicator benchmark. Rows are
bulk-created for speed, then stage events, charges and hearings follow the
same dates, so the denormalised ``*_on`` columns agree with the events.
"""

import datetime
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from amparo.accounts.models import Organisation
from amparo.justice import vocab
from amparo.justice.models import (
    Accused,
    Charge,
    Court,
    Hearing,
    LegalCase,
    LegalCaseLawyer,
    Offence,
    StageEvent,
)

PSEUDONYMS = [
    "El Lobo",
    "El Gato",
    "La Sombra",
    "El Zorro",
    "El Cuervo",
    "La Víbora",
    "El Toro",
    "El Halcón",
]
CATEGORY_OFFENCES = {
    "trafficking": ["trafficking", "forced_labour"],
    "sexual_violence": ["rape", "aggravated_rape", "sexual_assault"],
    "sexual_exploitation": ["paid_sex_with_minor", "promoting_prostitution"],
    "osec": ["child_pornography_production", "child_pornography_distribution", "online_grooming"],
    "vaw": ["violence_against_women_sexual", "violence_against_women_physical"],
}
CATEGORY_WEIGHTS = {
    "sexual_violence": 45,
    "trafficking": 20,
    "sexual_exploitation": 15,
    "osec": 10,
    "vaw": 10,
}
POSTPONE_REASONS = [
    "defence",
    "defence",
    "judge",
    "schedule",
    "schedule",
    "accused",
    "prosecutor",
    "witness",
    "procedural",
    "interpreter",
]


@dataclass
class _Plan:
    case: LegalCase
    stages: dict[str, datetime.date]
    verdict: str | None


def _plan_stages(
    rng: random.Random, complaint: datetime.date, today: datetime.date
) -> tuple[dict[str, datetime.date], str | None]:
    """Walk the stages with realistic drop-out and delays; stop at today."""
    stages = {"complaint": complaint}
    day = complaint

    def step(stage: str, chance: float, low: int, high: int) -> bool:
        nonlocal day
        if rng.random() > chance:
            return False
        when = day + datetime.timedelta(days=rng.randint(low, high))
        if when > today:
            return False
        stages[stage] = when
        day = when
        return True

    if not step("investigation", 0.9, 3, 60):
        return stages, None
    if rng.random() < 0.45:
        step("arrest", 1.0, 20, 300)
    if not step("charges", 0.5, 90, 450):
        return stages, None
    if not step("trial", 0.65, 150, 600):
        return stages, None
    if not step("verdict", 0.85, 30, 200):
        return stages, None
    verdict = rng.choices(["convicted", "acquitted", "dismissed"], weights=[70, 22, 8])[0]
    if verdict == "convicted":
        step("sentence", 1.0, 0, 30)
    if rng.random() < 0.3:
        step("appeal", 1.0, 15, 120)
    return stages, verdict


@transaction.atomic
def seed_legal_cases(
    *,
    rng: random.Random,
    organisation: Organisation,
    count: int,
    created_by_id: int,
    lawyer_ids: list[int],
    victim_case_ids: list[int] | None = None,
    today: datetime.date | None = None,
    span_days: int = 4 * 365,
    with_details: bool = True,
    batch_size: int = 2000,
) -> int:
    """Create ``count`` legal cases for ``organisation``; returns how many."""
    today = today or timezone.localdate()
    courts = list(Court.objects.filter(country=organisation.country).values_list("pk", flat=True))
    offences = dict(Offence.objects.filter(country=organisation.country).values_list("code", "pk"))
    categories, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    created = 0
    while created < count:
        plans: list[_Plan] = []
        for _ in range(min(batch_size, count - created)):
            complaint = today - datetime.timedelta(days=rng.randint(0, span_days))
            stages, verdict = _plan_stages(rng, complaint, today)
            closed_on, reason = None, ""
            if verdict and rng.random() < 0.8:
                closed_on, reason = max(stages.values()), vocab.LegalClosureReason.VERDICT_FINAL
            elif not verdict and rng.random() < 0.2:
                closed_on = min(
                    today, max(stages.values()) + datetime.timedelta(days=rng.randint(30, 400))
                )
                reason = rng.choice(
                    [vocab.LegalClosureReason.WITHDRAWN, vocab.LegalClosureReason.DISMISSED]
                )
            category = rng.choices(categories, weights=weights)[0]
            case = LegalCase(
                organisation=organisation,
                title=f"{rng.choice(['Caso', 'Expediente', 'Proceso'])} {rng.randint(100, 9999)}",
                reference=f"DEMO-EXP-{rng.randint(10000, 99999)}",
                court_id=rng.choice(courts),
                offence_category=category,
                status=vocab.LegalCaseStatus.CLOSED if closed_on else vocab.LegalCaseStatus.OPEN,
                closed_on=closed_on,
                closure_reason=reason,
                created_by_id=created_by_id,
                convicted=verdict == "convicted",
                **{LegalCase.stage_column(s): d for s, d in stages.items()},
            )
            plans.append(_Plan(case=case, stages=stages, verdict=verdict))
        LegalCase.objects.bulk_create([p.case for p in plans], batch_size=batch_size)
        created += len(plans)
        if not with_details:
            continue
        _seed_details(
            rng,
            plans,
            offences=offences,
            lawyer_ids=lawyer_ids,
            victim_case_ids=victim_case_ids,
            created_by_id=created_by_id,
            today=today,
        )
    return created


def _seed_details(rng, plans, *, offences, lawyer_ids, victim_case_ids, created_by_id, today):
    stage_events, lawyers, accused_rows = [], [], []
    for plan in plans:
        for stage, day in plan.stages.items():
            stage_events.append(
                StageEvent(
                    legal_case=plan.case, stage=stage, occurred_on=day, recorded_by_id=created_by_id
                )
            )
        if lawyer_ids:
            lawyers.append(LegalCaseLawyer(legal_case=plan.case, user_id=rng.choice(lawyer_ids)))
        for _ in range(rng.choice([1, 1, 1, 2])):
            accused_rows.append(
                Accused(
                    legal_case=plan.case,
                    pseudonym=rng.choice(PSEUDONYMS),
                    full_name=f"Acusado Ficticio {rng.randint(1, 999)}",
                    sex=rng.choices(["male", "female"], weights=[88, 12])[0],
                    age_band=rng.choice(["18-25", "26-40", "26-40", "41-60"]),
                    relation_to_victim=rng.choice(
                        [
                            "recruiter",
                            "family",
                            "neighbour",
                            "intimate_partner",
                            "employer",
                            "unknown",
                        ]
                    ),
                    role=rng.choice(["recruiter", "exploiter", "transporter", "buyer", ""]),
                    custody_status=rng.choice(["at_large", "detained", "alternative", "unknown"]),
                    created_by_id=created_by_id,
                )
            )
    StageEvent.objects.bulk_create(stage_events, batch_size=5000)
    LegalCaseLawyer.objects.bulk_create(lawyers, batch_size=5000)
    Accused.objects.bulk_create(accused_rows, batch_size=5000)
    by_case: dict[int, list[Accused]] = {}
    for accused in accused_rows:
        by_case.setdefault(accused.legal_case_id, []).append(accused)
    charges, hearings = [], []
    for plan in plans:
        codes = CATEGORY_OFFENCES[plan.case.offence_category]
        for accused in by_case.get(plan.case.pk, []):
            verdict_on = plan.stages.get("verdict")
            convicted = plan.verdict == "convicted"
            charges.append(
                Charge(
                    accused=accused,
                    offence_id=offences[rng.choice(codes)],
                    verdict=plan.verdict or "",
                    verdict_on=verdict_on,
                    custody_months=rng.choice([60, 96, 120, 192, 240]) if convicted else None,
                    reparation_ordered=convicted and rng.random() < 0.6,
                    sentenced_on=plan.stages.get("sentence") if convicted else None,
                )
            )
        if "charges" in plan.stages:
            hearings.extend(_hearings(rng, plan, today=today))
        if victim_case_ids:
            plan.case.victims.add(rng.choice(victim_case_ids))
    Charge.objects.bulk_create(charges, batch_size=5000)
    Hearing.objects.bulk_create(hearings, batch_size=5000)


def _hearings(rng: random.Random, plan: _Plan, *, today: datetime.date) -> list[Hearing]:
    start = plan.stages["charges"]
    end = plan.stages.get("verdict", today + datetime.timedelta(days=60))
    rows = []
    day = start
    while day < end:
        day += datetime.timedelta(days=rng.randint(30, 150))
        if "verdict" in plan.stages and day > end:
            break  # no hearing after the verdict
        at = timezone.make_aware(
            datetime.datetime.combine(day, datetime.time(rng.choice([8, 9, 10, 14]), 0))
        )
        kind = (
            "trial"
            if "trial" in plan.stages and day >= plan.stages["trial"]
            else rng.choice(["first_statement", "pre_trial", "advance_evidence"])
        )
        # A hearing today is still ahead (its hour may not have come): it has no outcome yet.
        if day >= today:
            rows.append(
                Hearing(
                    legal_case=plan.case,
                    scheduled_for=at,
                    kind=kind,
                    court_id=plan.case.court_id,
                    created_by_id=plan.case.created_by_id,
                )
            )
            break
        postponed = rng.random() < 0.45
        testified = not postponed and kind in ("advance_evidence", "trial") and rng.random() < 0.6
        rows.append(
            Hearing(
                legal_case=plan.case,
                scheduled_for=at,
                kind=kind,
                court_id=plan.case.court_id,
                outcome="postponed" if postponed else "held",
                postponement_reason=rng.choice(POSTPONE_REASONS) if postponed else "",
                survivor_testified=testified,
                testimony_setting=rng.choices(
                    ["gesell", "video", "screen", "open_court"], weights=[50, 15, 10, 25]
                )[0]
                if testified
                else "",
                accompanied_by=rng.choice(
                    ["Psicóloga / psychologist", "Abogada / lawyer", "Trabajadora social"]
                )
                if testified
                else "",
                created_by_id=plan.case.created_by_id,
            )
        )
    return rows

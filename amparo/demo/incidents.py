"""Plausible incidents for the demo: GBVIMS answers and, for a share, a trafficking context.

Only the answers to the guided questions and the chosen contexts are made up
here; the type, the derived contexts and the report delay are computed by
``amparo.cases.classification`` exactly as the intake service does.
"""

import datetime
import random

from amparo.cases.inputs import IncidentInput
from amparo.cases.vocab import (
    CaseContext,
    Exploitation,
    LabourType,
    MeansOfControl,
    PerpetratorRelation,
    RecruiterRelation,
    SexualExploitationType,
)
from amparo.demo import fiction

# (scenario, weight for a child, weight for an adult)
SCENARIOS = (
    ("trafficking_sexual", 24, 26),
    ("trafficking_labour", 6, 12),
    ("osec", 8, 0),
    ("child_abuse", 42, 0),
    ("forced_marriage", 6, 3),
    ("ipv", 4, 34),
    ("sexual_violence", 10, 25),
)
_MEANS = [m for m in MeansOfControl.values if m not in ("other", "not_specified")]
_LABOUR = (
    LabourType.DOMESTIC_WORK,
    LabourType.AGRICULTURE,
    LabourType.BEGGING,
    LabourType.HOSPITALITY,
    LabourType.PEDDLING,
    LabourType.ILLICIT,
    LabourType.MANUFACTURING,
)
# Days from incident to report: (low, high, weight), most reports come late.
_DELAYS = ((0, 3, 30), (4, 5, 8), (6, 14, 14), (15, 30, 14), (31, 730, 34))


def _yes(rng: random.Random, share: float) -> bool:
    return rng.random() < share


def _delay_days(rng: random.Random) -> int:
    low, high, _weight = rng.choices(_DELAYS, [d[2] for d in _DELAYS])[0]
    return rng.randint(low, high)


def incident_input(
    rng: random.Random,
    *,
    age: int,
    opened_on: datetime.date,
    today: datetime.date,
    scenario: str | None = None,
    language: str = "es",
) -> IncidentInput:
    """An incident that happened before ``opened_on`` to a survivor of ``age`` then, its
    description in ``language``."""
    minor = age < 18
    if scenario is None:
        names = [s[0] for s in SCENARIOS]
        scenario = rng.choices(names, [s[1] if minor else s[2] for s in SCENARIOS])[0]
    department = fiction.weighted_department(rng)
    occurred_on = opened_on - datetime.timedelta(days=_delay_days(rng))
    data = IncidentInput(
        occurred_on=occurred_on,
        date_is_estimated=_yes(rng, 0.2),
        admin1=department,
        admin2=fiction.municipality(rng, department),
        perpetrator_sex=rng.choices(["male", "both", "female", "unknown"], [80, 8, 5, 7])[0],
        perpetrator_age_band=rng.choices(["18-25", "26-40", "41-60", "unknown"], [25, 40, 20, 15])[
            0
        ],
        description=rng.choice(fiction.DESCRIPTIONS[language]) if _yes(rng, 0.7) else "",
    )
    _SHAPERS[scenario](rng, data, minor)
    if _yes(rng, 0.55):
        latest = min(today, opened_on + datetime.timedelta(days=30))
        data.reported_to_police = True
        data.police_reported_on = occurred_on + datetime.timedelta(
            days=rng.randint(0, (latest - occurred_on).days)
        )
    return data


def _trafficking_sexual(rng: random.Random, data: IncidentInput, minor: bool) -> None:
    data.q_penetration = _yes(rng, 0.9)
    data.q_sexual_contact = not data.q_penetration
    data.q_psychological = _yes(rng, 0.6)
    data.money_or_goods_exchanged = True
    data.contexts = [CaseContext.TRAFFICKING, CaseContext.SEXUAL_EXPLOITATION]
    data.exploitation_types = [Exploitation.SEXUAL]
    data.sexual_exploitation_types = sorted(
        set(
            rng.choices(
                SexualExploitationType.values,
                [60, 10, 10, 20],
                k=rng.randint(1, 2),
            )
        )
    )
    data.means_of_control = sorted(rng.sample(_MEANS, rng.randint(2, 5)))
    data.recruiter_relation = rng.choices(RecruiterRelation.values, [15, 30, 10, 30, 15])[0]
    data.perpetrator_relation = PerpetratorRelation.RECRUITER
    data.perpetrator_count = rng.randint(1, 5)


def _trafficking_labour(rng: random.Random, data: IncidentInput, minor: bool) -> None:
    data.q_physical = _yes(rng, 0.4)
    data.q_denial = _yes(rng, 0.3)
    data.q_psychological = True
    data.contexts = [CaseContext.TRAFFICKING]
    data.exploitation_types = [Exploitation.FORCED_LABOUR]
    data.labour_types = sorted(rng.sample(_LABOUR, rng.randint(1, 2)))
    data.means_of_control = sorted(
        {MeansOfControl.TAKES_EARNINGS, *rng.sample(_MEANS, rng.randint(1, 4))}
    )
    data.recruiter_relation = rng.choice(RecruiterRelation.values)
    data.perpetrator_relation = rng.choice(
        [PerpetratorRelation.EMPLOYER, PerpetratorRelation.RECRUITER]
    )
    data.perpetrator_count = rng.randint(1, 3)


def _osec(rng: random.Random, data: IncidentInput, minor: bool) -> None:
    data.q_sexual_contact = True
    data.q_psychological = _yes(rng, 0.7)
    data.money_or_goods_exchanged = _yes(rng, 0.5)
    data.contexts = [CaseContext.OSEC]
    data.sexual_exploitation_types = [SexualExploitationType.REMOTE_INTERACTIVE]
    if _yes(rng, 0.5):
        data.contexts.append(CaseContext.TRAFFICKING)
        data.exploitation_types = [Exploitation.SEXUAL]
        data.means_of_control = sorted(rng.sample(_MEANS, rng.randint(1, 3)))
    data.perpetrator_relation = rng.choice(
        [PerpetratorRelation.FAMILY, PerpetratorRelation.COMMUNITY, PerpetratorRelation.UNKNOWN]
    )


def _child_abuse(rng: random.Random, data: IncidentInput, minor: bool) -> None:
    data.q_penetration = _yes(rng, 0.55)
    data.q_sexual_contact = not data.q_penetration
    data.q_psychological = _yes(rng, 0.5)
    data.perpetrator_sex = "male"
    data.perpetrator_relation = rng.choices(
        [
            PerpetratorRelation.FAMILY,
            PerpetratorRelation.PRIMARY_CAREGIVER,
            PerpetratorRelation.NEIGHBOUR,
            PerpetratorRelation.TEACHER,
            PerpetratorRelation.SCHOOLMATE,
            PerpetratorRelation.COMMUNITY,
        ],
        [35, 20, 20, 8, 5, 12],
    )[0]
    if data.perpetrator_relation == PerpetratorRelation.SCHOOLMATE:
        data.perpetrator_age_band = "12-17"


def _forced_marriage(rng: random.Random, data: IncidentInput, minor: bool) -> None:
    data.q_forced_marriage = True
    data.q_psychological = _yes(rng, 0.6)
    data.contexts = [CaseContext.HARMFUL_PRACTICE] if _yes(rng, 0.4) else []
    data.perpetrator_relation = PerpetratorRelation.FAMILY


def _ipv(rng: random.Random, data: IncidentInput, minor: bool) -> None:
    data.q_penetration = _yes(rng, 0.25)
    data.q_physical = _yes(rng, 0.7)
    data.q_denial = _yes(rng, 0.2)
    data.q_psychological = _yes(rng, 0.85)
    # Intimate partner violence follows from the relation (derived, never chosen).
    data.perpetrator_sex = "male"
    data.perpetrator_relation = PerpetratorRelation.INTIMATE_PARTNER


def _sexual_violence(rng: random.Random, data: IncidentInput, minor: bool) -> None:
    data.q_penetration = _yes(rng, 0.6)
    data.q_sexual_contact = not data.q_penetration
    data.q_physical = _yes(rng, 0.3)
    data.money_or_goods_exchanged = _yes(rng, 0.1)
    data.perpetrator_relation = rng.choice(
        [
            PerpetratorRelation.COMMUNITY,
            PerpetratorRelation.NO_RELATION,
            PerpetratorRelation.EMPLOYER,
            PerpetratorRelation.SERVICE_PROVIDER,
            PerpetratorRelation.UNKNOWN,
        ]
    )


_SHAPERS = {
    "trafficking_sexual": _trafficking_sexual,
    "trafficking_labour": _trafficking_labour,
    "osec": _osec,
    "child_abuse": _child_abuse,
    "forced_marriage": _forced_marriage,
    "ipv": _ipv,
    "sexual_violence": _sexual_violence,
}

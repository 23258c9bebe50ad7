"""A small, hand-counted caseload for the restoration report's tests.

Ten cases opened on 2026-01-01, each with a restoration assessment:

====  ===============================  ==========  ================  =========  ==========
n     outcome                          on (day)    department        incident   services
====  ===============================  ==========  ================  =========  ==========
2     restored                         2026-04-11 (100)  Escuintla   rape       Refugio
4     closed without restoration       2026-02-20 (50)   Escuintla   rape       Refugio (1)
2     restored                         2026-07-20 (200)  Petén       physical   —
2     still open                       —                 Petén /     physical   —
                                                          none
====  ===============================  ==========  ================  =========  ==========

Aalen–Johansen by hand: day 50, 4 of 10 close (all-cause survival 0.6);
day 100, 2 of 6 at risk restored: incidence 0.6 × 2/6 = 0.2, survival 0.4;
day 200, 2 of 4 restored: incidence 0.2 + 0.4 × 2/4 = 0.4. It never reaches
one half: no median. A Kaplan–Meier that censored the closures would say
1 − (4/6)(2/4) = 0.67 by day 200 and a median of 200 days.
"""

import datetime
import itertools

from amparo.aftercare.models import RestorationStatus, Service
from amparo.aftercare.selectors import active_instrument
from amparo.cases.models import Case, Incident
from amparo.cases.vocab import CaseStatus, ClosureReason

OPENED = datetime.date(2026, 1, 1)
TODAY = datetime.date(2026, 12, 31)
_codes = itertools.count(1)


def add_case(
    cast,
    *,
    opened: datetime.date = OPENED,
    restored: datetime.date | None = None,
    closed: datetime.date | None = None,
    reason: str = ClosureReason.OTHER,
    admin1: str | None = "Escuintla",
    gbv_type: str = "rape",
    provider=None,
    first: int = 2,
    latest: int = 3,
    assessments: int = 2,
) -> Case:
    """One measured case of Lex, with its first incident, summary row and (optionally) a service."""
    case = Case.objects.create(
        organisation=cast.lex,
        survivor=cast.case.survivor,
        code=f"R-{next(_codes)}",
        origin="report",
        opened_on=opened,
        closed_on=closed,
        closure_reason=reason if closed else "",
        status=CaseStatus.CLOSED if closed else CaseStatus.ACTIVE,
        created_by=cast.caseworker,
    )
    if admin1 is not None:
        Incident.objects.create(
            case=case,
            occurred_on=opened - datetime.timedelta(days=5),
            reported_on=opened,
            admin1=admin1,
            gbv_type=gbv_type,
            created_by=cast.caseworker,
        )
    RestorationStatus.objects.create(
        case=case,
        instrument=active_instrument(organisation_id=cast.lex.pk),
        assessments=assessments,
        first_on=opened,
        last_on=restored or opened,
        first_scores={"safety": first, "legal": first},
        latest_scores={"safety": latest, "legal": latest},
        restored_on=restored,
    )
    if provider is not None:
        Service.objects.create(
            case=case,
            service_type="psychosocial",
            provider=provider,
            status="provided",
            started_on=opened,
            created_by=cast.caseworker,
        )
    return case


def build_world(cast) -> None:
    """The ten cases of the module docstring."""
    day = OPENED.__add__
    for _ in range(2):
        add_case(cast, restored=day(datetime.timedelta(days=100)), provider=cast.refugio)
    for index in range(4):
        add_case(
            cast,
            closed=day(datetime.timedelta(days=50)),
            reason=ClosureReason.SURVIVOR_WITHDREW,
            provider=cast.refugio if index == 0 else None,
            latest=2,
        )
    for _ in range(2):
        add_case(
            cast,
            restored=day(datetime.timedelta(days=200)),
            admin1="Petén",
            gbv_type="physical_assault",
        )
    add_case(cast, admin1="Petén", gbv_type="physical_assault", assessments=1)
    add_case(cast, admin1=None, assessments=1)

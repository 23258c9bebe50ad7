"""What a programme counts from live case data: each figure as the set of records it counts.

A release publishes counts; the differencing check needs more than counts:
which records each count is made of, so that two cells of two releases that
overlap (periods that share months, "all departments" beside one, version 2
beside version 1) can be told apart record by record. So every measure here
answers, for a scope and a period, the ids of the records it counts, grouped
by department (``members``). The count is the size of the set; a department's
sets are disjoint and make up the programme's total.

The records are those of the programme's organisations (its owner and its
partners). A case's department is that of its first incident; a legal case's,
a hearing's, that of its court. A measure's ``unit`` names what its ids are
(two measures of the same unit may count the same record: convictions are
among verdicts, and the check sees it).

Live indicators (``amparo.programmes.indicators``) are ratios of these
measures, so a goal on the results page and a release count the same thing.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amparo.aftercare.models import RestorationStatus, Service
from amparo.cases.models import Case, Incident
from amparo.justice.models import Hearing, LegalCase
from amparo.justice.vocab import VICTIM_FRIENDLY_SETTINGS


@dataclass(frozen=True)
class Scope:
    """Whose records are counted: the programme's organisations, optionally some departments."""

    organisation_ids: tuple[int, ...]
    areas: frozenset[str] | None = None  # admin1 names; None for every department


Members = dict[str, frozenset[int]]  # department (admin1) → ids of the records counted
# The department of a record that has none yet (a case without an incident): in totals only.
UNKNOWN_AREA = "(unknown)"


@dataclass(frozen=True)
class Measure:
    code: str
    label: str | Promise
    definition: str | Promise
    unit: str  # "legal_case", "case", "hearing" or "service": what the ids are
    pillar: str  # "intake", "justice", "restoration" or "network"
    query: Callable[[Scope, datetime.date, datetime.date, datetime.date], Iterable[tuple[int, str]]]


def _case_area() -> Subquery:
    first = Incident.objects.filter(case=OuterRef("case_id")).order_by("occurred_on", "id")
    return Subquery(first.values("admin1")[:1])


def _own_case_area() -> Subquery:
    first = Incident.objects.filter(case=OuterRef("pk")).order_by("occurred_on", "id")
    return Subquery(first.values("admin1")[:1])


def _legal_cases(scope: Scope) -> QuerySet[LegalCase]:
    cases = LegalCase.objects.filter(organisation_id__in=scope.organisation_ids)
    if scope.areas is not None:
        cases = cases.filter(court__admin1__in=scope.areas)
    return cases


def _pairs(rows: QuerySet, area: str = "area") -> Iterable[tuple[int, str]]:
    return rows.values_list("pk", area)


def _complaints(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    rows = _legal_cases(scope).filter(complaint_on__gte=start, complaint_on__lte=end)
    return _pairs(rows.annotate(area=F("court__admin1")))


def _complaints_convicted(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    # The cohort figure comparable with the published 6–13%: complaints of the period
    # that had ended in a conviction by ``as_of``.
    rows = _legal_cases(scope).filter(
        complaint_on__gte=start, complaint_on__lte=end, convicted=True, verdict_on__lte=as_of
    )
    return _pairs(rows.annotate(area=F("court__admin1")))


def _verdicts(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    rows = _legal_cases(scope).filter(verdict_on__gte=start, verdict_on__lte=end)
    return _pairs(rows.annotate(area=F("court__admin1")))


def _convictions(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    rows = _legal_cases(scope).filter(verdict_on__gte=start, verdict_on__lte=end, convicted=True)
    return _pairs(rows.annotate(area=F("court__admin1")))


def _testimonies(scope: Scope, start, end, as_of, *, friendly: bool = False):
    rows = Hearing.objects.filter(
        legal_case__in=_legal_cases(scope),
        survivor_testified=True,
        scheduled_for__date__gte=start,
        scheduled_for__date__lte=end,
    )
    if friendly:
        rows = rows.filter(testimony_setting__in=VICTIM_FRIENDLY_SETTINGS)
    return _pairs(rows.annotate(area=F("court__admin1")))


def _cases(scope: Scope) -> QuerySet[Case]:
    cases = Case.objects.filter(organisation_id__in=scope.organisation_ids).annotate(
        area=_own_case_area()
    )
    if scope.areas is not None:
        cases = cases.filter(area__in=scope.areas)
    return cases


def _survivors_intake(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    return _pairs(_cases(scope).filter(opened_on__gte=start, opened_on__lte=end))


def _survivors_justice(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    # Victims of a legal case that was open at some time in the period.
    active = LegalCase.objects.filter(
        organisation_id__in=scope.organisation_ids, complaint_on__lte=end
    ).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=start))
    return _pairs(_cases(scope).filter(legal_cases__in=active).distinct())


def _services(scope: Scope, start, end) -> QuerySet[Service]:
    rows = Service.objects.filter(
        case__organisation_id__in=scope.organisation_ids, started_on__lte=end
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
    rows = rows.annotate(area=_case_area())
    if scope.areas is not None:
        rows = rows.filter(area__in=scope.areas)
    return rows


def _survivors_restoration(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    served = _services(scope, start, end).values("case_id")
    return _pairs(_cases(scope).filter(pk__in=served))


def _survivors_restored(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    restored = RestorationStatus.objects.filter(
        restored_on__gte=start, restored_on__lte=end
    ).values("case_id")
    return _pairs(_cases(scope).filter(pk__in=restored))


def _services_all(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    return _pairs(_services(scope, start, end))


def _services_by_partners(scope: Scope, start, end, as_of) -> Iterable[tuple[int, str]]:
    # Delivered by an organisation other than the one whose case it is: a partner's work.
    rows = _services(scope, start, end).exclude(provider_id=F("case__organisation_id"))
    return _pairs(rows)


MEASURES: dict[str, Measure] = {
    m.code: m
    for m in (
        Measure(
            "complaints",
            _("Complaints filed"),
            _("Legal cases whose complaint was filed in the period."),
            "legal_case",
            "justice",
            _complaints,
        ),
        Measure(
            "complaints_convicted",
            _("Complaints ending in a conviction"),
            _(
                "Legal cases whose complaint was filed in the period and that had ended "
                "in a conviction by the date of the figures."
            ),
            "legal_case",
            "justice",
            _complaints_convicted,
        ),
        Measure(
            "verdicts",
            _("Legal cases with a verdict"),
            _("Legal cases whose verdict was given in the period."),
            "legal_case",
            "justice",
            _verdicts,
        ),
        Measure(
            "convictions",
            _("Legal cases with a conviction"),
            _("Legal cases whose verdict, given in the period, convicted at least one accused."),
            "legal_case",
            "justice",
            _convictions,
        ),
        Measure(
            "testimonies",
            _("Survivor testimonies"),
            _("Hearings in the period at which a survivor testified."),
            "hearing",
            "justice",
            _testimonies,
        ),
        Measure(
            "testimonies_victim_friendly",
            _("Testimonies in a victim-friendly setting"),
            _(
                "Hearings in the period at which a survivor testified in a Gesell chamber, "
                "by closed-circuit video or behind a screen."
            ),
            "hearing",
            "justice",
            lambda scope, start, end, as_of: _testimonies(scope, start, end, as_of, friendly=True),
        ),
        Measure(
            "survivors_intake",
            _("Survivors received"),
            _("Cases opened in the period (rescue and intake)."),
            "case",
            "intake",
            _survivors_intake,
        ),
        Measure(
            "survivors_justice",
            _("Survivors accompanied in court"),
            _("Survivors who are victims in a legal case open at some time in the period."),
            "case",
            "justice",
            _survivors_justice,
        ),
        Measure(
            "survivors_restoration",
            _("Survivors in restoration"),
            _("Survivors who received an aftercare service at some time in the period."),
            "case",
            "restoration",
            _survivors_restoration,
        ),
        Measure(
            "survivors_restored",
            _("Survivors restored"),
            _("Survivors who met the restoration rule in the period."),
            "case",
            "restoration",
            _survivors_restored,
        ),
        Measure(
            "services",
            _("Services delivered"),
            _("Aftercare services given at some time in the period."),
            "service",
            "network",
            _services_all,
        ),
        Measure(
            "services_by_partners",
            _("Services delivered by partners"),
            _(
                "Aftercare services in the period delivered by an organisation other than "
                "the one whose case it is."
            ),
            "service",
            "network",
            _services_by_partners,
        ),
    )
}


def members(
    code: str, *, scope: Scope, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> Members:
    """The ids of the records ``code`` counts in ``[start, end]``, by department.

    One query. Records without a department (a case with no incident yet)
    are grouped under ``UNKNOWN_AREA`` and count in the total only. Raises ``KeyError``
    for an unknown measure.
    """
    grouped: dict[str, set[int]] = defaultdict(set)
    for pk, area in MEASURES[code].query(scope, start, end, as_of):
        grouped[area or UNKNOWN_AREA].add(pk)
    return {area: frozenset(ids) for area, ids in grouped.items()}


def count(
    code: str, *, scope: Scope, start: datetime.date, end: datetime.date, as_of: datetime.date
) -> int:
    """How many records ``code`` counts in the period (every department)."""
    return sum(
        len(ids) for ids in members(code, scope=scope, start=start, end=end, as_of=as_of).values()
    )

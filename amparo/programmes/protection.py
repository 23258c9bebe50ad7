"""People protected: computed by a stated, versioned method, never typed in.

Each method is a version here, with the text a reader is shown. A programme
names the version it uses (``Programme.method_version``); a release keeps the
figure and the version it was computed with, so a new method never changes
an old result.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from amparo.programmes.estimates import two_proportion_z_test
from amparo.programmes.models import Goal, PrevalenceStudy, Programme, ProgrammeArea
from amparo.programmes.results import current_goals, estimate_status, goal_current
from amparo.programmes.vocab import GoalStatus, Wave

# The live indicators of the justice system's performance, whose goals an area must meet.
JUSTICE_INDICATORS = frozenset(
    {"conviction_rate", "convictions_per_complaint", "time_to_verdict", "victim_friendly_testimony"}
)
SIGNIFICANCE = 0.05


@dataclass(frozen=True)
class Method:
    version: int
    title: str | Promise
    text: str | Promise


METHODS: dict[int, Method] = {
    1: Method(
        1,
        _("Prevalence fell significantly and the justice goals are met"),
        _(
            "An area's population counts as protected when (a) the prevalence measured in "
            "the area fell between its baseline study and its latest later wave by a "
            "statistically significant amount — a two-sided two-proportion z-test at the 0.05 "
            "significance level on the two waves' estimates and sample sizes — and (b) every goal on the "
            "justice system's performance that applies to the area (conviction rate, "
            "convictions per complaint, time to verdict and victim-friendly testimony, for "
            "the area or for the whole programme) has met its target or is on track on the "
            "date of the figures; an area to which no such goal applies is not counted. "
            "People protected is the sum of the populations of those areas."
        ),
    ),
}


@dataclass(frozen=True)
class AreaVerdict:
    country: str
    admin1: str
    population: int
    baseline: float | None  # prevalence (%) at the baseline wave
    endline: float | None  # at the latest later wave
    p_value: float | None  # the test of the fall, when both waves exist
    prevalence_fell: bool | None  # None when a wave is missing
    justice_met: bool | None  # the justice goals that apply to the area met their targets
    protected: bool


@dataclass(frozen=True)
class ProtectedResult:
    method_version: int
    people: int  # the sum of the populations of the protected areas
    areas: tuple[AreaVerdict, ...]


def method(version: int) -> Method:
    """The method of that version; ``ValueError`` for a version that does not exist."""
    try:
        return METHODS[version]
    except KeyError:
        raise ValueError(f"There is no people-protected method version {version}.") from None


def _waves(
    area: ProgrammeArea, studies: list[PrevalenceStudy]
) -> tuple[PrevalenceStudy | None, PrevalenceStudy | None]:
    """The area's first baseline wave and the latest wave after it (by fieldwork start)."""
    baseline = next((s for s in studies if s.wave == Wave.BASELINE), None)
    if baseline is None:
        return None, None
    later = [
        s for s in studies if s.wave != Wave.BASELINE and s.period_start > baseline.period_start
    ]
    return baseline, (later[-1] if later else None)


def _area_verdict(
    area: ProgrammeArea, studies: list[PrevalenceStudy], justice: list[tuple[Goal, str]]
) -> AreaVerdict:
    baseline, endline = _waves(area, studies)
    p_value = fell = None
    if baseline is not None and endline is not None:
        test = two_proportion_z_test(
            float(baseline.estimate) / 100,
            baseline.sample_size,
            float(endline.estimate) / 100,
            endline.sample_size,
        )
        p_value = test.p_value
        fell = test.difference > 0 and test.p_value < SIGNIFICANCE
    statuses = [status for goal, status in justice if goal.area_id in (None, area.pk)]
    justice_met = (
        all(s in (GoalStatus.MET, GoalStatus.ON_TRACK) for s in statuses) if statuses else None
    )
    return AreaVerdict(
        country=area.country,
        admin1=area.admin1,
        population=area.population,
        baseline=None if baseline is None else float(baseline.estimate),
        endline=None if endline is None else float(endline.estimate),
        p_value=p_value,
        prevalence_fell=fell,
        justice_met=justice_met,
        protected=bool(fell) and bool(justice_met),
    )


def people_protected(
    *, programme: Programme, as_of: datetime.date, method_version: int | None = None
) -> ProtectedResult:
    """People protected by ``programme`` at ``as_of``, by its method (or ``method_version``).

    Method 1 (``METHODS``): studies whose fieldwork ended by ``as_of``, the
    justice goals' statuses at ``as_of`` (``results.goal_status`` on the twelve
    months up to it; a hidden value is no data, so not met). One verdict per
    area of the programme, in the areas' order. ``ValueError`` for an
    unknown method version.
    """
    version = method(programme.method_version if method_version is None else method_version)
    studies: dict[int, list[PrevalenceStudy]] = defaultdict(list)
    rows = PrevalenceStudy.objects.filter(programme=programme, period_end__lte=as_of)
    for study in rows.order_by("period_start", "id"):
        studies[study.area_id].append(study)
    justice = [
        (
            goal,
            estimate_status(goal=goal, current=goal_current(goal=goal, as_of=as_of), as_of=as_of),
        )
        for goal in current_goals(programme).filter(indicator__in=JUSTICE_INDICATORS)
    ]
    areas = tuple(_area_verdict(area, studies[area.pk], justice) for area in programme.areas.all())
    return ProtectedResult(
        method_version=version.version,
        people=sum(a.population for a in areas if a.protected),
        areas=areas,
    )

"""What a release publishes: the shape of ``Release.content`` (schema 1).

The release service (``services.releases``) writes it once, when the draft is
built; approval adds the version and the publication date and nothing else;
the public pages, the CSV and JSON downloads, the API and the impact report
(``impact``) read it and nothing else. Labels are not stored: codes are, and
each reader labels them in the reader's language (``measures.MEASURES``,
``indicators.INDICATORS``, ``vocab``), so one release reads in English and
Spanish alike. Numbers are plain JSON numbers; dates ISO strings.

Every count in ``cells`` went through ``amparo.reporting.suppression.protect``
(k = ``guarantee.min_cell``, complementary suppression, checked against the
programme's earlier releases), then was rounded to ``guarantee.rounding_base``
and, with ``guarantee.epsilon``, noised (discrete Laplace, OpenDP). ``None``
is a hidden cell (shown as ``[c]``). ``rates`` are computed from the
published counts only (post-processing: they add no risk). A goal's
``current`` value, for a live indicator, is the release's own rate (or count)
for that indicator, area and last period; for an external one (a study, a
survey, trainings) the measurement's published aggregate; ``None`` if the
release does not hold it. No record id and no true count is ever in here:
those stay in ``ReleaseCell`` inside the organisation.
"""

from typing import TypedDict

SCHEMA = 1


class ProgrammeInfo(TypedDict):
    name: str
    slug: str
    countries: list[str]
    summary: str


class PeriodPart(TypedDict):
    key: str  # "2025" for a calendar year, else "2025-03-01/2026-02-28"
    start: str
    end: str


class CellEntry(TypedDict):
    measure: str  # a code of measures.MEASURES
    period: str  # a PeriodPart key
    area: str  # a department, or "" for the programme total
    value: int | None  # None: hidden ([c])


class RateEntry(TypedDict):
    indicator: str  # a code of indicators.INDICATORS with a ratio
    period: str
    area: str
    value: float | None  # a percentage; None when hidden or not defined
    hidden: bool  # True when it rests on a hidden count (else None means no denominator)


class GoalEntry(TypedDict):
    title: str
    indicator: str
    area: str  # "" for the whole programme
    unit: str
    baseline: float
    baseline_on: str
    target: float
    target_on: str
    milestones: list[list]  # [[date, value], ...]
    current: float | None
    lower: float | None
    upper: float | None
    status: str  # a vocab.GoalStatus value


class AreaEntry(TypedDict):
    country: str
    admin1: str
    population: int
    protected: bool


class ProtectedEntry(TypedDict):
    method_version: int
    people: int
    areas: list[AreaEntry]


class Guarantee(TypedDict):
    min_cell: int
    rounding_base: int
    epsilon: float | None
    mechanism: str | None  # e.g. "discrete Laplace (OpenDP 0.16)"; None without noise
    sensitivity: int | None  # the L1 sensitivity the noise was calibrated to
    checked_against: list[int]  # versions of the programme's releases it was checked against


class Content(TypedDict):
    schema: int
    programme: ProgrammeInfo
    version: int | None  # set at publication
    published_on: str | None  # set at publication
    title: str
    as_of: str  # the date the figures were computed for
    period: PeriodPart
    periods: list[PeriodPart]
    breakdown: str  # a vocab.Breakdown value
    measures: list[str]
    areas: list[str]  # the departments in the breakdown, in order ("" never)
    cells: list[CellEntry]
    rates: list[RateEntry]
    goals: list[GoalEntry]
    people_protected: ProtectedEntry | None
    guarantee: Guarantee
    supersedes: int | None  # the version this one corrects
    change_note: str

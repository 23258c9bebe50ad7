"""People protected: computed by a stated, versioned method, never typed in.

Each method is a version here, with the text a reader is shown. A programme
names the version it uses (``Programme.method_version``); a release keeps the
figure and the version it was computed with, so a new method never changes
an old result.
"""

import datetime
from dataclasses import dataclass

from amparo.programmes.models import Programme


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


def people_protected(
    *, programme: Programme, as_of: datetime.date, method_version: int | None = None
) -> ProtectedResult:
    """People protected by ``programme`` at ``as_of``, by its method (or ``method_version``)."""
    raise NotImplementedError  # helper "results" fills this in

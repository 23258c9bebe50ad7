"""A survivor's age, worked out without the exact date of birth leaving its encryption.

The date of birth is decrypted only inside the services that write what
follows from it: the age at each incident and today's age band. Those results
are kept in clear; everything that shows an age reads them through the
functions here, so every page and API answer says the same.
"""

import datetime
from dataclasses import dataclass

from amparo.core.age import GbvimsAgeBand, age_on, gbvims_band, gbvims_band_by_year
from amparo.people.models import Survivor, SurvivorIdentity


@dataclass(frozen=True)
class Birth:
    """What is known of a survivor's birth: the year in clear, the exact date decrypted."""

    year: int | None
    date: datetime.date | None = None

    def age_on(self, day: datetime.date) -> tuple[int | None, bool]:
        """The age on ``day`` and whether it is exact (from the date) or an estimate.

        Without the date, the estimate is the year difference (the age reached at
        the birthday of that year). A day before the birth has no age.
        """
        if self.date is not None:
            return (age_on(self.date, day), True) if day >= self.date else (None, True)
        if self.year is None or day.year < self.year:
            return None, False
        return day.year - self.year, False

    def band_on(self, day: datetime.date) -> str:
        return gbvims_band(self.age_on(day)[0])


def survivor_birth(survivor: Survivor) -> Birth:
    """The survivor's birth, its exact date decrypted from the identity when there is one."""
    try:
        born = survivor.identity.date_of_birth
    except SurvivorIdentity.DoesNotExist:
        born = None
    return Birth(year=survivor.birth_year, date=born)


def survivor_age_band(survivor: Survivor, *, today: datetime.date) -> str:
    """The survivor's GBVIMS age band on ``today``, never decrypting anything.

    Most days the birth year alone decides it. In the year someone crosses a
    band's edge (turns 12, 18, 26, 41 or 61) the band written from the exact
    date (refreshed daily by ``survivor_age_bands_refresh``) decides; if that
    band is not one the birth year allows (never worked out), the year
    difference does, as an estimate.
    """
    if survivor.birth_year is None:
        return GbvimsAgeBand.UNKNOWN
    by_year = gbvims_band_by_year(survivor.birth_year, today)
    if by_year is not None:
        return by_year
    possible = (
        gbvims_band(today.year - survivor.birth_year - 1),
        gbvims_band(today.year - survivor.birth_year),
    )
    return survivor.age_band if survivor.age_band in possible else possible[1]


def survivor_age_band_label(survivor: Survivor, *, today: datetime.date) -> str:
    """``survivor_age_band`` as the reader's language names it."""
    return str(GbvimsAgeBand(survivor_age_band(survivor, today=today)).label)

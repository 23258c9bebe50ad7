"""Ages and age bands; reports use bands, never exact dates of birth."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class GbvimsAgeBand(models.TextChoices):
    A0_11 = "0-11", "0–11"
    A12_17 = "12-17", "12–17"
    A18_25 = "18-25", "18–25"
    A26_40 = "26-40", "26–40"
    A41_60 = "41-60", "41–60"
    A61 = "61+", "61+"
    UNKNOWN = "unknown", _("Unknown")


class CtdcAgeBand(models.TextChoices):
    """CTDC ``ageBroad`` (its codes in ``cases.standards.ctdc``)."""

    A0_8 = "0-8", "0–8"
    A9_17 = "9-17", "9–17"
    A18_20 = "18-20", "18–20"
    A21_23 = "21-23", "21–23"
    A24_26 = "24-26", "24–26"
    A27_29 = "27-29", "27–29"
    A30_38 = "30-38", "30–38"
    A39_47 = "39-47", "39–47"
    A48 = "48+", "48+"
    UNKNOWN = "unknown", _("Unknown")


def _band(age: int | None, bands: type[GbvimsAgeBand] | type[CtdcAgeBand]) -> str:
    if age is None or age < 0:
        return bands.UNKNOWN
    for value in bands.values:
        if value == "unknown":
            continue
        low, _sep, high = value.partition("-")
        if value.endswith("+"):
            if age >= int(value[:-1]):
                return value
        elif int(low) <= age <= int(high):
            return value
    return bands.UNKNOWN


def age_in_year(birth_year: int | None, year: int) -> int | None:
    """The age reached at the birthday in ``year``: an estimate when only the year is known."""
    return None if birth_year is None else year - birth_year


def age_on(born: datetime.date, day: datetime.date) -> int:
    """Whole years completed on ``day`` by someone born on ``born``.

    Someone born on 29 February turns a year older on 1 March in a year without
    one: the common legal convention (the day after 28 February, e.g. the UK's
    and most civil codes' reading of "completes the year"), which the
    (month, day) comparison below gives without a special case.
    """
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def gbvims_band_by_year(birth_year: int, day: datetime.date) -> str | None:
    """The GBVIMS band on ``day`` when the birth year alone decides it, else None.

    Born in ``birth_year``, one is ``age_in_year`` or a year less on ``day``;
    only when those two ages fall in different bands does the exact date matter.
    """
    older = gbvims_band(day.year - birth_year)
    younger = day.year - birth_year - 1
    # Born this year: no younger age to be (0, or not born yet).
    return older if younger < 0 or gbvims_band(younger) == older else None


def gbvims_boundary_birth_years(day: datetime.date) -> list[int]:
    """The birth years whose GBVIMS band on ``day`` the birth year alone cannot decide."""
    return [
        year
        for year in range(day.year - 130, day.year + 1)
        if gbvims_band_by_year(year, day) is None
    ]


def gbvims_band(age: int | None) -> str:
    return _band(age, GbvimsAgeBand)


def ctdc_band(age: int | None) -> str:
    return _band(age, CtdcAgeBand)

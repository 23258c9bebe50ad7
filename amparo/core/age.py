"""Age bands derived from birth years; reports use bands, never exact ages."""

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
    return None if birth_year is None else year - birth_year


def gbvims_band(age: int | None) -> str:
    return _band(age, GbvimsAgeBand)


def ctdc_band(age: int | None) -> str:
    return _band(age, CtdcAgeBand)

"""The period a report covers, and the one check of the dates that bound it.

Every indicator page, export and API reads its period through here, so a
date typed in year 1 or 9999 is a field error everywhere (never a 500 from
date arithmetic), and so is an end before the start.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.core.validation import Errors

DEFAULT_PERIOD_DAYS = 365


def validate_period(start: datetime.date | None, end: datetime.date | None) -> None:
    """Raise ``ValidationError`` (per field, ``start`` / ``end``) unless the bounds can be a period.

    Either bound may be left out. A given one must lie from 1900 to the far
    limit of ``AMPARO_VALIDITY_MAX_YEARS`` (so a year back or a day on never
    overflows), and the end may not come before the start.
    """
    errors = Errors()
    start_ok = errors.bounded("start", start)
    end_ok = errors.bounded("end", end)
    if start_ok and end_ok and start and end and start > end:
        errors.add("end", _("The end of the period is before its start."))
    errors.raise_if_any()


@dataclass(frozen=True)
class Period:
    """The days from ``start`` to ``end``, both included."""

    start: datetime.date
    end: datetime.date

    @classmethod
    def between(
        cls, start: datetime.date | None = None, end: datetime.date | None = None
    ) -> "Period":
        """The given dates; the end defaults to today and the start to a year before the end.

        Refuses what ``validate_period`` refuses.
        """
        validate_period(start, end)
        end = end or timezone.localdate()
        return cls(start=start or end - datetime.timedelta(days=DEFAULT_PERIOD_DAYS), end=end)

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Aware datetimes [from, until) covering the local days of the period."""
        start = datetime.datetime.combine(self.start, datetime.time.min)
        until = datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min)
        return timezone.make_aware(start), timezone.make_aware(until)

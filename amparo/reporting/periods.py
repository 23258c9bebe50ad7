"""The period a report covers, and the one check of the dates that bound it.

Every indicator page, export and API reads its period through here, so a
date typed in year 1 or 9999 is a field error everywhere (never a 500 from
date arithmetic), and so is an end before the start.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.core.dates import add_months  # the one calendar-month step; reporting re-exports it
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

    def previous(self) -> "Period":
        """The period of the same length that ends the day before this one starts."""
        length = self.end - self.start
        end = self.start - datetime.timedelta(days=1)
        return Period(start=end - length, end=end)

    def year_before(self) -> "Period":
        """The same days a year earlier (29 February falls back to the 28th)."""
        return Period(start=add_months(self.start, -12), end=add_months(self.end, -12))

    def months(self) -> list[datetime.date]:
        """The first day of every calendar month the period touches, in order."""
        first = self.start.replace(day=1)
        months = []
        while first <= self.end:
            months.append(first)
            first = add_months(first, 1)
        return months

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def whole_months_between(start: datetime.date, end: datetime.date) -> int:
    """Completed calendar months from ``start`` to ``end`` (0 when end is before start + 1 month).

    A complaint of 2023-12-02 is 35 whole months old on 2026-12-01 ("2–3
    years"), 36 on 2026-12-02. The 31st reaches a month without one on its last day.
    """
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)

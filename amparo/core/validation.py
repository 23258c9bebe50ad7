"""Collect field errors in a service, then refuse the whole write at once.

It also holds the one rule for dates users type (``past_date``, ``scheduled``,
``valid_until``): every service that takes a date calls one of them, so pages
and the API refuse the same impossible dates with the same field messages.
"""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

# Nothing Amparo records happened before this day; older dates are typing slips
# (year 0001, 1375) that PostgreSQL and zoneinfo would store with odd local-mean-time offsets.
EARLIEST_DATE = datetime.date(1900, 1, 1)

# A workflow step a date must not precede: (its date or None when not reached, what it was).
Step = tuple[datetime.date | None, str]


def years_ahead(years: int, *, today: datetime.date | None = None) -> datetime.date:
    """The same calendar day ``years`` after ``today`` (28 February for 29 February)."""
    day = today or timezone.localdate()
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def birth_floor(
    *, birth_year: int | None, date_of_birth: datetime.date | None = None
) -> datetime.date | None:
    """The earliest day anything can have happened to the survivor.

    The exact date of birth when the caller already holds it; else 1 January of
    the birth year, which is kept in clear, so no identity is decrypted to check a date.
    """
    if date_of_birth is not None:
        return date_of_birth
    if birth_year is not None and EARLIEST_DATE.year <= birth_year <= datetime.MAXYEAR:
        return datetime.date(birth_year, 1, 1)
    return None


def local_day(value: datetime.date | datetime.datetime) -> datetime.date:
    """The local calendar day of a date or datetime (naive datetimes are local time)."""
    if not isinstance(value, datetime.datetime):
        return value
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).date()


class Errors:
    """Gathers ``field -> [messages]`` so a caller sees every problem in one answer."""

    def __init__(self) -> None:
        self._errors: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self._errors.setdefault(field, []).append(message)

    def choice(
        self, field: str, value: str, vocab: type[models.TextChoices], *, blank: bool = False
    ) -> None:
        if value in ("", None) and blank:
            return
        if value not in vocab.values:
            self.add(field, _("“%(value)s” is not a known value.") % {"value": value})

    def choices(self, field: str, values: Iterable[str], vocab: type[models.TextChoices]) -> None:
        unknown = sorted({str(v) for v in values} - set(vocab.values))
        if unknown:
            self.add(field, _("Unknown values: %(values)s.") % {"values": ", ".join(unknown)})

    def past_date(
        self,
        field: str,
        day: datetime.date | None,
        *,
        born: datetime.date | None = None,
        after: Iterable[Step] = (),
    ) -> bool:
        """Refuse an event that has happened dated before 1900, in the future (local
        date), before the survivor's birth (``birth_floor``) or before a step it follows.

        ``None`` (not given) passes. Returns whether the date passed.
        """
        return self._dated(
            field,
            day,
            latest=timezone.localdate(),
            too_late=_("This date is in the future."),
            born=born,
            after=after,
        )

    def scheduled(
        self,
        field: str,
        when: datetime.date | datetime.datetime | None,
        *,
        after: Iterable[Step] = (),
        max_years_ahead: int | None = None,
    ) -> bool:
        """Refuse an appointment (a hearing, a review, a planned date) before 1900, more
        than ``max_years_ahead`` (``AMPARO_SCHEDULE_MAX_YEARS``) ahead, or before a step.

        A datetime is judged by its local day, and its year is checked before any
        time-zone conversion, which overflows near years 1 and 9999.
        """
        years = settings.AMPARO_SCHEDULE_MAX_YEARS if max_years_ahead is None else max_years_ahead
        latest = years_ahead(years)
        return self._dated(
            field,
            when,
            latest=latest,
            too_late=_("Give a date no later than %(date)s.") % {"date": latest.isoformat()},
            after=after,
        )

    def valid_until(self, field: str, day: datetime.date | None) -> bool:
        """Refuse the end of a validity window (a consent, an agreement) before 1900 or
        more than ``AMPARO_VALIDITY_MAX_YEARS`` ahead. ``None`` (open-ended) passes.

        That it does not end before it starts is the caller's check, in its own words.
        """
        return self.bounded(field, day)

    def bounded(self, field: str, day: datetime.date | None) -> bool:
        """Refuse a date outside 1900 … ``AMPARO_VALIDITY_MAX_YEARS`` ahead: a validity
        end, or the bounds of a report period, so that no date arithmetic overflows."""
        latest = years_ahead(settings.AMPARO_VALIDITY_MAX_YEARS)
        return self._dated(
            field,
            day,
            latest=latest,
            too_late=_("Give a date no later than %(date)s.") % {"date": latest.isoformat()},
        )

    def _dated(
        self,
        field: str,
        value: datetime.date | datetime.datetime | None,
        *,
        latest: datetime.date,
        too_late: str,
        born: datetime.date | None = None,
        after: Iterable[Step] = (),
    ) -> bool:
        if value is None:
            return True
        # The year alone first: converting a datetime of year 1 or 9999 between
        # time zones overflows, and one before 1900 gets a local-mean-time offset.
        if value.year < EARLIEST_DATE.year:
            self.add(field, _("Give a date from %(year)s onwards.") % {"year": EARLIEST_DATE.year})
            return False
        if value.year > latest.year:
            self.add(field, too_late)
            return False
        day = local_day(value)
        if day < EARLIEST_DATE:
            self.add(field, _("Give a date from %(year)s onwards.") % {"year": EARLIEST_DATE.year})
            return False
        if day > latest:
            self.add(field, too_late)
            return False
        if born is not None and day < born:
            self.add(field, _("This date is before the survivor was born."))
            return False
        reached = [(step, label) for step, label in after if step is not None and day < step]
        if reached:
            step, label = max(reached, key=lambda item: item[0])
            self.add(
                field,
                _("This date is before %(step)s (%(date)s).")
                % {"step": label, "date": step.isoformat()},
            )
            return False
        return True

    def fields(self) -> list[str]:
        return list(self._errors)

    def raise_if_any(self) -> None:
        if self._errors:
            raise ValidationError(self._errors)

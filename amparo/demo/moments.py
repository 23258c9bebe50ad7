"""Moments in the demo's fictional past (never later than the moment of seeding),
and the check that holds each planned record to the rules its service applies."""

import datetime
import random
from collections.abc import Callable

from django.utils import timezone

from amparo.core.validation import Errors


def aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working hour on ``day``; on the day of seeding, never later than now."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now())


def between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


def check(validate: Callable[..., None], *args: object, **kwargs: object) -> None:
    """Run one of the services' ``validate_*`` rules on a planned record; raise if it fails.

    The seeder bulk-inserts for speed, but never writes what the service would refuse.
    """
    errors = Errors()
    validate(errors, *args, **kwargs)
    errors.raise_if_any()

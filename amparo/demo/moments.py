"""Moments in the demo's fictional past: never later than the moment of seeding."""

import datetime
import random

from django.utils import timezone


def aware(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A working hour on ``day``; on the day of seeding, never later than now."""
    moment = datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    return min(timezone.make_aware(moment), timezone.now())


def between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))

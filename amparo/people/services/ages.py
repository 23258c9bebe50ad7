"""Today's age band of survivors: written with the birth, refreshed daily at a band's edge."""

import datetime

from django.db import transaction
from django.utils import timezone

from amparo.core.age import gbvims_boundary_birth_years
from amparo.people import events
from amparo.people.age import Birth, survivor_birth
from amparo.people.models import Survivor

BATCH = 500


def age_band_set(survivor: Survivor, *, birth: Birth, today: datetime.date) -> None:
    """Work out the survivor's band on ``today`` from ``birth`` (unsaved; the caller saves
    ``age_band`` and ``age_band_on``, in its own transaction)."""
    survivor.age_band = birth.band_on(today)
    survivor.age_band_on = today


def survivor_age_bands_refresh(*, today: datetime.date | None = None) -> int:
    """Bring today's age band up to date for every survivor whose birth year cannot decide
    it; return how many bands changed.

    Only survivors born in a year whose two possible ages on ``today`` fall in
    different bands are read (five birth years in a hundred), and of those only
    the ones not yet worked out ``today``: a second run the same day reads
    nobody. Each batch locks its survivors and re-reads them; the exact date is
    decrypted in memory only. A band that changed writes
    ``survivor.age_band_refreshed`` (by no one, holding no date); the
    survivor's version is not bumped, since nobody edited the record.
    """
    today = today or timezone.localdate()
    changed = 0
    candidates = Survivor.objects.filter(birth_year__in=gbvims_boundary_birth_years(today)).exclude(
        age_band_on=today
    )
    while True:
        with transaction.atomic():
            batch = list(
                candidates.select_for_update(of=("self",))
                .select_related("identity")
                .order_by("pk")[:BATCH]
            )
            for survivor in batch:
                band = survivor_birth(survivor).band_on(today)
                Survivor.objects.filter(pk=survivor.pk).update(age_band=band, age_band_on=today)
                if band != survivor.age_band:
                    changed += 1
                    events.survivor_age_band_refreshed(survivor=survivor)
        if len(batch) < BATCH:
            return changed

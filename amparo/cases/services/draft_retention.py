"""Retention of intakes in progress: a draft's answers do not outlive their use.

A draft holds what was typed about a survivor (identity included). Once it
has not changed for ``AMPARO_INTAKE_DRAFT_DAYS`` — left open, set aside or
already submitted (the case holds the answers then) — its answers are erased;
the row stays, marked ``purged_at``, so the audit can say what was erased and
when without keeping any of it.
"""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from amparo.cases import events
from amparo.cases.models import IntakeDraft

BATCH = 500


def draft_retention() -> datetime.timedelta:
    """How long a draft is kept after it last changed (``AMPARO_INTAKE_DRAFT_DAYS``)."""
    return datetime.timedelta(days=settings.AMPARO_INTAKE_DRAFT_DAYS)


def draft_expires_at(draft: IntakeDraft) -> datetime.datetime:
    """When the draft's answers are erased unless it changes before then."""
    return draft.updated_at + draft_retention()


def _expired(now: datetime.datetime) -> Q:
    return Q(purged_at__isnull=True, updated_at__lt=now - draft_retention())


def intake_drafts_purge(*, now: datetime.datetime | None = None) -> int:
    """Erase the answers of every draft unchanged for the retention period; how many.

    Each batch locks its drafts first and re-reads the rule under the lock, so
    a draft saved meanwhile (its step kept a moment ago) is spared, and a
    second run, or two at once, erases nothing twice. Each purged draft
    keeps its row and gets one ``intake.draft_purged`` event, by no one,
    holding nothing of what was erased. Idempotent: the daily job and the
    management command call it.
    """
    now = now or timezone.now()
    purged = 0
    while True:
        with transaction.atomic():
            batch = list(
                IntakeDraft.objects.select_for_update().filter(_expired(now)).order_by("pk")[:BATCH]
            )
            for draft in batch:
                # ``updated_at`` is kept: it says when the answers were last touched.
                IntakeDraft.objects.filter(pk=draft.pk).update(state="", purged_at=now)
                events.intake_draft_purged(draft=draft)
        purged += len(batch)
        if len(batch) < BATCH:
            return purged

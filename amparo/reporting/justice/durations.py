"""Days from the complaint to every timed stage, for all stages in one query.

Each legal case of the cohort is followed from its complaint until it
reached the stage (an event), closed without reaching it (a competing
outcome: it can no longer reach it, ``measures.ENDS_WITHOUT_VERDICT``) or
today, still open (censored). The database groups the cases per (stage,
outcome, days), so the result has one row per distinct duration, not one per
legal case, and the cases are read once for all stages: one grouped
``SELECT`` per stage over the same common table expression, in one query.

The selection itself stays in the ORM (the organisation, the filters); only
the crossing is SQL, written for PostgreSQL and SQLite alike but for the day
difference, which each spells its own way.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from amparo.justice import measures, vocab
from amparo.justice.models import LegalCase


@dataclass
class Durations:
    """Counts per day since the complaint, by outcome, for one stage."""

    events: Counter[int] = field(default_factory=Counter)
    competing: Counter[int] = field(default_factory=Counter)
    censored: Counter[int] = field(default_factory=Counter)


def _days(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _date_param() -> str:
    return "CAST(%s AS date)" if connection.vendor == "postgresql" else "%s"


def stage_durations(cohort: QuerySet[LegalCase], *, today: datetime.date) -> dict[str, Durations]:
    """Per timed stage (``measures.TIMED_STAGES``): events, competing outcomes and censorings per day.

    One query. A stage dated after ``today`` has not happened yet; a
    negative span (a stage dated before the complaint) counts as day 0.
    """
    stages = measures.TIMED_STAGES
    columns = ["complaint_on", "closed_on", "status", *(f"{s}_on" for s in stages)]
    inner, inner_params = (
        cohort.filter(complaint_on__isnull=False)
        .order_by()
        .values_list(*columns)
        .query.get_compiler(using=cohort.db)
        .as_sql()
    )
    today_sql = _date_param()
    closed = vocab.LegalCaseStatus.CLOSED
    selects: list[str] = []
    params: list[Any] = []
    for stage in stages:
        reached = f"{stage}_on IS NOT NULL AND {stage}_on <= {today_sql}"
        ended = "closed_on IS NOT NULL OR status = %s"
        # One integer per stage: days × 3 + the outcome (0 event, 1 competing, 2 censored),
        # so each stage groups on a single column.
        selects.append(
            f"""CASE WHEN {reached} THEN {_days(f"{stage}_on", "complaint_on")} * 3
                     WHEN {ended}
                         THEN {_days(f"COALESCE(closed_on, {today_sql})", "complaint_on")} * 3 + 1
                     ELSE {_days(today_sql, "complaint_on")} * 3 + 2 END AS {stage}_span"""
        )
        params += [today, closed, today, today]
    spans = f"SELECT {', '.join(selects)} FROM lc"  # noqa: S608
    # One grouped SELECT per stage over the same spans (a common table expression that
    # PostgreSQL materialises once). GROUPING SETS would say the same, but PostgreSQL sorts
    # most of the sets (slower here) and SQLite has none.
    # Only code constants (stage and column names) and the ORM's own SQL are interpolated.
    unions = " UNION ALL ".join(
        f"SELECT '{stage}', {stage}_span, COUNT(*) FROM spans GROUP BY 2"  # noqa: S608
        for stage in stages
    )
    sql = f"WITH lc({', '.join(columns)}) AS ({inner}), spans AS ({spans}) {unions}"
    params = [*inner_params, *params]
    result = {stage: Durations() for stage in stages}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for stage, span, n in cursor.fetchall():
            days, outcome = divmod(int(span), 3)
            bucket = result[stage]
            target = (bucket.events, bucket.competing, bucket.censored)[outcome]
            target[max(0, days)] += n
    return result

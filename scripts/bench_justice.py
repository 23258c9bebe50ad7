"""Benchmark the justice dashboard over many legal cases.

Usage (PostgreSQL, the figure the issue asks for):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amparo_bench \
        .venv/bin/python scripts/bench_justice.py --legal-cases 100000

It migrates the database named in DATABASE_URL (create it first:
``createdb -U postgres amparo_bench``), fills it once with synthetic legal
cases (kept between runs), then times ``justice_report`` as the page builds
it (everything the dashboard computes, exact counts), and as the API gives it
(suppressed, serialised by ``report_data``), with the queries per call.

Before issue 13 (``justice_indicators``, the old per-stage scans, measured on
the same seeded databases, PostgreSQL): 10,000 legal cases 97 ms (all), 66 ms
(one department), 53 ms (trafficking, last 2 years); 100,000 legal cases
494 ms, 327 ms, 275 ms — the indicators alone, without the API's one object
per curve step. Check out a commit before issue 13 to measure it again.

Issue 13, whole dashboard at 100,000 legal cases (PostgreSQL, 2 CPUs shared
with other jobs; page / suppressed export-API path, median ms, 5 queries each):

- before the durations' grouping sets, the covering index and the trend by
  day (load average 1.4): last 12 months cohort 252 / 182, period view
  371 / 261, 4-year cohort 569 / 493, one department 95 / 105.
- after (load average 5-6, so slower than an idle machine would show): last
  12 months cohort 150 / 166 (p95 154 / 175), period view 208 / 214 (p95
  210 / 253), 4-year cohort 380 / 387 (p95 388 / 432), one department
  164 / 166 (p95 236 / 177). At 10,000: 39 / 48, 45 / 60, 91 / 120, 26 / 35.
  A second run minutes later (load average 3): 201 / 204, 259 / 271,
  348 / 366, 106 / 113 — the machine's noise is as large as the gains, and
  the 4-year cohort is still above the 300 ms target.
"""

import argparse
import datetime
import math
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")


def _seed(org, lawyer, count: int) -> None:
    from django.db import connection

    from amparo.justice.demo import seed_legal_cases

    started = time.perf_counter()
    seed_legal_cases(
        rng=random.Random(1),
        organisation=org,
        count=count,
        created_by_id=lawyer.pk,
        lawyer_ids=[lawyer.pk],
    )
    print(f"seeded {count} legal cases in {time.perf_counter() - started:.1f}s")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _time(call, runs: int) -> tuple[list[float], int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call()  # warm: the first call pays for connections and caches the page does not
    timings = []
    result = None
    queries = 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            result = call()
            timings.append(time.perf_counter() - started)
        queries = len(captured.captured_queries)
    return timings, queries, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--legal-cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    call_command("migrate", verbosity=0)
    from amparo.accounts.models import Membership, Organisation, User
    from amparo.justice.models import LegalCase
    from amparo.reporting.api.common import report_data
    from amparo.reporting.justice import PERIOD, JusticeFilters, justice_report

    org, _ = Organisation.objects.get_or_create(
        code="BENCH", defaults={"name": "Bench", "kind": "legal_aid", "country": "GT"}
    )
    analyst, _ = User.objects.get_or_create(email="analyst@bench.test")
    Membership.objects.get_or_create(
        user=analyst, defaults={"organisation": org, "role": "analyst"}
    )
    lawyer, _ = User.objects.get_or_create(email="lawyer@bench.test")
    Membership.objects.get_or_create(user=lawyer, defaults={"organisation": org, "role": "lawyer"})
    missing = args.legal_cases - LegalCase.objects.filter(organisation=org).count()
    if missing > 0:
        _seed(org, lawyer, missing)
    total = LegalCase.objects.filter(organisation=org).count()
    today = timezone.localdate()
    four_years = today.replace(year=today.year - 4)
    cases = [
        ("last 12 months, cohort", JusticeFilters()),
        ("last 12 months, period", JusticeFilters(view=PERIOD)),
        ("4 years, cohort", JusticeFilters(start=four_years)),
        ("one department", JusticeFilters(admin1="Escuintla")),
        (
            "trafficking, last 2 years",
            JusticeFilters(
                offence_category="trafficking", start=today - datetime.timedelta(days=730)
            ),
        ),
    ]
    print(f"load average before: {_load()}")
    for label, filters in cases:
        user = User.objects.get(pk=analyst.pk)
        page, page_queries, report = _time(
            lambda f=filters, u=user: justice_report(user=u, filters=f, suppress=False), args.runs
        )
        api, api_queries, _data = _time(
            lambda f=filters, u=user: report_data(justice_report(user=u, filters=f, suppress=True)),
            args.runs,
        )
        filed = report.table("headline").cell("filed", "current")  # type: ignore[attr-defined]
        print(
            f"{connection.vendor}: {total} legal cases, {label} ({filed} complaints): "
            f"page median {_ms(statistics.median(page))}, p95 {_ms(_p95(page))}, "
            f"{page_queries} queries; suppressed (export/API, serialised) median "
            f"{_ms(statistics.median(api))}, p95 {_ms(_p95(api))}, {api_queries} queries; "
            f"{args.runs} runs; load {_load()}"
        )


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def _p95(timings: list[float]) -> float:
    """The 95th percentile by nearest rank (the slowest run for fewer than 20 runs)."""
    ordered = sorted(timings)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def _load() -> str:
    """The 1, 5 and 15-minute load averages: other jobs on the machine skew the timings."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


if __name__ == "__main__":
    main()

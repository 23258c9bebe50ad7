"""Benchmark the justice indicators over many legal cases.

Usage (PostgreSQL, the figure the issue asks for):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/amparo_bench \
        .venv/bin/python scripts/bench_justice.py --legal-cases 100000

It migrates the database named in DATABASE_URL (create it first:
``createdb -U postgres amparo_bench``), fills it once with synthetic legal
cases (kept between runs), then times the dashboard's indicator computation.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings_test")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--legal-cases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from amparo.accounts.models import Membership, Organisation, User
    from amparo.justice.demo import seed_legal_cases
    from amparo.justice.models import LegalCase
    from amparo.reporting.justice import IndicatorFilters, justice_indicators

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
        started = time.perf_counter()
        seed_legal_cases(
            rng=random.Random(1),
            organisation=org,
            count=missing,
            created_by_id=lawyer.pk,
            lawyer_ids=[lawyer.pk],
        )
        print(f"seeded {missing} legal cases in {time.perf_counter() - started:.1f}s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    total = LegalCase.objects.filter(organisation=org).count()
    for label, filters in [
        ("all", IndicatorFilters()),
        ("one department", IndicatorFilters(admin1="Escuintla")),
        (
            "trafficking, last 2 years",
            IndicatorFilters(
                offence_category="trafficking",
                start=django.utils.timezone.localdate().replace(
                    year=django.utils.timezone.localdate().year - 2
                ),
            ),
        ),
    ]:
        timings = []
        for _ in range(args.runs):
            started = time.perf_counter()
            result = justice_indicators(
                user=User.objects.get(pk=analyst.pk), filters=filters, suppress=True
            )
            timings.append(time.perf_counter() - started)
        print(
            f"{connection.vendor}: {total} legal cases, {label}: {result.cases.value} matched, "
            f"median {statistics.median(timings) * 1000:.0f} ms, max {max(timings) * 1000:.0f} ms over {args.runs} runs"
        )


if __name__ == "__main__":
    main()

"""Time the busiest pages against a seeded database, and count their queries.

Usage (after `make demo` has seeded var/demo.sqlite3):
    set -a && . var/demo.env && set +a && \
    AMPARO_ENV=development DATABASE_URL=sqlite:///$PWD/var/demo.sqlite3 \
    AMPARO_REQUIRE_MFA=false ALLOWED_HOSTS=testserver \
    .venv/bin/python scripts/bench_pages.py

Any database works: point DATABASE_URL at a PostgreSQL seeded with
`manage.py seed --survivors 100000` (about 16 minutes on two cores) to measure
national scale. Run `ANALYZE` on it first: a freshly seeded database has no
planner statistics until autovacuum catches up, and the timings would say more
about that than about the pages.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from amparo.accounts.models import User
    from amparo.cases.models import Case
    from amparo.network.models import Referral

    supervisor = User.objects.get(email="supervisor@justicia.demo")
    org = supervisor.active_membership.organisation
    case = Case.objects.filter(organisation=org).order_by("-id").first()
    client = Client()
    client.force_login(supervisor)
    total = Case.objects.filter(organisation=org).count()
    referral = Referral.objects.filter(from_org=org).order_by("-id").first()
    pages = [
        ("my work", "get", "/work/", {}),
        ("caseload, page 1", "get", "/cases/", {}),
        ("caseload, page 20", "get", "/cases/?page=20", {}),
        ("caseload, search by code", "post", "/cases/", {"query": case.code[:7]}),
        ("case file", "get", f"/cases/{case.pk}/", {}),
        ("legal caseload", "get", "/legal/", {}),
        ("justice dashboard", "get", "/legal/dashboard/", {}),
        ("referrals, received", "get", "/referrals/", {}),
        ("referrals, sent", "get", "/referrals/?box=sent", {}),
        ("network indicators", "get", "/network/indicators/", {}),
    ]
    if referral:
        pages.append(("referral", "get", f"/referrals/{referral.pk}/", {}))
    print(f"{connection.vendor}: organisation with {total} cases")
    for label, method, url, data in pages:
        timings = []
        for _ in range(7):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = (
                    getattr(client, method)(url, data) if data else getattr(client, method)(url)
                )
                timings.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
        print(
            f"  {label:28} median {statistics.median(timings) * 1000:6.0f} ms   {len(queries)} queries"
        )


if __name__ == "__main__":
    main()

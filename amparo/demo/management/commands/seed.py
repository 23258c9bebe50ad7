"""``manage.py seed --survivors N``: a clearly fictional demo dataset for a fresh database."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from amparo.accounts.roles import Role
from amparo.demo.seeding import DemoDataExists, database_is_fresh, seed_demo

DEMO_PASSWORD = "amparo-demo-2025"
DEMO_URL = "http://127.0.0.1:8000"
# Fake phone numbers are +502 0000 0001 to 0999 9999, one per survivor.
MAX_SURVIVORS = 2_000_000


class Command(BaseCommand):
    help = "Seed a fresh database with fictional organisations, staff and survivors."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--survivors", type=int, default=200)
        parser.add_argument("--seed", type=int, default=2025, help="random seed (reproducible)")
        parser.add_argument("--password", default=DEMO_PASSWORD, help="shared demo password")
        parser.add_argument(
            "--if-fresh",
            action="store_true",
            help="do nothing (and succeed) when the database already has data",
        )

    def _progress(self, done: int, total: int) -> None:
        self.stdout.write(f"  copied {done:,} of {total:,} survivors")
        self.stdout.flush()

    def handle(
        self,
        *args: object,
        survivors: int,
        seed: int,
        password: str,
        if_fresh: bool,
        **options: Any,
    ) -> None:
        if not 1 <= survivors <= MAX_SURVIVORS:
            raise CommandError(f"--survivors must be between 1 and {MAX_SURVIVORS}.")
        if if_fresh and not database_is_fresh():
            self.stdout.write("The database already has data: not seeding it again.")
            return
        started = time.monotonic()
        try:
            summary = seed_demo(
                survivors=survivors, seed=seed, password=password, progress=self._progress
            )
        except DemoDataExists as exc:
            raise CommandError(
                "The database already has organisations. The demo seeds only a fresh database "
                "and never deletes anything: remove var/amparo.sqlite3 (demo only!) and run "
                "'make demo' again."
            ) from exc
        if connection.vendor == "postgresql":
            # Fresh tables have no planner statistics until autovacuum comes by: the first
            # pages after a big seed would be planned blind.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded {summary.survivors} fictional survivors, "
                f"{summary.rescue_operations} rescue operations, "
                f"{summary.legal_cases} court cases, "
                f"{summary.referrals} referrals between partners, "
                f"{summary.restoration_journeys} restoration journeys and "
                f"{summary.audit_events} audit events in {time.monotonic() - started:.1f}s."
            )
        )
        self.stdout.write(f"\nOpen {DEMO_URL} and sign in with one of these accounts:\n")
        current = None
        for organisation, role, email in summary.accounts:
            if organisation != current:
                self.stdout.write(f"\n  {organisation}")
                current = organisation
            self.stdout.write(f"    {Role(role).label:<22} {email}")
        self.stdout.write(f"\nPassword for every demo account: {password}\n")

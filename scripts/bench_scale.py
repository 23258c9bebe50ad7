"""Time every busy page, API list and dashboard against a database of a given size.

Seeds a fresh database (``manage.py seed --survivors N``) or reuses one, then
requests each operation in-process with ``django.test.Client`` as a signed-in
user (``force_login``; the API with a personal token), and prints p50 and p95
in milliseconds, the number of queries, the target and whether it was met.
The time is **server time**: from the moment Django's handler takes the
request to the moment the response is complete, middleware included. No
network, no Gunicorn, no browser; ``scripts/load_test.py`` measures those.

Targets (issue 17): p95 <= 30 ms for a page or an API list, <= 300 ms for a
dashboard. ``--check`` exits 1 when one is missed.

Usage, against PostgreSQL (keys from ``make var/demo.env``)::

    createdb -h 127.0.0.1 -U postgres bench_100k
    set -a && . var/demo.env && set +a && \\
    AMPARO_ENV=development AMPARO_REQUIRE_MFA=false ALLOWED_HOSTS=testserver,127.0.0.1 \\
    AMPARO_TASKS_IMMEDIATE=true \\
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_100k \\
    .venv/bin/python scripts/bench_scale.py --survivors 100000 --markdown

and later ``--reuse`` to measure the same database again. A database that is
not empty is never seeded: ``--survivors`` then only says what was expected.
After seeding PostgreSQL, or when a table of more than 1,000 rows has never
been analysed, or with ``--analyze``, the script runs ``ANALYZE`` first: a
freshly loaded database has no planner statistics until autovacuum catches
up, and its timings would say more about that than about the pages.

What it writes: one API token (issued, then revoked at the end) and the audit
events every read of a file and every search by name records, as a user's
would. Search terms come from the data: a case code's prefix, a fragment of a
pseudonym, and one survivor's legal name, decrypted here through the ORM
(this script is local and trusted) and never printed.
"""

import argparse
import contextlib
import io
import logging
import os
import statistics
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# A benchmark asks the API hundreds of times a minute as one user: lift the
# per-user throttle (settings read it at start-up) unless told otherwise.
os.environ.setdefault("API_RATE", "1000000/hour")

PAGE_TARGET_MS = 30.0
DASHBOARD_TARGET_MS = 300.0
WARM_UPS = 3
DEEP_PAGE = 20


@dataclass(frozen=True)
class Operation:
    """One request to time: who sends it, how, and which target it must meet."""

    label: str
    url: str
    actor: str = "supervisor"  # a key of ``World.users``
    method: str = "get"
    data: dict[str, Any] | None = None
    dashboard: bool = False
    api: bool = False
    htmx: bool = False  # the caseload's search form posts through htmx

    @property
    def target_ms(self) -> float:
        return DASHBOARD_TARGET_MS if self.dashboard else PAGE_TARGET_MS


@dataclass
class Result:
    operation: Operation
    timings_ms: list[float]
    queries: int
    status: int

    @property
    def p50(self) -> float:
        return statistics.median(self.timings_ms)

    @property
    def p95(self) -> float:
        return percentile(self.timings_ms, 95)

    @property
    def ok(self) -> bool:
        return self.status == 200 and self.p95 <= self.operation.target_ms


@dataclass
class World:
    """What the operations are about: the busiest organisation, its people and records."""

    organisation: Any
    users: dict[str, Any]
    case: Any
    cases: int
    survivors: int
    code_prefix: str
    pseudonym_fragment: str
    name: str = field(repr=False)  # a survivor's legal name: never printed
    referral_id: int | None = None
    legal_case_id: int | None = None
    programme_id: int | None = None


def percentile(values: Sequence[float], pct: float) -> float:
    """The ``pct`` percentile, interpolated between the closest ranks (numpy's default)."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def find_world() -> World:
    """The organisation with the most cases, and what to ask about it."""
    from django.db.models import Count

    from amparo.accounts.models import Membership
    from amparo.accounts.roles import Role
    from amparo.cases.models import Case
    from amparo.justice.models import LegalCase
    from amparo.network.models import Referral
    from amparo.people.models import Survivor, SurvivorIdentity
    from amparo.programmes.models import Programme

    busiest = (
        Case.objects.values("organisation_id")
        .annotate(n=Count("id"))
        .order_by("-n", "organisation_id")
        .first()
    )
    if busiest is None:
        raise SystemExit("The database has no cases: seed it (--survivors N) first.")
    org_id, total = busiest["organisation_id"], busiest["n"]
    members = Membership.objects.filter(organisation_id=org_id, is_active=True).select_related(
        "user", "organisation"
    )
    users: dict[str, Any] = {}
    for role, key in (
        (Role.SUPERVISOR, "supervisor"),
        (Role.CASEWORKER, "caseworker"),
        (Role.DATA_ANALYST, "analyst"),
    ):
        membership = members.filter(role=role, user__is_active=True).order_by("id").first()
        if membership is None:
            raise SystemExit(f"The busiest organisation has no active {role.label}.")
        users[key] = membership.user
    organisation = members.first().organisation
    # The caseworker's newest case, so that "mine" and the file are not empty.
    case = (
        Case.objects.filter(
            organisation_id=org_id,
            assignments__user=users["caseworker"],
            assignments__ended_at__isnull=True,
        )
        .order_by("-id")
        .first()
    ) or Case.objects.filter(organisation_id=org_id).order_by("-id").first()
    survivor = case.survivor
    identity = SurvivorIdentity.objects.filter(survivor=survivor).first()
    name = f"{identity.given_names} {identity.family_names}".strip() if identity else ""
    referral = Referral.objects.filter(from_org_id=org_id).order_by("-id").first()
    legal_case = LegalCase.objects.filter(organisation_id=org_id).order_by("-id").first()
    programme = Programme.objects.filter(organisation_id=org_id).order_by("id").first()
    return World(
        organisation=organisation,
        users=users,
        case=case,
        cases=total,
        survivors=Survivor.objects.count(),
        code_prefix=case.code[: max(len(case.code) - 2, 1)],
        pseudonym_fragment=survivor.pseudonym[:4],
        name=name or survivor.pseudonym,
        referral_id=referral.pk if referral else None,
        legal_case_id=legal_case.pk if legal_case else None,
        programme_id=programme.pk if programme else None,
    )


def operations(world: World) -> list[Operation]:
    """Every page, API list and dashboard of issue 17, about ``world``."""
    from django.conf import settings

    case = world.case.pk
    last_page = max(1, -(-world.cases // settings.AMPARO_CASELOAD_PAGE_SIZE))
    deep = min(DEEP_PAGE, last_page)
    search = {"htmx": True, "method": "post", "url": "/cases/"}
    ops = [
        Operation("my work (supervisor)", "/work/"),
        Operation("my work (caseworker)", "/work/", actor="caseworker"),
        Operation("caseload, page 1", "/cases/?page=1"),
        Operation(f"caseload, page {deep}", f"/cases/?page={deep}"),
        Operation(f"caseload, last page ({last_page})", f"/cases/?page={last_page}"),
        Operation("caseload, status=open", "/cases/?status=open"),
        Operation("caseload, risk=high", "/cases/?risk_level=high"),
        Operation("caseload, mine", "/cases/?mine=on", actor="caseworker"),
        Operation("caseload, unassigned", "/cases/?unassigned=on"),
        Operation("caseload, flagged", "/cases/?flagged=on"),
        Operation("search by case code", data={"q": world.code_prefix}, **search),
        Operation("search by pseudonym", data={"q": world.pseudonym_fragment}, **search),
        Operation("search by name", data={"q": world.name, "by_name": "on"}, **search),
        Operation("case file", f"/cases/{case}/"),
        Operation("case file (caseworker)", f"/cases/{case}/", actor="caseworker"),
        Operation("legal caseload", "/legal/"),
        Operation("hearings", "/legal/hearings/"),
        Operation("referrals, received", "/referrals/"),
        Operation("referrals, sent", "/referrals/?box=sent"),
        Operation("rescue operations", "/rescues/"),
        Operation("notifications", "/notifications/"),
        Operation("programmes", "/programmes/"),
        Operation("home (analyst's counts)", "/", actor="analyst", dashboard=True),
        Operation("justice dashboard", "/legal/dashboard/", dashboard=True),
        Operation("restoration dashboard", "/restoration/dashboard/", dashboard=True),
        Operation("network indicators", "/network/indicators/", dashboard=True),
    ]
    if world.referral_id:
        ops.append(Operation("referral", f"/referrals/{world.referral_id}/"))
    if world.legal_case_id:
        ops.append(Operation("legal case", f"/legal/{world.legal_case_id}/"))
    if world.programme_id:
        base = f"/programmes/{world.programme_id}/"
        ops += [
            Operation("programme", base),
            Operation("programme measurements", base + "measurements/"),
            Operation("programme releases", base + "releases/"),
            Operation("programme results", base + "results/", dashboard=True),
            Operation("programme impact", base + "impact/", dashboard=True),
        ]
    api = "/api/v1/"
    ops += [
        Operation("API cases", api + "cases/", api=True),
        Operation("API cases, status=open", api + "cases/?status=open", api=True),
        Operation("API cases, page 20", api + f"cases/?page={min(20, last_page)}", api=True),
        Operation("API cases, by code", api + f"cases/?q={world.code_prefix}", api=True),
        Operation(
            "API search by name",
            api + "cases/search/",
            method="post",
            data={"name": world.name},
            api=True,
        ),
        Operation("API case", api + f"cases/{case}/", api=True),
        Operation("API my work", api + "my-work/", api=True),
        Operation("API team work", api + "team-work/", api=True),
        Operation("API tasks", api + "tasks/", api=True),
        Operation("API legal cases", api + "legal-cases/", api=True),
        Operation("API upcoming hearings", api + "hearings/upcoming/", api=True),
        Operation("API referrals", api + "referrals/", api=True),
        Operation("API transfers", api + "transfers/", api=True),
        Operation("API notifications", api + "notifications/", api=True),
        Operation("API rescue operations", api + "rescue-operations/", api=True),
        Operation("API facilities", api + "facilities/", api=True),
        Operation("API programmes", api + "programmes/", api=True),
        Operation("API legal indicators", api + "legal/indicators/", api=True, dashboard=True),
        Operation(
            "API restoration indicators",
            api + "indicators/restoration/",
            api=True,
            dashboard=True,
        ),
        Operation("API network indicators", api + "network/indicators/", api=True, dashboard=True),
    ]
    if world.programme_id:
        ops.append(
            Operation(
                "API programme results",
                api + f"programmes/{world.programme_id}/results/",
                api=True,
                dashboard=True,
            )
        )
    return ops


class Clients:
    """A signed-in client per actor, and an API client with a token per actor."""

    def __init__(self, world: World) -> None:
        from django.test import Client

        from amparo.accounts.services.tokens import token_issue

        self._pages: dict[str, Client] = {}
        self._api: dict[str, Client] = {}
        self._tokens: list[tuple[Any, Any]] = []
        for key, user in world.users.items():
            page_client = Client()
            page_client.force_login(user)
            self._pages[key] = page_client
            token, secret = token_issue(user=user, name="bench_scale")
            self._tokens.append((user, token))
            self._api[key] = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")

    def send(self, op: Operation) -> Any:
        client = (self._api if op.api else self._pages)[op.actor]
        extra: dict[str, str] = {"HTTP_HX_REQUEST": "true"} if op.htmx else {}
        if op.method == "get":
            return client.get(op.url, **extra)
        if op.api:
            return client.post(op.url, op.data, content_type="application/json")
        return client.post(op.url, op.data, **extra)

    def close(self) -> None:
        from amparo.accounts.services.tokens import token_revoke

        for user, token in self._tokens:
            token_revoke(actor=user, token_id=token.pk)


# An operation that takes seconds at a million (a dashboard) is timed for about this
# long, at least MIN_RUNS times, rather than ``repeat`` times: the table still comes.
BUDGET_SECONDS = 20.0
MIN_RUNS = 3


def measure(
    op: Operation,
    clients: Clients,
    *,
    repeat: int,
    warm_ups: int = WARM_UPS,
    budget: float = BUDGET_SECONDS,
) -> Result:
    """Time ``op`` ``repeat`` times after ``warm_ups`` (fewer, at least ``MIN_RUNS``, once
    ``budget`` seconds are spent); count the queries of the last."""
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    began = time.perf_counter()
    for _ in range(warm_ups):
        clients.send(op)
        if time.perf_counter() - began > budget / 4:
            break
    timings: list[float] = []
    queries, status = 0, 0
    began = time.perf_counter()
    for n in range(repeat):
        if n >= MIN_RUNS and time.perf_counter() - began > budget:
            break
        with contextlib.ExitStack() as stack:
            captured = [stack.enter_context(CaptureQueriesContext(c)) for c in connections.all()]
            started = time.perf_counter()
            response = clients.send(op)
            timings.append((time.perf_counter() - started) * 1000)
        queries = sum(len(c) for c in captured)
        status = response.status_code
    return Result(op, timings, queries, status)


def table(results: Iterable[Result], *, markdown: bool) -> str:
    """The results as a table: aligned text, or markdown with ``markdown``."""
    header = ("page", "p50 ms", "p95 ms", "runs", "queries", "target ms", "result")
    rows = [
        (
            r.operation.label,
            f"{r.p50:.1f}",
            f"{r.p95:.1f}",
            str(len(r.timings_ms)),
            str(r.queries),
            f"{r.operation.target_ms:.0f}",
            "pass" if r.ok else ("fail" if r.status == 200 else f"HTTP {r.status}"),
        )
        for r in results
    ]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|" + "---:|" * 5 + "---|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    aligned = [
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
    return "\n".join(aligned)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} (1, 5, 15 min; {os.cpu_count()} CPUs)"


def seed(survivors: int, out: Callable[[str], None]) -> bool:
    """Seed an empty database with ``survivors``; False (and nothing done) if it has data."""
    from django.core.management import call_command

    from amparo.accounts.models import Organisation

    call_command("migrate", verbosity=0)
    if Organisation.objects.exists():
        return False
    out(f"Seeding {survivors} survivors ...")
    started = time.monotonic()
    # The seed's notification emails go to the console backend, and its tasks log a line
    # each: keep both off the table.
    captured = io.StringIO()
    logging.disable(logging.INFO)
    try:
        with contextlib.redirect_stdout(captured):
            call_command("seed", survivors=survivors, stdout=captured)
    finally:
        logging.disable(logging.NOTSET)
    summary = next((line for line in captured.getvalue().splitlines() if "Seeded" in line), "")
    out(f"  {summary or 'seeded'} ({time.monotonic() - started:.0f} s in all)")
    analyze(out)
    return True


def analyze(out: Callable[[str], None]) -> None:
    """``ANALYZE`` on PostgreSQL, so the planner plans with statistics, not guesses."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    out(f"  ANALYZE done ({time.monotonic() - started:.0f} s)")


def never_analysed() -> int:
    """How many tables of more than 1,000 rows PostgreSQL has never analysed (0 elsewhere)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_user_tables WHERE n_live_tup > 1000"
            " AND last_analyze IS NULL AND last_autoanalyze IS NULL"
        )
        return int(cursor.fetchone()[0])


def run(
    *, repeat: int, markdown: bool, warm_ups: int = WARM_UPS, out: Callable[[str], None] = print
) -> list[Result]:
    """Measure every operation against the database as it is; print and return the results."""
    from django.db import connection

    world = find_world()
    out(
        f"{connection.vendor}: {world.survivors} survivors; the busiest organisation "
        f"({world.organisation.code}) has {world.cases} cases"
    )
    out(f"load average at start: {load_average()}")
    clients = Clients(world)
    try:
        results = []
        for op in operations(world):
            result = measure(op, clients, repeat=repeat, warm_ups=warm_ups)
            results.append(result)
            # As it goes, on stderr: at a million the whole table takes a while.
            print(
                f"  {op.label}: p50 {result.p50:.0f} ms, p95 {result.p95:.0f} ms",
                file=sys.stderr,
                flush=True,
            )
    finally:
        clients.close()
    out(f"load average at end:   {load_average()}")
    out(f"{repeat} timed requests each, after {warm_ups} warm-ups; server time in-process")
    out(table(results, markdown=markdown))
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    size = parser.add_mutually_exclusive_group(required=True)
    size.add_argument("--survivors", type=int, help="seed an empty database with N survivors")
    size.add_argument("--reuse", action="store_true", help="measure the database as it is")
    parser.add_argument("--repeat", type=int, default=30, help="timed requests per operation")
    parser.add_argument("--markdown", action="store_true", help="print a markdown table")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="ANALYZE first (done anyway after seeding, or when a big table never was)",
    )
    args = parser.parse_args(argv)

    import warnings

    import django

    # WhiteNoise warns once per client that no collected static files exist: not a finding.
    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    if args.survivors is not None and not seed(args.survivors, print):
        print(f"The database already has data: measuring it as it is (not {args.survivors}).")
    if args.analyze or never_analysed():
        # A database loaded and never analysed (autovacuum lags far behind a seed) is
        # planned from guesses: a semi-join of 2,000 rows then took 260 ms, not 2.
        analyze(print)
    results = run(repeat=args.repeat, markdown=args.markdown)
    missed = [r.operation.label for r in results if not r.ok]
    if missed:
        print(f"missed: {', '.join(missed)}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    sys.exit(main())

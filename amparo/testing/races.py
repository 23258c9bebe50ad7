"""Two requests at the same instant: threads released together, each on its own
database connection, as two application servers would send them.

Only PostgreSQL runs them for real: SQLite has no row locks and lets one writer
at a time, so there the tests are skipped (the CI's PostgreSQL run executes them).
Race tests flush the database after them, as every transactional test does
(pytest-django runs those after the others); ``race`` loads the reference
data (courts, offences, the default instrument) each of them needs.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import close_old_connections, connection, connections

from amparo.aftercare.instruments import DEFAULT_INSTRUMENT, load_instrument, read_instrument_file
from amparo.aftercare.models import Instrument
from amparo.justice.models import Court, Offence
from amparo.justice.reference import DATA_DIR, load_reference

race = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("migrated_reference_data"),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs row locks and concurrent writers (PostgreSQL)",
    ),
]


@pytest.fixture
def migrated_reference_data(transactional_db: None) -> None:
    """Courts, offences and the built-in instrument, as the migrations load them.

    A transactional test before this one (a browser test, another race) has
    flushed them. Restoring a serialized snapshot instead collides with the
    content types a plain transactional test's flush re-creates, so each
    test that needs them after a flush loads them itself, as the browser tests do.
    """
    if not Court.objects.exists() or not Offence.objects.exists():
        load_reference(court_model=Court, offence_model=Offence, path=DATA_DIR / "gt.json")
    if not Instrument.objects.filter(organisation__isnull=True).exists():
        load_instrument(data=read_instrument_file(DEFAULT_INSTRUMENT))


@dataclass
class Outcome:
    value: Any = None
    error: BaseException | None = None


def at_once(*calls: Callable[[], Any], timeout: float = 30.0) -> list[Outcome]:
    """Run ``calls`` in threads started by one barrier; return what each returned or raised.

    Each call should bring its own copy of the objects it changes, loaded
    before the race, as each request loads its own: that stale copy is what a
    service must not trust.
    """
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(outcome: Outcome, call: Callable[[], Any]) -> None:
        close_old_connections()
        try:
            barrier.wait(timeout)
            outcome.value = call()
        except BaseException as exc:  # handed back to the test to assert on
            outcome.error = exc
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=run, args=pair) for pair in zip(outcomes, calls, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    assert not any(thread.is_alive() for thread in threads), "a racer never finished (deadlock?)"
    return outcomes


def one_wins(outcomes: list[Outcome], *, loser: type[BaseException]) -> tuple[Any, BaseException]:
    """Exactly one call succeeded and the other was refused with ``loser``; return both."""
    errors = [o.error for o in outcomes if o.error is not None]
    winners = [o.value for o in outcomes if o.error is None]
    assert len(winners) == 1 and len(errors) == 1, f"expected one winner, got errors {errors!r}"
    assert isinstance(errors[0], loser), f"the loser got {errors[0]!r}, not {loser.__name__}"
    return winners[0], errors[0]

"""Which database a query goes to (``amparo.core.replica``): only reporting reads the replica."""

import datetime

import pytest
from django.db import router
from django.utils import timezone
from django.utils.connection import ConnectionDoesNotExist

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.core.replica import ReplicaRouter, reading_from_replica
from amparo.reporting.cases import case_counts
from amparo.reporting.justice.report import justice_report
from amparo.reporting.justice.selection import JusticeFilters
from amparo.reporting.network import network_report
from amparo.reporting.periods import Period
from amparo.reporting.restoration import restoration_report
from amparo.reporting.restoration_queries import RestorationFilters


@pytest.fixture
def with_replica(settings):
    settings.AMPARO_REPORTING_DATABASE = "replica"


def test_reads_go_to_the_primary_outside_reporting(with_replica):
    assert router.db_for_read(Case) == "default"
    assert Case.objects.all().db == "default"


def test_reporting_reads_go_to_the_replica_and_writes_to_the_primary(with_replica):
    with reading_from_replica():
        assert router.db_for_read(Case) == "replica"
        assert Case.objects.all().db == "replica"
        # Reads that lock or may create are writes to the router.
        assert Case.objects.select_for_update().db == "default"
        assert router.db_for_write(AuditEvent) == "default"
    assert router.db_for_read(Case) == "default"


def test_without_a_replica_reporting_reads_the_primary(settings):
    settings.AMPARO_REPORTING_DATABASE = "default"
    with reading_from_replica():
        assert Case.objects.all().db == "default"


def test_migrations_run_on_the_primary_only():
    assert ReplicaRouter().allow_migrate("default", "cases")
    assert not ReplicaRouter().allow_migrate("replica", "cases")


def _arguments(selector, today):
    if selector is justice_report:
        return {"filters": JusticeFilters(), "suppress": True}
    if selector is restoration_report:
        period = Period(start=today - datetime.timedelta(days=365), end=today)
        return {"filters": RestorationFilters(period=period), "suppress": True}
    return {}


@pytest.mark.parametrize(
    "selector", [justice_report, restoration_report, network_report, case_counts]
)
def test_the_reporting_selectors_read_from_the_reporting_database(cast, settings, selector):
    # A database that does not exist: the first read routed to it fails by its name.
    settings.AMPARO_REPORTING_DATABASE = "reporting-probe"
    arguments = _arguments(selector, timezone.localdate())
    with pytest.raises(ConnectionDoesNotExist, match="reporting-probe"):
        selector(user=cast.analyst, **arguments)
    settings.AMPARO_REPORTING_DATABASE = "default"
    selector(user=cast.analyst, **arguments)

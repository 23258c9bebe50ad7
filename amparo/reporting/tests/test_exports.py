"""The one export service: refuses who may not see aggregates and any unsuppressed report,
audits each export once, and names its files by the local date."""

import datetime

import pytest
import time_machine

from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.core.exceptions import Denied
from amparo.reporting.exports import (
    UnsuppressedReport,
    export_filename,
    indicators_export,
    report_api_export,
    report_export,
)
from amparo.reporting.tests.sample_report import content_of, sample_report

REFUSED = ["outsider", "inactive", "caseworker"]


def exported() -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(code=Code.INDICATORS_EXPORTED))


@pytest.mark.parametrize("name", REFUSED)
def test_an_export_is_refused_to_whoever_may_not_see_aggregates(cast, name):
    with pytest.raises(Denied):
        indicators_export(actor=cast.user(name), report="justice", channel="csv", filters="")
    assert not exported()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", REFUSED)
def test_a_report_export_is_refused_before_anything_is_written(cast, name, fmt):
    with pytest.raises(Denied):
        report_export(actor=cast.user(name), report=sample_report(), fmt=fmt, filename="x")
    with pytest.raises(Denied):
        report_api_export(actor=cast.user(name), report=sample_report())
    assert not exported()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_unsuppressed_report_never_leaves(cast, fmt):
    report = sample_report(suppress=False)
    with pytest.raises(UnsuppressedReport, match="suppression on"):
        report_export(actor=cast.analyst, report=report, fmt=fmt, filename="x")
    with pytest.raises(UnsuppressedReport):
        report_api_export(actor=cast.analyst, report=report)
    assert not exported()


def test_a_report_marked_suppressed_whose_tables_are_not_is_refused(cast):
    report = sample_report(suppress=False)
    report.suppressed = True
    with pytest.raises(UnsuppressedReport):
        report_export(actor=cast.analyst, report=report, fmt="csv", filename="x")


def test_an_unknown_format_is_refused_and_not_audited(cast):
    with pytest.raises(ValueError, match="Unknown export format"):
        report_export(actor=cast.analyst, report=sample_report(), fmt="pdf", filename="x")
    assert not exported()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_each_export_writes_one_event_with_its_channel_and_filters_in_words(cast, fmt):
    response = report_export(actor=cast.analyst, report=sample_report(), fmt=fmt, filename="x")
    assert content_of(response)  # reading it writes nothing more
    (event,) = exported()
    assert event.actor_id == cast.analyst.pk
    assert event.reason == (
        f"sample {fmt}: Court: Juzgado de Quetzaltenango; Period: 2026-01-01 – 2026-06-30"
    )


def test_an_api_export_writes_one_event_and_gives_the_report_data(cast):
    data = report_api_export(actor=cast.analyst, report=sample_report())
    assert data["report"] == "sample"
    (event,) = exported()
    assert event.reason.startswith("sample api: Court: ")


@pytest.mark.parametrize(
    ("moment", "day"),
    [
        # 29 February, and the hours when it is already 1 March in UTC but not in Guatemala.
        (datetime.datetime(2028, 2, 29, 12, 0, tzinfo=datetime.UTC), "2028-02-29"),
        (datetime.datetime(2028, 3, 1, 3, 0, tzinfo=datetime.UTC), "2028-02-29"),
        (datetime.datetime(2026, 12, 31, 23, 59, tzinfo=datetime.UTC), "2026-12-31"),
        (datetime.datetime(2027, 1, 1, 6, 0, tzinfo=datetime.UTC), "2027-01-01"),
    ],
)
def test_a_file_is_named_by_the_local_date_in_ascii(moment, day):
    with time_machine.travel(moment, tick=False):
        assert export_filename("justice-indicators", extension="csv") == (
            f"justice-indicators-{day}.csv"
        )
        assert export_filename("Restauración / año", extension="xlsx") == (
            f"Restauracion-ano-{day}.xlsx"
        )
        assert export_filename('"; ../', extension="csv") == f"report-{day}.csv"


def test_the_download_is_named_by_the_format(cast):
    with time_machine.travel(datetime.datetime(2028, 2, 29, 12, tzinfo=datetime.UTC), tick=False):
        csv = report_export(actor=cast.analyst, report=sample_report(), fmt="csv", filename="j")
        xlsx = report_export(actor=cast.analyst, report=sample_report(), fmt="xlsx", filename="j")
    assert csv["Content-Disposition"] == 'attachment; filename="j-2028-02-29.csv"'
    assert xlsx["Content-Disposition"] == 'attachment; filename="j-2028-02-29.xlsx"'

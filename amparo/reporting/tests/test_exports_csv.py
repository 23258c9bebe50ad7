"""The CSV export: a streamed, readable wide shape in the user's language, [c] for hidden cells."""

import csv
import datetime
import io

import time_machine
from django.http import StreamingHttpResponse
from django.utils import translation

from amparo.reporting.cases import case_counts
from amparo.reporting.exports import report_export
from amparo.reporting.exports.wide_csv import csv_cell, guarded
from amparo.reporting.tables import Column, Report, count_table, protect_tables
from amparo.reporting.tests.sample_report import content_of, sample_report

NOON = datetime.datetime(2028, 2, 29, 18, 0, tzinfo=datetime.UTC)  # 12:00 in Guatemala


def exported_csv(cast, report=None) -> tuple[StreamingHttpResponse, bytes]:
    with time_machine.travel(NOON, tick=False):
        response = report_export(
            actor=cast.analyst, report=report or sample_report(), fmt="csv", filename="justice"
        )
    return response, content_of(response)


def rows_of(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_the_csv_is_streamed_as_utf8_with_a_byte_order_mark(cast):
    response, data = exported_csv(cast)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert data.startswith("\ufeff".encode())
    assert data.count("\ufeff".encode()) == 1


def test_the_csv_opens_with_the_title_filters_view_time_and_legend(cast):
    _, data = exported_csv(cast)
    rows = rows_of(data)
    assert rows[:6] == [
        ["Justice indicators"],
        ["Filters", "Court: Juzgado de Quetzaltenango; Period: 2026-01-01 – 2026-06-30"],
        ["View", "Period: what happened during the period"],
        ["Generated at", "2028-02-29 12:00 CST"],
        [
            "[c]",
            "Hidden to protect confidentiality: a count below 11, or one that would let "
            "such a count be worked out from the figures shown.",
        ],
        [],
    ]


def test_each_table_is_a_title_a_header_its_rows_and_its_total(cast):
    _, data = exported_csv(cast)
    rows = rows_of(data)
    start = rows.index(["Legal cases by stage"])
    assert rows[start : start + 8] == [
        ["Legal cases by stage"],
        ["Stage", "Cases", "Share (%)", "Median days", "Note"],
        ["Complaint", "40", "78.4", "12.2", "'=HYPERLINK()"],
        ["Hearing", "[c]", "[c]", "30", "plain"],
        ["Verdict", "[c]", "[c]", "", "'-1"],
        ["'+Nothing", "0", "0.0", "", ""],
        ["Total", "51", "100.0", "", ""],
        [],
    ]
    # Both tables of the same title are there, one after the other.
    titles = [r for r in rows if r == ["Convictions per complaint by department of the court"]]
    assert len(titles) == 2
    assert rows[-1] == ["Guatemala", "21"]


def test_headers_and_labels_are_in_the_users_language(cast, settings):
    settings.AMPARO_REPORT_MIN_CELL = 1
    with translation.override("es"):
        report = case_counts(user=cast.analyst).report
        _, data = exported_csv(cast, report)
    rows = rows_of(data)
    assert rows[0] == ["Resumen de los casos de su organización"]
    start = rows.index(["Casos por estado"])
    assert rows[start + 1] == ["Estado", "Casos"]
    assert rows[start + 2] == ["Activo", "1"]
    assert "Casos por tipo de incidente (GBVIMS)" in data.decode("utf-8-sig")


def test_the_language_is_the_one_of_the_request_even_when_read_later(cast):
    with translation.override("es"):
        report = case_counts(user=cast.analyst).report
        with time_machine.travel(NOON, tick=False):
            response = report_export(
                actor=cast.analyst, report=report, fmt="csv", filename="inicio"
            )
    # The server reads the stream after the view has returned, in another language.
    with translation.override("en"):
        data = content_of(response).decode("utf-8-sig")
    assert "Casos por estado" in data


def test_text_a_spreadsheet_would_run_as_a_formula_is_guarded():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert guarded(text) == "'" + text
    for text in ("1", "Guatemala", "[c]", "—", " =x"):
        assert guarded(text) == text


def test_values_print_as_numbers_a_spreadsheet_reads():
    assert csv_cell(12) == 12
    assert csv_cell(0.4, share=True) == "40.0"
    assert csv_cell(1 / 3, share=True) == "33.3"
    assert csv_cell(None) == ""
    assert csv_cell("[c]") == "[c]"


def test_a_large_report_is_streamed_line_by_line(cast):
    months = count_table(
        key="months",
        title="Complaints by month",
        row_heading="Month",
        columns=[Column("cases", "Cases")],
        rows=[(f"m{n}", f"2026-{n:05d}", {"cases": 11 + n}) for n in range(5000)],
    )
    report = Report(
        key="trend",
        title="Trend",
        tables=protect_tables([months], suppress=True),
        suppressed=True,
    )
    response = report_export(actor=cast.analyst, report=report, fmt="csv", filename="trend")
    chunks = list(response.streaming_content)
    assert len(chunks) > 5000
    assert chunks[-1] == b"2026-04999,5010\r\n"

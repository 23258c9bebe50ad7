"""A small report with every kind of column, hidden cells and a curve, for the export tests."""

from django.http import StreamingHttpResponse
from django.http.response import HttpResponseBase

from amparo.reporting.survival import time_to_event
from amparo.reporting.tables import Column, Report, count_table, protect_tables

STAGES = [
    Column("cases", "Cases"),
    Column("share", "Share", kind="share", of="cases"),
    Column("median", "Median days", kind="days"),
    Column("note", "Note", kind="text"),
]


def sample_report(*, suppress: bool = True) -> Report:
    """Stages (40 complaints; 5 and 6 hidden, with their shares), a text that looks like a formula,
    an undefined median; two more tables whose titles are long and alike."""
    stages = count_table(
        key="stages",
        title="Legal cases by stage",
        row_heading="Stage",
        columns=STAGES,
        rows=[
            ("complaint", "Complaint", {"cases": 40, "median": 12.25, "note": "=HYPERLINK()"}),
            ("hearing", "Hearing", {"cases": 5, "median": 30, "note": "plain"}),
            ("verdict", "Verdict", {"cases": 6, "median": None, "note": "-1"}),
            ("none", "+Nothing", {"cases": 0, "median": None, "note": ""}),
        ],
        total=("total", "Total"),
    )
    long_title = "Convictions per complaint by department of the court"
    by_department = [
        count_table(
            key=f"department_{n}",
            title=long_title,
            row_heading="Department",
            columns=[Column("cases", "Cases")],
            rows=[("guatemala", "Guatemala", {"cases": 20 + n})],
        )
        for n in range(2)
    ]
    curve = time_to_event(events={10: 3, 20: 5}, censored={30: 12}, competing={15: 2})
    return Report(
        key="sample",
        title="Justice indicators",
        tables=protect_tables([stages, *by_department], suppress=suppress),
        suppressed=suppress,
        filters=[("Court", "Juzgado de Quetzaltenango"), ("Period", "2026-01-01 – 2026-06-30")],
        view="period",
        curves={"verdict": curve},
    )


def content_of(response: HttpResponseBase) -> bytes:
    """The bytes of a download, streamed or not."""
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content)  # type: ignore[arg-type]  # sync: bytes
    return response.content  # type: ignore[attr-defined]  # an HttpResponse

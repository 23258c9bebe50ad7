"""HTCDS/CTDC: export, import into an empty organisation, export again: the standard fields match."""

import csv
import io
from collections import Counter

import pytest

from amparo.audit.models import AuditEvent
from amparo.core.exceptions import Denied
from amparo.exchange.formats.base import ExportFilters
from amparo.exchange.formats.htcds import columns
from amparo.exchange.models import ImportedRecord
from amparo.exchange.services import import_confirm, import_start, standard_export
from amparo.exchange.tests.world import DAY, trafficking_case
from amparo.reporting.kanon import class_sizes

VARIED = [
    dict(exploitation_types=["sexual"], means_of_control=["threats"]),
    dict(
        exploitation_types=["forced_labour"],
        labour_types=["agriculture", "construction"],
        means_of_control=["debt_bondage", "withholds_documents"],
        sexual_exploitation_types=[],
    ),
    dict(
        exploitation_types=["sexual", "forced_marriage"],
        recruiter_relation="family",
        trafficking_status="actual",
        trafficking_status_decided_by="police",
        recruitment_methods=["social_networks"],
        perpetrator_roles=["recruiter", "exploiter"],
    ),
]


def _read(export) -> tuple[list[str], list[dict[str, str]], bytes]:
    data = b"".join(export.chunks())
    lines = data.decode("utf-8-sig").splitlines()
    body = [line for line in lines if not line.startswith("#")]
    table = list(csv.DictReader(io.StringIO("\n".join(body))))
    return [line for line in lines if line.startswith("#")], table, data


def _standard(rows: list[dict[str, str]]) -> Counter:
    return Counter(
        tuple(row[c] for c in columns.EXPORTED if c != columns.RECORD_ID) for row in rows
    )


# The cast's own case is opened today: these tests export the cases they build.
UNTIL = ExportFilters(opened_to=DAY)


def _round_trip(cast, django_capture_on_commit_callbacks):
    first = standard_export(actor=cast.analyst, format_key="htcds", filters=UNTIL)
    _cover, rows, data = _read(first)
    job = import_start(
        actor=cast.third_supervisor, format_key="htcds", file_name="ctdc.csv", data=data
    )
    assert job.refused == 0, [r.fields for r in job.rows.filter(action="refuse")]
    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(actor=cast.third_supervisor, job_id=job.pk)
    second = standard_export(
        actor=cast.third_supervisor, format_key="htcds", filters=ExportFilters()
    )
    return rows, _read(second)[1]


def test_round_trip_with_k_11(cast, django_capture_on_commit_callbacks):
    for n in range(12):
        trafficking_case(cast.caseworker, age=22, **VARIED[n % 3])
    rows, again = _round_trip(cast, django_capture_on_commit_callbacks)
    assert len(rows) == 12 and len(again) == 12
    assert _standard(again) == _standard(rows)
    assert ImportedRecord.objects.filter(organisation=cast.tercera).count() == 12


def test_round_trip_with_a_small_k_keeps_every_field(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.AMPARO_RELEASE_K = 2
    for n, (sex, age, place) in enumerate(
        [("female", 16, "Escuintla"), ("male", 25, "Petén"), ("female", 40, "Guatemala")] * 2
    ):
        trafficking_case(cast.caseworker, sex=sex, age=age, admin1=place, **VARIED[n % 3])
    rows, again = _round_trip(cast, django_capture_on_commit_callbacks)
    assert len(rows) == 6
    assert {r[columns.LOCATION] for r in rows} == {"Escuintla", "Petén", "Guatemala"}
    assert _standard(again) == _standard(rows)


def test_the_export_states_what_it_generalised_and_suppressed(cast):
    for place in ["Escuintla", "Petén"] * 6:
        trafficking_case(cast.caseworker, admin1=place)
    cover, rows, _data = _read(
        standard_export(actor=cast.analyst, format_key="htcds", filters=ExportFilters())
    )
    assert {r[columns.LOCATION] for r in rows} == {""}
    text = "\n".join(cover)
    assert "k = 11" in text and "department left out" in text
    assert "1 of 13" in text  # the cast's case, still alone
    sizes = class_sizes(rows, columns.QUASI_IDENTIFIERS)
    assert all(n >= 11 for n in sizes.values())


def test_the_export_never_holds_identity_or_case_codes(cast):
    for _n in range(11):
        trafficking_case(cast.caseworker)
    _cover, _rows, data = _read(
        standard_export(actor=cast.analyst, format_key="htcds", filters=ExportFilters())
    )
    text = data.decode("utf-8-sig")
    assert "LEX-" not in text and "Testa" not in text and "5555" not in text
    assert "Mariposa" not in text


def test_the_export_is_audited_per_case_and_refused_without_the_permission(cast):
    for _n in range(11):
        trafficking_case(cast.caseworker)
    standard_export(actor=cast.analyst, format_key="htcds", filters=ExportFilters())
    events = AuditEvent.objects.filter(code="records.exported", actor_id=cast.analyst.pk)
    assert events.count() == 12 and events.filter(case=cast.case).count() == 1
    for name in ("caseworker", "lawyer", "counsellor"):
        with pytest.raises(Denied):
            standard_export(actor=cast.user(name), format_key="htcds", filters=ExportFilters())


def test_the_xlsx_export_has_the_records_then_the_guarantee(cast):
    from openpyxl import load_workbook

    for _n in range(11):
        trafficking_case(cast.caseworker)
    export = standard_export(
        actor=cast.analyst, format_key="htcds", filters=ExportFilters(), file_type="xlsx"
    )
    book = load_workbook(io.BytesIO(b"".join(export.chunks())), read_only=True)
    records, about = book.worksheets
    header = next(records.iter_rows(values_only=True))
    assert list(header) == list(columns.EXPORTED)
    assert any("k = 11" in (row[0] or "") for row in about.iter_rows(values_only=True))

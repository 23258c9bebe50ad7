"""Importing measurements: reading CSV and XLSX, the dry run, and the import, once."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from amparo.programmes.models import ImportBatch, PrevalenceStudy, Training
from amparo.programmes.services.imports import measurements_check, measurements_import
from amparo.programmes.tests.measurements_world import measurement_world
from amparo.testing.matrix import covers

STUDIES = (
    "area,title,wave,baseline_start,period_start,period_end,sample_size,estimate,ci_lower,"
    "ci_upper,confidence_level,method,source\n"
    "Quetzaltenango,Minors in CSE,baseline,,2024-02-01,2024-05-31,900,5.0,4.0,6.0,95,household,Study A\n"
    "Quetzaltenango,Minors in CSE,endline,2024-02-01,2027-02-01,2027-05-31,900,2.5,1.9,3.1,,household,Study B\n"
    "Guatemala,Minors in CSE,midline,2023-01-01,2025-06-01,2025-07-01,900,5.0,4.0,6.0,95,household,Study C\n"
)


def _check(cast, world, data: bytes, *, kind="studies", name="studies.csv"):
    return measurements_check(
        actor=cast.analyst,
        programme_id=world.records.lex_programme.pk,
        kind=kind,
        file_name=name,
        data=data,
    )


def _problems(batch):
    return {(e["row"], p["field"]) for e in batch.report for p in e["problems"]}


def test_the_dry_run_checks_every_row_and_writes_only_the_batch(cast):
    world = measurement_world(cast)
    before = PrevalenceStudy.objects.count()
    batch = _check(cast, world, STUDIES.encode())
    assert [e["action"] for e in batch.report] == ["create", "create", "refused"]
    # Row 4 names a baseline of Guatemala that neither the programme nor the file has.
    assert _problems(batch) == {(4, "baseline_start")}
    assert PrevalenceStudy.objects.count() == before
    assert batch.status == ImportBatch.Status.CHECKED


def test_a_later_wave_before_its_baseline_in_the_file_is_refused(cast):
    world = measurement_world(cast)
    data = STUDIES.replace("2027-02-01,2027-05-31", "2024-03-01,2024-06-30").encode()
    batch = _check(cast, world, data)
    assert (3, "period_start") in _problems(batch)


def test_csv_with_bom_and_semicolons_and_decimal_commas_is_read(cast):
    world = measurement_world(cast)
    data = (
        "\ufeffheld_on;institution;role;topic;trained;area\n"
        "2024-06-12;police;Investigating officers;trauma;35;guatemala\n"
        "2024-07-01;judiciary;Trial judges;testimony;12;\n"
    ).encode()
    batch = _check(cast, world, data, kind="trainings")
    assert [e["action"] for e in batch.report] == ["create", "create"]
    result = measurements_import(actor=cast.analyst, batch_id=batch.pk)
    assert result.batch.imported_count == 2 and not result.already_imported
    assert Training.objects.filter(programme=world.records.lex_programme).count() == 3


def test_xlsx_first_sheet_is_read(cast):
    world = measurement_world(cast)
    book = Workbook()
    sheet = book.active
    sheet.append(
        [
            "item",
            "area",
            "period_start",
            "period_end",
            "respondents",
            "estimate",
            "ci_lower",
            "ci_upper",
            "source",
        ]
    )
    import datetime

    sheet.append(
        [
            "sdg_16_3_1",
            "",
            datetime.date(2025, 1, 1),
            datetime.date(2025, 3, 1),
            640,
            22.5,
            19.0,
            26.0,
            "Survey",
        ]
    )
    sheet.append(
        [
            "sdg_16_3_1",
            "Nowhere",
            datetime.date(2025, 1, 1),
            datetime.date(2025, 3, 1),
            640,
            30,
            19.0,
            26.0,
            "Survey",
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    batch = _check(cast, world, buffer.getvalue(), kind="surveys", name="surveys.xlsx")
    assert [e["action"] for e in batch.report] == ["create", "refused"]
    assert {(3, "area"), (3, "estimate")} <= _problems(batch)


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"held_on,institution,role,topic,trained,colour\n", "t.csv", "Unknown columns: colour"),
        (
            b"held_on,institution,role,topic\n2024-01-01,police,x,trauma\n",
            "t.csv",
            "Missing columns: trained",
        ),
        (b"held_on,institution,role,topic,trained\n", "t.csv", "no measurements"),
        (b"", "t.csv", "empty"),
        (b"%PDF-1.4", "t.pdf", "CSV (.csv) or Excel"),
        (b"\xff\xfe\x00h\x00e", "t.csv", "not"),
        (b"PK\x03\x04garbage", "t.xlsx", "cannot be read"),
    ],
)
def test_a_file_that_cannot_be_taken_is_refused_and_nothing_stored(cast, data, name, says):
    world = measurement_world(cast)
    with pytest.raises(ValidationError) as caught:
        _check(cast, world, data, kind="trainings", name=name)
    assert says in " ".join(caught.value.message_dict["file"])
    assert ImportBatch.objects.count() == 0


def test_too_many_rows_or_bytes_are_refused(cast):
    world = measurement_world(cast)
    header = "held_on,institution,role,topic,trained\n"
    rows = "2024-06-12,police,Officers,trauma,3\n" * 5001
    with pytest.raises(ValidationError, match="more than 5000 rows"):
        _check(cast, world, (header + rows).encode(), kind="trainings")
    with pytest.raises(ValidationError, match="2 MB"):
        _check(cast, world, (header + "x" * (2 * 1024 * 1024)).encode(), kind="trainings")
    assert ImportBatch.objects.count() == 0


def test_a_file_with_refused_rows_is_not_imported_and_import_is_idempotent(cast):
    world = measurement_world(cast)
    refused = _check(cast, world, STUDIES.encode())
    with pytest.raises(ValidationError, match="Nothing was imported"):
        measurements_import(actor=cast.analyst, batch_id=refused.pk)
    clean = _check(cast, world, "\n".join(STUDIES.splitlines()[:3]).encode())
    before = PrevalenceStudy.objects.count()
    first = measurements_import(actor=cast.analyst, batch_id=clean.pk)
    assert first.batch.imported_count == 2
    endline = PrevalenceStudy.objects.get(source="Study B")
    assert endline.baseline == PrevalenceStudy.objects.get(source="Study A")
    second = measurements_import(actor=cast.analyst, batch_id=clean.pk)
    assert second.already_imported
    assert PrevalenceStudy.objects.count() == before + 2
    # Checking the same file again finds its baseline already recorded.
    again = _check(cast, world, "\n".join(STUDIES.splitlines()[:3]).encode())
    assert (2, "period_start") in _problems(again)


@covers("measurements_import", "measurements_review")
def test_the_pages_check_a_file_then_import_it_after_confirmation(cast, client):
    world = measurement_world(cast)
    client.force_login(cast.analyst)
    programme_id = world.records.lex_programme.pk
    upload = io.BytesIO(
        b"held_on,institution,role,topic,trained\n2024-06-12,police,Officers,trauma,3\n"
    )
    upload.name = "t.csv"
    response = client.post(
        reverse("measurements_import", kwargs={"programme_id": programme_id}),
        {"kind": "trainings", "file": upload},
    )
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    review = reverse(
        "measurements_review", kwargs={"programme_id": programme_id, "batch_id": batch.pk}
    )
    page = client.get(review)
    assert "Yes, import" in page.content.decode()
    assert Training.objects.count() == 1
    assert client.post(review).status_code == 302
    assert Training.objects.count() == 2
    client.post(review)
    assert Training.objects.count() == 2
    assert "already imported" in client.get(review).content.decode()
    wrong = io.BytesIO(b"colour\nred\n")
    wrong.name = "t.csv"
    response = client.post(
        reverse("measurements_import", kwargs={"programme_id": programme_id}),
        {"kind": "trainings", "file": wrong},
    )
    assert response.status_code == 422 and "Unknown columns" in response.content.decode()


@covers("measurements_template")
def test_the_template_has_the_header_and_an_example(cast, client):
    world = measurement_world(cast)
    client.force_login(cast.analyst)
    url = reverse(
        "measurements_template",
        kwargs={"programme_id": world.records.lex_programme.pk, "kind": "trainings"},
    )
    lines = client.get(url).content.decode().splitlines()
    assert lines[0] == "held_on,institution,role,topic,trained,area,court"
    assert len(lines) == 2


@covers("programme_measurements")
def test_the_measurements_page_in_spanish_and_its_queries_stay_constant(
    cast, client, django_assert_max_num_queries
):
    world = measurement_world(cast)
    client.force_login(cast.analyst)
    url = reverse("programme_measurements", kwargs={"programme_id": world.records.lex_programme.pk})
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for n in range(20):
        Training.objects.create(
            programme=world.records.lex_programme,
            held_on=world.training.held_on,
            institution="police",
            role="Officers",
            topic="trauma",
            trained=n + 1,
            created_by=cast.analyst,
        )
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url)
    with translation.override("es"):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'lang="es"' in page
    # Needs the compiled catalogue (compilemessages), as every Spanish page test does.
    assert "Estudios de prevalencia" in page

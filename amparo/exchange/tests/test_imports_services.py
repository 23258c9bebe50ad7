"""The import: a dry run that writes nothing but its report, then an idempotent, audited import."""

import pytest
from django.core.exceptions import ValidationError

from amparo.audit.models import AuditEvent
from amparo.cases.models import Case
from amparo.core.exceptions import Denied, NotFound
from amparo.exchange.models import ImportedRecord, ImportJob, ImportRow
from amparo.exchange.selectors import imported_record_find
from amparo.exchange.services import import_confirm, import_start
from amparo.exchange.tests.world import csv_file
from amparo.people.models import Survivor, SurvivorIdentity

ROW = {
    "recordId": "SRC-1",
    "yearOfRegistration": "2023",
    "prs_Gender": "Feminine",
    "ageBroad": "18--20",
    "prs_Citizenship": "GT",
    "CountryOfExploitation": "GT",
    "vic_LocationOfExploitation": "Escuintla",
    "vic_TypeOfExploitation": "SexualExploitation",
    "meansOfControlThreats": "1",
    "typeOfSexProstitution": "1",
}


def _row(**cells: str) -> dict[str, str]:
    return {**ROW, **cells}


def _start(actor, rows, name="file.csv"):
    return import_start(actor=actor, format_key="htcds", file_name=name, data=csv_file(rows))


def _confirm(actor, job, capture):
    with capture(execute=True):
        import_confirm(actor=actor, job_id=job.pk)
    return ImportJob.objects.get(pk=job.pk)


def test_the_dry_run_reports_each_row_and_creates_nothing(cast):
    cases, survivors = Case.objects.count(), Survivor.objects.count()
    job = _start(
        cast.supervisor,
        [_row(), _row(recordId="SRC-2", prs_Gender="Robot"), _row(recordId="SRC-1")],
    )
    assert job.status == ImportJob.Status.CHECKED
    assert (Case.objects.count(), Survivor.objects.count()) == (cases, survivors)
    rows = list(ImportRow.objects.filter(job=job).order_by("number"))
    assert [r.action for r in rows] == ["create", "refuse", "refuse"]
    gender = [f for f in rows[1].fields if f["source"] == "prs_Gender"]
    assert gender[0]["outcome"] == "refused" and gender[0]["value"] == "Robot"
    assert any(f["target"] == "external_id" for f in rows[2].fields)
    assert (job.to_create, job.refused) == (1, 2)
    assert AuditEvent.objects.filter(code="import.checked", object_id=str(job.pk)).count() == 1


def test_the_report_holds_no_personal_value(cast):
    job = _start(
        cast.supervisor,
        [_row(prs_FirstName="Testa", prs_SecondName="Ficticia", prs_MobilePhone="+502 5555 0199")],
    )
    text = str(list(ImportRow.objects.filter(job=job).values_list("fields", flat=True)))
    assert "Testa" not in text and "5555" not in text and "Ficticia" not in text


def test_the_import_creates_cases_once_and_a_rerun_creates_nothing(
    cast, django_capture_on_commit_callbacks
):
    rows = [_row(), _row(recordId="SRC-2", prs_FirstName="Testa", prs_SecondName="Importada")]
    job = _confirm(cast.admin, _start(cast.admin, rows), django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE and job.created_count == 2
    records = ImportedRecord.objects.filter(organisation=cast.lex, source_system="htcds")
    assert sorted(r.external_id for r in records) == ["SRC-1", "SRC-2"]
    found = imported_record_find(organisation=cast.lex, source_system="htcds", external_id="SRC-2")
    assert found is not None
    case = found.case
    assert case.organisation == cast.lex
    identity = SurvivorIdentity.objects.get(survivor=case.survivor)
    assert identity.given_names == "Testa"  # decrypted on read, encrypted at rest
    assert AuditEvent.objects.filter(code="record.imported", case=case).count() == 1

    again = _start(cast.admin, rows)
    assert again.to_create == 0 and again.to_skip == 2
    with pytest.raises(ValidationError):
        import_confirm(actor=cast.admin, job_id=again.pk)
    assert records.count() == 2


def test_a_possible_duplicate_is_flagged_not_merged(cast, django_capture_on_commit_callbacks):
    # The cast's case was registered with this phone: the blind index finds it.
    row = _row(prs_FirstName="Otra", prs_MobilePhone="+502 5555 0100")
    job = _start(cast.supervisor, [row])
    report = ImportRow.objects.get(job=job)
    assert report.duplicate_reasons == ["phone"]
    assert report.duplicate_cases == [cast.case.code]
    job = _confirm(cast.supervisor, job, django_capture_on_commit_callbacks)
    record = ImportedRecord.objects.get(job=job)
    assert record.case != cast.case and record.case.survivor != cast.case.survivor
    assert record.possible_duplicate_of == [cast.case.code]


@pytest.mark.parametrize("name", ["caseworker", "lawyer", "counsellor", "analyst"])
def test_only_importers_may_start_or_confirm(cast, name):
    job = _start(cast.supervisor, [_row()])
    with pytest.raises(Denied):
        _start(cast.user(name), [_row()])
    with pytest.raises(Denied):
        import_confirm(actor=cast.user(name), job_id=job.pk)


def test_another_organisations_importer_cannot_confirm_the_job(cast):
    job = _start(cast.supervisor, [_row()])
    with pytest.raises(NotFound):
        import_confirm(actor=cast.partner_supervisor, job_id=job.pk)
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.CHECKED


def test_a_file_refused_as_a_whole_fails_the_job_with_the_reason(cast):
    job = import_start(
        actor=cast.supervisor, format_key="htcds", file_name="x.csv", data=b"\x00\x01"
    )
    assert job.status == ImportJob.Status.FAILED and job.failure
    with pytest.raises(ValidationError):
        import_start(actor=cast.supervisor, format_key="nope", file_name="x.csv", data=b"a,b\n")


def test_a_large_file_goes_through_the_task_queue_with_progress(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.AMPARO_IMPORT_INLINE_BYTES = 10
    settings.AMPARO_IMPORT_INLINE_ROWS = 1
    rows = [_row(recordId=f"BIG-{n}") for n in range(60)]
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = _start(cast.supervisor, rows)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == ImportJob.Status.CHECKED and job.rows_total == 60
    job = _confirm(cast.supervisor, job, django_capture_on_commit_callbacks)
    assert job.status == ImportJob.Status.DONE
    assert (job.rows_done, job.created_count, job.progress_percent) == (60, 60, 100)


def test_two_checked_files_with_the_same_record_create_it_once(
    cast, django_capture_on_commit_callbacks
):
    # Both dry runs see the record as new; the unique constraint decides at import time.
    first, second = _start(cast.supervisor, [_row()]), _start(cast.admin, [_row()])
    assert first.to_create == second.to_create == 1
    _confirm(cast.supervisor, first, django_capture_on_commit_callbacks)
    second = _confirm(cast.admin, second, django_capture_on_commit_callbacks)
    assert (second.created_count, second.skipped_count) == (0, 1)
    assert ImportRow.objects.get(job=second).action == ImportRow.Action.SKIPPED
    assert ImportedRecord.objects.filter(organisation=cast.lex).count() == 1


def test_each_step_of_an_import_is_audited(cast, django_capture_on_commit_callbacks):
    job = _confirm(cast.admin, _start(cast.admin, [_row()]), django_capture_on_commit_callbacks)
    codes = list(
        AuditEvent.objects.filter(object_id=str(job.pk), object_type="exchange.importjob")
        .order_by("id")
        .values_list("code", flat=True)
    )
    assert codes == ["import.checked", "import.confirmed", "import.finished"]
    case = ImportedRecord.objects.get(job=job).case
    trail = set(AuditEvent.objects.filter(case=case).values_list("code", flat=True))
    assert {"case.opened", "incident.recorded", "record.imported"} <= trail

"""A Primero case export through the exchange: dry run, import, re-run, possible duplicate."""

import json

import pytest
from django.core.exceptions import ValidationError

from amparo.cases.models import Case
from amparo.exchange.models import ImportJob, ImportRow
from amparo.exchange.selectors import imported_record_find
from amparo.exchange.services import import_confirm, import_start

HEADER = (
    "id,case_id,case_id_display,status,registration_date,name_first,name_last,sex,"
    "date_of_birth,age,nationality,gbv_displacement_status,telephone_current,national_id_no"
)
# Fictional people. The second shares the standing cast's survivor's national ID.
ROWS = [
    "p1,pr-case-0001,c0001,open,2024-11-05,Zafira,Quimera,female,2001-02-17,,"
    '"[""honduras""]",idp,+502 5555 0999,',
    "p2,pr-case-0002,c0002,closed,2024-12-01,Otra,Persona,female,,30,guatemala,resident,,"
    "TEST-0000-0001",
    "p3,pr-case-0003,c0003,open,2025-01-10,Tercera,Fila,woman,,,,,,",
]


def primero_csv() -> bytes:
    return ("\n".join([HEADER, *ROWS]) + "\n").encode()


@pytest.mark.django_db
def test_a_primero_export_is_dry_run_imported_once_and_duplicates_are_flagged(
    cast, django_capture_on_commit_callbacks
):
    cases_before = Case.objects.filter(organisation=cast.lex).count()
    job = import_start(
        actor=cast.admin, format_key="primero", file_name="cases.csv", data=primero_csv()
    )
    assert job.status == ImportJob.Status.CHECKED
    assert (job.rows_total, job.to_create, job.refused, job.duplicates) == (3, 2, 1, 1)
    assert Case.objects.filter(organisation=cast.lex).count() == cases_before, (
        "a dry run creates nothing"
    )

    rows = {row.number: row for row in ImportRow.objects.filter(job=job)}
    report = json.dumps([row.fields for row in rows.values()], ensure_ascii=False)
    for secret in ("Zafira", "Quimera", "5555", "TEST-0000", "2001-02-17"):
        assert secret not in report, secret
    assert rows[3].action == ImportRow.Action.REFUSE
    assert any(
        f["source"] == "sex" and f["outcome"] == "refused" and f["reason"] for f in rows[3].fields
    )
    assert rows[2].duplicate_cases == [cast.case.code]

    with django_capture_on_commit_callbacks(execute=True):
        import_confirm(actor=cast.admin, job_id=job.pk)
    job.refresh_from_db()
    assert (job.status, job.created_count) == (ImportJob.Status.DONE, 2)
    assert Case.objects.filter(organisation=cast.lex).count() == cases_before + 2
    flagged = imported_record_find(
        organisation=cast.lex, source_system="primero", external_id="pr-case-0002"
    )
    assert flagged is not None
    assert flagged.possible_duplicate_of == [cast.case.code]
    assert flagged.case.survivor_id != cast.case.survivor_id, "flagged, never merged"
    first = imported_record_find(
        organisation=cast.lex, source_system="primero", external_id="pr-case-0001"
    )
    assert first is not None
    survivor = first.case.survivor
    assert (survivor.pseudonym, survivor.sex, survivor.nationality) == ("c0001", "female", "HN")
    assert (survivor.birth_year, survivor.displacement) == (2001, "idp")

    again = import_start(
        actor=cast.admin, format_key="primero", file_name="cases.csv", data=primero_csv()
    )
    assert (again.to_create, again.to_skip, again.refused) == (0, 2, 1)
    with pytest.raises(ValidationError):
        import_confirm(actor=cast.admin, job_id=again.pk)
    assert Case.objects.filter(organisation=cast.lex).count() == cases_before + 2

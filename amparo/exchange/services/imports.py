"""Importing another system's records: a dry run first, then the import, once per record.

``import_start`` keeps the uploaded file (encrypted) in an ``ImportJob`` and
checks it (``import_check``): inline for a small file, in the task queue for
a large one. The check reads the file through its format, maps every row,
asks the intake rules what they would refuse (``intake_import_problems``),
looks for possible duplicates by the blind index and writes one report row
per file row; nothing else is created. ``import_confirm`` is the person's
go-ahead; ``import_run`` then opens a case per row the report said it would
create, through ``intake_import`` (identity encrypted on the way in), in
batches whose progress is saved as it goes. A record already imported from
the same source is skipped (a unique constraint, so even two runs at once
create it once); a possible duplicate is imported and flagged, never merged.
"""

import base64
import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from amparo.accounts.access import perm_required
from amparo.accounts.models import User
from amparo.accounts.roles import Perm
from amparo.cases.services import intake_import, intake_import_problems
from amparo.core.exceptions import Denied, NotFound
from amparo.exchange import events
from amparo.exchange.formats import import_format
from amparo.exchange.formats.base import FieldReport, ImportFormat, MappedRow, Outcome
from amparo.exchange.formats.tabular import MAX_BYTES
from amparo.exchange.models import ImportedRecord, ImportJob, ImportRow, external_key
from amparo.exchange.selectors import case_codes_of_survivors, imported_external_keys
from amparo.people.selectors import possible_duplicates

BATCH = 50


def _inline_bytes() -> int:
    return int(getattr(settings, "AMPARO_IMPORT_INLINE_BYTES", 64 * 1024))


def _inline_rows() -> int:
    return int(getattr(settings, "AMPARO_IMPORT_INLINE_ROWS", 100))


@transaction.atomic
def import_start(*, actor: User, format_key: str, file_name: str, data: bytes) -> ImportJob:
    """Keep an uploaded file for its dry run, and check it (now when small, queued when large).

    Needs IMPORT_RECORDS (``Denied``). Refuses (``ValidationError``) an
    unknown format, an empty file or one over the size limit, before
    anything is kept. The file is encrypted at rest; the job is the
    organisation's, visible to its other importers.
    """
    membership = perm_required(actor, Perm.IMPORT_RECORDS)
    import_format(format_key)
    if not data:
        raise ValidationError({"file": [_("The file is empty.")]})
    if len(data) > MAX_BYTES:
        raise ValidationError(
            {"file": [_("The file is larger than 20 MB: split it into several files.")]}
        )
    job = ImportJob.objects.create(
        organisation=membership.organisation,
        created_by=actor,
        format_key=format_key,
        file_name=file_name[:200],
        upload=base64.b64encode(data).decode("ascii"),
    )
    if len(data) <= _inline_bytes():
        return import_check(job_id=job.pk)
    from amparo.exchange.tasks import check_import

    transaction.on_commit(lambda: check_import(job.pk))
    return job


def _mapped_rows(job: ImportJob, fmt: ImportFormat) -> list[MappedRow]:
    data = base64.b64decode(job.upload)
    today = timezone.localdate()
    rows = fmt.read(io.BytesIO(data), filename=job.file_name)
    return [fmt.map_row(row, number=n, today=today) for n, row in enumerate(rows, start=1)]


def _refusals(problems: dict[str, list[str]]) -> list[FieldReport]:
    return [
        FieldReport(source="", target=target, outcome=Outcome.REFUSED, reason=message)
        for target, messages in problems.items()
        for message in messages
    ]


def _report(field: FieldReport) -> dict[str, str]:
    return {
        "source": field.source,
        "target": field.target,
        "outcome": str(field.outcome),
        "value": field.value,
        "reason": str(field.reason),
    }


def _duplicates(job: ImportJob, mapped: MappedRow) -> tuple[list[str], list[str]]:
    if mapped.intake is None or mapped.intake.identity.is_empty():
        return [], []
    found = possible_duplicates(organisation=job.organisation, identity=mapped.intake.identity)
    reasons = sorted({reason for candidate in found for reason in candidate.reasons})
    codes = case_codes_of_survivors(
        organisation=job.organisation, survivor_ids=[c.survivor_id for c in found]
    )
    return reasons, codes


def _fail(job: ImportJob, message: str) -> ImportJob:
    job.status = ImportJob.Status.FAILED
    job.failure = message[:1000]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "failure", "finished_at", "updated_at"])
    events.import_finished(actor=job.created_by, job=job)
    return job


@transaction.atomic
def import_check(*, job_id: int) -> ImportJob:
    """The dry run of a kept file: one report row per file row; nothing else is written.

    Idempotent: a job already checked (or further) is returned as it is. A
    file refused as a whole, or an importer who has lost the permission,
    fails the job with the reason. Writes ``import.checked``.
    """
    job = (
        ImportJob.objects.select_for_update(of=("self",))
        .select_related("created_by")
        .get(pk=job_id)
    )
    if job.status != ImportJob.Status.CHECKING:
        return job
    actor = job.created_by
    try:
        fmt = import_format(job.format_key)
        mapped_rows = _mapped_rows(job, fmt)
    except ValidationError as exc:
        return _fail(job, " ".join(exc.messages))
    if not mapped_rows:
        return _fail(job, _("The file has a header row but no records."))
    seen = imported_external_keys(organisation=job.organisation, source_system=fmt.source_system)
    in_file: set[str] = set()
    report = []
    try:
        for mapped in mapped_rows:
            report.append(_check_row(job, actor, fmt, mapped, seen=seen, in_file=in_file))
    except Denied:
        return _fail(job, _("The person who uploaded the file may no longer import records."))
    ImportRow.objects.bulk_create(report, batch_size=500)
    actions = [row.action for row in report]
    job.rows_total = len(report)
    job.to_create = actions.count(ImportRow.Action.CREATE)
    job.to_skip = actions.count(ImportRow.Action.SKIP)
    job.refused = actions.count(ImportRow.Action.REFUSE)
    job.duplicates = sum(1 for row in report if row.duplicate_reasons)
    job.status = ImportJob.Status.CHECKED
    job.checked_at = timezone.now()
    job.save()
    events.import_checked(actor=actor, job=job)
    return job


def _check_row(
    job: ImportJob,
    actor: User,
    fmt: ImportFormat,
    mapped: MappedRow,
    *,
    seen: set[str],
    in_file: set[str],
) -> ImportRow:
    fields = list(mapped.fields)
    external_id = mapped.external_id.strip()[:100]
    action = ImportRow.Action.CREATE
    if not external_id:
        fields.append(
            FieldReport(
                source="",
                target="external_id",
                outcome=Outcome.REFUSED,
                reason=_("The row has no record id, so a second import could not find it."),
            )
        )
    elif external_id in in_file:
        fields.append(
            FieldReport(
                source="",
                target="external_id",
                outcome=Outcome.REFUSED,
                reason=_("Another row of this file has the same record id."),
            )
        )
    in_file.add(external_id)
    if mapped.intake is not None and not any(f.outcome is Outcome.REFUSED for f in fields):
        fields += _refusals(
            intake_import_problems(
                actor=actor, data=mapped.intake, more_incidents=mapped.more_incidents
            )
        )
    reasons: list[str] = []
    codes: list[str] = []
    if mapped.intake is None or any(f.outcome is Outcome.REFUSED for f in fields):
        action = ImportRow.Action.REFUSE
    elif external_key(fmt.source_system, external_id) in seen:
        action = ImportRow.Action.SKIP
    else:
        reasons, codes = _duplicates(job, mapped)
    return ImportRow(
        job=job,
        number=mapped.number,
        external_id=external_id,
        action=action,
        fields=[_report(f) for f in fields],
        duplicate_reasons=reasons,
        duplicate_cases=codes,
    )


@transaction.atomic
def import_confirm(*, actor: User, job_id: int) -> ImportJob:
    """The go-ahead after the dry run: import what the report said (now when small, queued).

    Needs IMPORT_RECORDS and a job of the actor's organisation (``NotFound``
    otherwise). Refuses (``ValidationError``) a job that is not checked, or
    has nothing to create; a second confirmation changes nothing. Writes
    ``import.confirmed``.
    """
    membership = perm_required(actor, Perm.IMPORT_RECORDS)
    job = (
        ImportJob.objects.select_for_update()
        .filter(pk=job_id, organisation=membership.organisation)
        .first()
    )
    if job is None:
        raise NotFound
    if job.status != ImportJob.Status.CHECKED:
        raise ValidationError(_("This file is not waiting for confirmation."))
    if not job.to_create:
        raise ValidationError(_("The report has no record to create."))
    job.status = ImportJob.Status.IMPORTING
    job.confirmed_by = actor
    job.confirmed_at = timezone.now()
    job.rows_done = 0
    job.save(update_fields=["status", "confirmed_by", "confirmed_at", "rows_done", "updated_at"])
    events.import_confirmed(actor=actor, job=job)
    if job.to_create <= _inline_rows():
        transaction.on_commit(lambda: import_run(job_id=job.pk))
    else:
        from amparo.exchange.tasks import run_import

        transaction.on_commit(lambda: run_import(job.pk))
    return job


def import_run(*, job_id: int) -> ImportJob:
    """Import a confirmed job's rows, a batch per transaction, saving progress after each.

    Idempotent and resumable: only an importing job is worked on; a row done
    already is passed over; a source record already imported (this job or
    another) is skipped by the unique constraint, not created twice. Each
    case is opened by ``intake_import`` and linked in an ``ImportedRecord``
    (``record.imported``); ``import.finished`` closes the job.
    """
    job = ImportJob.objects.select_related("confirmed_by").get(pk=job_id)
    if job.status != ImportJob.Status.IMPORTING or job.confirmed_by is None:
        return job
    fmt = import_format(job.format_key)
    by_number = {m.number: m for m in _mapped_rows(job, fmt)}
    pending = list(
        ImportRow.objects.filter(job=job, action=ImportRow.Action.CREATE).values_list(
            "pk", flat=True
        )
    )
    for start in range(0, len(pending), BATCH):
        _run_batch(job_id, fmt, by_number, pending[start : start + BATCH])
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status == ImportJob.Status.IMPORTING:
            job.status = ImportJob.Status.DONE
            job.finished_at = timezone.now()
            job.rows_done = job.rows_total
            job.save(update_fields=["status", "finished_at", "rows_done", "updated_at"])
            events.import_finished(actor=job.confirmed_by, job=job)
    return job


@transaction.atomic
def _run_batch(
    job_id: int, fmt: ImportFormat, by_number: dict[int, MappedRow], row_ids: list[int]
) -> None:
    job = (
        ImportJob.objects.select_for_update(of=("self",))
        .select_related("confirmed_by")
        .get(pk=job_id)
    )
    if job.status != ImportJob.Status.IMPORTING or job.confirmed_by is None:
        return
    actor = job.confirmed_by
    rows = ImportRow.objects.select_for_update().filter(
        pk__in=row_ids, action=ImportRow.Action.CREATE
    )
    for row in rows:
        mapped = by_number.get(row.number)
        if mapped is None:
            continue
        _import_row(job, actor, fmt, row, mapped)
    job.rows_done = min(job.rows_total, job.rows_done + len(row_ids))
    job.save(update_fields=["rows_done", "created_count", "skipped_count", "updated_at"])


def _import_row(
    job: ImportJob, actor: User, fmt: ImportFormat, row: ImportRow, mapped: MappedRow
) -> None:
    if mapped.intake is None:
        return
    reasons, codes = _duplicates(job, mapped)
    try:
        with transaction.atomic():
            case = intake_import(
                actor=actor, data=mapped.intake, more_incidents=mapped.more_incidents
            )
            record = ImportedRecord.objects.create(
                organisation=job.organisation,
                source_system=fmt.source_system,
                external_id=row.external_id,
                external_key=external_key(fmt.source_system, row.external_id),
                case=case,
                job=job,
                possible_duplicate_of=codes,
            )
            events.record_imported(actor=actor, record=record)
    except IntegrityError:
        row.action = ImportRow.Action.SKIPPED
        row.save(update_fields=["action"])
        job.skipped_count += 1
        return
    except ValidationError as exc:
        # Something changed since the dry run (a case code taken meanwhile): refused, reported.
        row.action = ImportRow.Action.REFUSE
        problems = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        row.fields = row.fields + [_report(f) for f in _refusals(problems)]
        row.save(update_fields=["action", "fields"])
        return
    row.action = ImportRow.Action.CREATED
    row.case = case
    row.duplicate_reasons = reasons
    row.duplicate_cases = codes
    row.save(update_fields=["action", "case", "duplicate_reasons", "duplicate_cases"])
    job.created_count += 1

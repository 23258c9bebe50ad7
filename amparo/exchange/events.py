"""The exchange's audit events: one named creator per event code.

An import job's events name the job; each imported record's event names the
case it opened, so the survivor's trail says where the file came from. An
export writes one event per case it read, so each survivor's trail shows
that their record left, de-identified, and in which standard.
"""

from collections.abc import Iterable

from django.db import models

from amparo.accounts.models import Organisation, User
from amparo.audit import events as audit
from amparo.audit.events import Code
from amparo.audit.models import AuditEvent
from amparo.exchange.models import ImportedRecord, ImportJob


def import_checked(*, actor: User | None, job: ImportJob) -> AuditEvent:
    """A file checked (the dry run): nothing imported yet; the reason is the format."""
    return audit.record(code=Code.IMPORT_CHECKED, actor=actor, obj=job, reason=job.format_key)


def import_confirmed(*, actor: User, job: ImportJob) -> AuditEvent:
    """The person read the dry run's report and asked for the import."""
    return audit.record(code=Code.IMPORT_CONFIRMED, actor=actor, obj=job, reason=job.format_key)


def import_finished(*, actor: User | None, job: ImportJob) -> AuditEvent:
    """The import ran to its end (or failed: the reason says which)."""
    return audit.record(code=Code.IMPORT_FINISHED, actor=actor, obj=job, reason=job.status)


def record_imported(*, actor: User, record: ImportedRecord) -> AuditEvent:
    """One source record became a case; the reason names its source system (and a flag)."""
    reason = record.source_system
    if record.possible_duplicate_of:
        reason += " possible-duplicate"
    return audit.record(
        code=Code.RECORD_IMPORTED, actor=actor, obj=record, case=record.case, reason=reason
    )


def records_exported(
    *,
    actor: User,
    organisation: Organisation,
    format_key: str,
    filters: str,
    cases: Iterable[models.Model],
) -> list[AuditEvent]:
    """Records left the organisation in ``format_key``: one event per case read.

    ``filters`` describes what was asked (codes and dates, never free text).
    """
    return audit.record_per_case(
        code=Code.RECORDS_EXPORTED,
        actor=actor,
        obj=organisation,
        cases=cases,
        reason=f"{format_key} {filters}".strip()[:200],
    )

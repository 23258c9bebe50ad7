"""Reads of the exchange: import jobs a user may see, and the de-identified records an export takes."""

from django.db.models import Prefetch, QuerySet

from amparo.accounts.access import perm_required
from amparo.accounts.models import Organisation, User
from amparo.accounts.roles import Perm
from amparo.cases import vocab as case_vocab
from amparo.cases.models import Case, Incident
from amparo.core.exceptions import NotFound
from amparo.exchange.formats import EXPORT_FORMATS, IMPORT_FORMATS
from amparo.exchange.formats.base import ExportFilters, ExportFormat, ExportRecord, ImportFormat
from amparo.exchange.models import ImportedRecord, ImportJob, ImportRow, external_key

# The incident's fields an export may know: facts and codes, never free text or people.
_NOT_EXPORTED = {"id", "case", "description", "created_by", "created_at", "updated_at", "version"}
INCIDENT_FIELDS = tuple(
    f.name
    for f in Incident._meta.concrete_fields
    if f.name not in _NOT_EXPORTED and not getattr(f, "encrypted", False)
)


def import_jobs_for_user(*, user: User) -> QuerySet[ImportJob]:
    """The import jobs of the user's organisation, newest first; ``Denied`` without IMPORT_RECORDS."""
    membership = perm_required(user, Perm.IMPORT_RECORDS)
    return ImportJob.objects.filter(organisation=membership.organisation).select_related(
        "created_by"
    )


def import_job_get_for_user(*, user: User, job_id: int) -> ImportJob:
    """One import job of the user's organisation, or ``NotFound`` (another's, or none)."""
    job = import_jobs_for_user(user=user).filter(pk=job_id).first()
    if job is None:
        raise NotFound
    return job


def import_rows_of(*, job: ImportJob, action: str = "") -> QuerySet[ImportRow]:
    """The report rows of ``job`` (already reached through ``import_job_get_for_user``), in order."""
    rows = ImportRow.objects.filter(job=job).select_related("case")
    return rows.filter(action=action) if action else rows


def imported_external_keys(*, organisation: Organisation, source_system: str) -> set[str]:
    """The keys (``models.external_key``) of the source records already imported."""
    return set(
        ImportedRecord.objects.filter(
            organisation=organisation, source_system=source_system
        ).values_list("external_key", flat=True)
    )


def imported_record_find(
    *, organisation: Organisation, source_system: str, external_id: str
) -> ImportedRecord | None:
    """The case imported from ``source_system``'s record ``external_id``, if any.

    The id is stored encrypted, so it is found by its keyed hash (``external_key``).
    """
    return (
        ImportedRecord.objects.select_related("case__survivor")
        .filter(
            organisation=organisation,
            source_system=source_system,
            external_key=external_key(source_system, external_id),
        )
        .first()
    )


def case_codes_of_survivors(*, organisation: Organisation, survivor_ids: list[int]) -> list[str]:
    """The codes of the organisation's cases of these survivors (for a duplicate flag)."""
    if not survivor_ids:
        return []
    return sorted(
        Case.objects.filter(organisation=organisation, survivor_id__in=survivor_ids).values_list(
            "code", flat=True
        )
    )


def export_records(*, organisation: Organisation, filters: ExportFilters) -> list[ExportRecord]:
    """One de-identified record per case of ``organisation`` in ``filters``, from its first incident.

    The caller (``services.exports``) has checked the actor's permission.
    Cases without an incident are left out; no name, exact date of birth or
    free text is read. Ordered by case id, so a file does not follow any
    order a reader could line up with the caseload.
    """
    cases = Case.objects.filter(organisation=organisation).select_related("survivor")
    if filters.opened_from:
        cases = cases.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to:
        cases = cases.filter(opened_on__lte=filters.opened_to)
    first_incidents = Incident.objects.order_by("occurred_on", "id").only(
        "case_id", *INCIDENT_FIELDS
    )
    cases = cases.prefetch_related(Prefetch("incidents", queryset=first_incidents)).order_by("id")
    records = []
    for case in cases:
        incidents = list(case.incidents.all())
        if not incidents:
            continue
        incident = incidents[0]
        if filters.trafficking_only and case_vocab.CaseContext.TRAFFICKING not in incident.contexts:
            continue
        survivor = case.survivor
        records.append(
            ExportRecord(
                case_id=case.pk,
                survivor_id=case.survivor_id,
                case_code=case.code,
                case_status=case.status,
                case_opened_on=case.opened_on,
                survivor_sex=survivor.sex,
                survivor_nationality=survivor.nationality,
                survivor_birth_year=survivor.birth_year,
                # Worked out when the incident was written: exact from the encrypted
                # date of birth when known, else estimated from the birth year.
                age_at_incident=incident.survivor_age,
                incident={name: getattr(incident, name) for name in INCIDENT_FIELDS},
            )
        )
    return records


def export_formats_for_user(*, user: User) -> list[ExportFormat]:
    """The export formats whose permission the user's role grants, by label."""
    return sorted(
        (f for f in EXPORT_FORMATS.values() if user.has_amparo_perm(f.perm)),
        key=lambda f: str(f.label),
    )


def import_formats() -> list[ImportFormat]:
    """Every import format, by label."""
    return sorted(IMPORT_FORMATS.values(), key=lambda f: str(f.label))

"""What the exchange keeps: import jobs with their dry-run report, and where each record came from.

Exports keep nothing: a file is built and streamed to the person who asked,
so no de-identified copy sits at rest (see ``services.exports``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.core.blind_index import digest
from amparo.core.fields import EncryptedTextField
from amparo.core.models import TimeStampedModel
from amparo.exchange.formats import IMPORT_FORMATS


class ImportJob(TimeStampedModel):
    """One uploaded file of another system's records, checked first (the dry run), then imported.

    The file itself holds names, so it is kept encrypted (``upload``, base64
    inside the ciphertext); the report rows (``ImportRow``) hold none. The
    import reads the kept file again and maps it the same way, so what is
    imported is exactly what the dry run showed.
    """

    class Status(models.TextChoices):
        CHECKING = "checking", _("Checking (dry run)")
        CHECKED = "checked", _("Checked: waiting for confirmation")
        IMPORTING = "importing", _("Importing")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="import_jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    format_key = models.CharField(_("format"), max_length=20)
    file_name = EncryptedTextField(_("file name"))
    upload = EncryptedTextField(_("uploaded file"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKING)
    failure = EncryptedTextField(_("why it failed"))  # may quote the file's column names
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    to_create = models.PositiveIntegerField(default=0)
    to_skip = models.PositiveIntegerField(default=0)
    refused = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    skipped_count = models.PositiveIntegerField(default=0)
    checked_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    @property
    def progress_percent(self) -> int:
        return 100 if not self.rows_total else min(100, self.rows_done * 100 // self.rows_total)

    @property
    def format_label(self) -> str:
        """The format's name in the reader's language (its key, should it be withdrawn)."""
        found = IMPORT_FORMATS.get(self.format_key)
        return str(found.label) if found else self.format_key


class ImportRow(models.Model):
    """The dry run's finding for one row of the file: what will happen and, per field, why.

    ``fields`` is a list of ``FieldReport`` as dicts: column and field names,
    codes and reasons, never a personal value. ``duplicate_reasons`` says what
    the blind index matched (e.g. "phone"), ``duplicate_cases`` the codes of
    the cases that may be the same person.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Will be created")
        SKIP = "skip", _("Already imported: skipped")
        REFUSE = "refuse", _("Refused")
        CREATED = "created", _("Created")
        SKIPPED = "skipped", _("Skipped (already imported)")

    job = models.ForeignKey(ImportJob, on_delete=models.PROTECT, related_name="rows")
    number = models.PositiveIntegerField()
    external_id = EncryptedTextField()  # the source's record id: it could be anything
    action = models.CharField(max_length=8, choices=Action.choices)
    fields = models.JSONField(default=list)
    duplicate_reasons = models.JSONField(default=list)
    duplicate_cases = models.JSONField(default=list)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["job", "number"]
        constraints = [
            models.UniqueConstraint(fields=["job", "number"], name="uniq_import_row_number")
        ]

    @property
    def possible_duplicate(self) -> bool:
        return bool(self.duplicate_reasons)


def external_key(source_system: str, external_id: str) -> str:
    """The keyed hash of a source record's id: equal ids, equal keys; not reversible."""
    return digest(f"import:{source_system}", external_id.strip())


class ImportedRecord(models.Model):
    """A case that came from another system: at most one per source record and organisation.

    The unique constraint is what makes a re-run (or two runs at once) create
    nothing twice. A possible duplicate is kept as a flag here, never merged:
    a person decides.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    source_system = models.CharField(max_length=20)
    # The source's record id, encrypted (it could be anything, a name too), and its
    # keyed hash (``external_key``), which the unique constraint compares.
    external_id = EncryptedTextField()
    external_key = models.CharField(max_length=32)
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="imported_from")
    job = models.ForeignKey(ImportJob, on_delete=models.PROTECT, related_name="records")
    possible_duplicate_of = models.JSONField(default=list)  # case codes
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source_system", "external_key"],
                name="uniq_imported_record",
            )
        ]

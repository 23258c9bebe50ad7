from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from amparo.accounts.roles import Role
from amparo.cases import vocab
from amparo.core.age import GbvimsAgeBand
from amparo.core.fields import EncryptedTextField
from amparo.core.models import TimeStampedModel, VersionedModel


class RescueOperation(TimeStampedModel):
    """An operation that removed people from danger; each person can start an intake."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="rescue_operations"
    )
    # Operations are often named after a place or a target: free text, so encrypted.
    name = EncryptedTextField(_("operation name"), max_length=120)
    happened_on = models.DateField(_("date"))
    country = models.CharField(_("country"), max_length=2, default="GT")
    admin1 = models.CharField(_("department / state"), max_length=80)
    admin2 = models.CharField(_("municipality"), max_length=80, blank=True)
    agencies = models.JSONField(_("agencies involved"), default=list, blank=True)
    people_removed = models.PositiveIntegerField(_("people removed from danger"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return self.name


class Case(VersionedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="cases"
    )
    survivor = models.ForeignKey("people.Survivor", on_delete=models.PROTECT, related_name="cases")
    code = models.CharField(_("case code"), max_length=20)
    origin = models.CharField(
        _("how the case began"), max_length=10, choices=vocab.CaseOrigin.choices
    )
    rescue_operation = models.ForeignKey(
        RescueOperation, null=True, blank=True, on_delete=models.PROTECT, related_name="cases"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=vocab.CaseStatus.choices,
        default=vocab.CaseStatus.ACTIVE,
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=12, choices=vocab.ClosureReason.choices, blank=True
    )
    risk_level = models.CharField(
        _("risk level"),
        max_length=8,
        choices=vocab.RiskLevel.choices,
        default=vocab.RiskLevel.MEDIUM,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="uniq_case_code_per_org")
        ]
        # On PostgreSQL a migration also builds ``case_code_upper_prefix``
        # (organisation, UPPER(code) text_pattern_ops), for a search by a code's start.
        indexes = [
            models.Index(fields=["organisation", "status", "-opened_on"]),
            models.Index(fields=["organisation", "-opened_on", "-id"]),
        ]

    def __str__(self) -> str:
        return self.code


class CaseAssignment(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="assignments")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_assignments"
    )
    role = models.CharField(_("role on the case"), max_length=20, choices=Role.choices)
    assigned_at = models.DateTimeField(auto_now_add=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "ended_at", "case"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="uniq_active_assignment",
            )
        ]


class CaseFlag(models.Model):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="flags")
    kind = models.CharField(_("flag"), max_length=15, choices=vocab.FlagKind.choices)
    note = EncryptedTextField(_("note"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-raised_at"]


class Incident(VersionedModel):
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="incidents")
    occurred_on = models.DateField(_("date of incident"))
    date_is_estimated = models.BooleanField(_("date is estimated"), default=False)
    country = models.CharField(_("country"), max_length=2, default="GT")
    admin1 = models.CharField(_("department / state"), max_length=80)
    admin2 = models.CharField(_("municipality"), max_length=80, blank=True)
    # The GBVIMS guided questions; gbv_type is derived from them, in order.
    q_penetration = models.BooleanField(default=False)
    q_sexual_contact = models.BooleanField(default=False)
    q_physical = models.BooleanField(default=False)
    q_forced_marriage = models.BooleanField(default=False)
    q_denial = models.BooleanField(default=False)
    q_psychological = models.BooleanField(default=False)
    money_or_goods_exchanged = models.BooleanField(
        _("money, goods or benefits exchanged"), default=False
    )
    abduction_status = models.CharField(
        _("type of abduction at the time of the incident"),
        max_length=20,
        choices=vocab.AbductionStatus.choices,
        default=vocab.AbductionStatus.NONE,
    )
    # The survivor's age in whole years on ``occurred_on``: exact when the date of
    # birth is known (worked out when written; the date itself stays encrypted),
    # else the year difference from the birth year.
    survivor_age = models.PositiveSmallIntegerField(
        _("survivor's age at the incident"), null=True, blank=True
    )
    survivor_age_exact = models.BooleanField(_("age from the exact date of birth"), default=False)
    gbv_type = models.CharField(
        _("incident type (GBVIMS)"), max_length=20, choices=vocab.GbvType.choices
    )
    contexts = models.JSONField(_("case context"), default=list, blank=True)
    # Trafficking context (CTDC / HTCDS)
    exploitation_types = models.JSONField(_("type of exploitation"), default=list, blank=True)
    means_of_control = models.JSONField(_("means of control"), default=list, blank=True)
    labour_types = models.JSONField(_("type of labour"), default=list, blank=True)
    sexual_exploitation_types = models.JSONField(
        _("type of sexual exploitation"), default=list, blank=True
    )
    recruiter_relation = models.CharField(
        _("recruiter relation"), max_length=20, choices=vocab.RecruiterRelation.choices, blank=True
    )
    recruitment_methods = models.JSONField(_("method of recruitment"), default=list, blank=True)
    # HTCDS keeps the status with the victim's trafficking context, beside the
    # exploitation and recruitment it qualifies; Amparo keeps that context per
    # incident, so the status (and who decided it) is the incident's too.
    trafficking_status = models.CharField(
        _("trafficking status"), max_length=12, choices=vocab.TraffickingStatus.choices, blank=True
    )
    trafficking_status_decided_by = models.CharField(
        _("organisation that decided the trafficking status"),
        max_length=12,
        choices=vocab.DecidingOrganisation.choices,
        blank=True,
    )
    perpetrator_count = models.PositiveSmallIntegerField(
        _("number of alleged perpetrators"), default=1
    )
    perpetrator_sex = models.CharField(
        _("sex of perpetrator(s)"),
        max_length=8,
        choices=vocab.PerpetratorSex.choices,
        default="unknown",
    )
    perpetrator_age_band = models.CharField(
        _("age of primary perpetrator"),
        max_length=10,
        choices=GbvimsAgeBand.choices,
        default="unknown",
    )
    perpetrator_relation = models.CharField(
        _("relation of primary perpetrator"),
        max_length=20,
        choices=vocab.PerpetratorRelation.choices,
        default=vocab.PerpetratorRelation.UNKNOWN,
    )
    perpetrator_roles = models.JSONField(_("perpetrator roles (HTCDS)"), default=list, blank=True)
    reported_to_police = models.BooleanField(_("reported to the police"), default=False)
    police_reported_on = models.DateField(_("date reported to the police"), null=True, blank=True)
    # When the incident was first reported to this organisation; the report delay
    # is measured to it (a later incident is not reported on the case's opening).
    reported_on = models.DateField(_("date first reported"))
    report_delay = models.CharField(
        _("time from incident to report"), max_length=8, choices=vocab.ReportDelay.choices
    )
    description = EncryptedTextField(_("what happened"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-occurred_on", "-id"]

    @property
    def is_trafficking(self) -> bool:
        return vocab.CaseContext.TRAFFICKING in self.contexts


class CaseNote(models.Model):
    """A note on a case. Notes are appended, never edited: the record stays whole."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = EncryptedTextField(_("note"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class IntakeDraft(TimeStampedModel):
    """An intake in progress, kept on the server so that it survives a session's end.

    Its answers (identity and free text among them) are one encrypted JSON
    document: nothing of the survivor is readable in the database. A quick
    registration on a rescue night is a draft too, completed later. Submitting
    opens the case and keeps the draft as done (``case``); a person may set a
    draft aside (``discarded_at``). Neither is ever deleted by a user. Past the
    retention (``AMPARO_INTAKE_DRAFT_DAYS`` since it last changed) a daily job
    erases its answers and marks it ``purged_at``; the row stays for the audit.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="intake_drafts"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rescue_operation = models.ForeignKey(
        RescueOperation, null=True, blank=True, on_delete=models.PROTECT, related_name="drafts"
    )
    state = EncryptedTextField(_("answers"))
    case = models.OneToOneField(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="intake_draft"
    )
    discarded_at = models.DateTimeField(null=True, blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["organisation", "case", "discarded_at"]),
            # The daily purge looks for what has not changed since a day, among the unpurged.
            models.Index(fields=["purged_at", "updated_at"], name="intakedraft_purge_idx"),
        ]


class ClosureRequest(TimeStampedModel):
    """A caseworker's request that a supervisor close a case whose closure rule is
    not met; approving closes it as the supervisor's override, with this
    justification as its reason. Kept, never deleted, whatever the decision."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="closure_requests")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(
        _("closure reason"), max_length=12, choices=vocab.ClosureReason.choices
    )
    closed_on = models.DateField(_("closed on"))
    # Why the case should close now: free text about the survivor, so encrypted.
    justification = EncryptedTextField(_("why close before the rule is met"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=vocab.ClosureRequestStatus.choices,
        default=vocab.ClosureRequestStatus.PENDING,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = EncryptedTextField(_("decision note"), blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            # One question at a time per case: a double submit asks once.
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="uniq_pending_closure_request",
            )
        ]

    @property
    def is_pending(self) -> bool:
        return self.status == vocab.ClosureRequestStatus.PENDING

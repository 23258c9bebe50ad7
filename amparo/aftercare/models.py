from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amparo.aftercare import vocab
from amparo.core.fields import EncryptedTextField
from amparo.core.models import TimeStampedModel, VersionedModel

User = settings.AUTH_USER_MODEL


def _localised(obj: models.Model, field: str) -> str:
    spanish = (get_language() or "en").startswith("es")
    return (
        getattr(obj, f"{field}_es")
        if spanish and getattr(obj, f"{field}_es")
        else getattr(obj, f"{field}_en")
    )


class Facility(TimeStampedModel):
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="facilities"
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=15, choices=vocab.FacilityKind.choices)
    # Where a shelter is is secret: its department is encrypted like an address.
    admin1 = EncryptedTextField(_("department / state"), max_length=80)
    capacity = models.PositiveIntegerField(_("beds"))
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Placement(VersionedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="placements")
    facility = models.ForeignKey(Facility, on_delete=models.PROTECT, related_name="placements")
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=12, choices=vocab.PlacementReason.choices)
    end_reason = models.CharField(
        _("why it ended"), max_length=12, choices=vocab.PlacementEndReason.choices, blank=True
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["facility", "started_on", "ended_on"])]
        constraints = [
            # One survivor is in one place at a time.
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(ended_on__isnull=True),
                name="uniq_open_placement",
            )
        ]


class CarePlan(TimeStampedModel):
    """One version of a survivor's individual care plan."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="care_plans")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=vocab.CarePlanStatus.choices,
        default=vocab.CarePlanStatus.DRAFT,
    )
    summary = EncryptedTextField(_("summary"))
    review_due_on = models.DateField(_("next review"))
    # Set when a partner wrote the plan, of its own services, under a referral
    # (``amparo.network``): the case's own plans leave it empty, whoever owns the
    # case now. A partner's versions are numbered and approved apart from the
    # owner's, so neither supersedes the other's plan.
    partner_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("written by the partner"),
    )
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "number"],
                condition=models.Q(partner_organisation__isnull=True),
                name="uniq_care_plan_number",
            ),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="approved", partner_organisation__isnull=True),
                name="uniq_approved_care_plan",
            ),
            models.UniqueConstraint(
                fields=["case", "partner_organisation", "number"],
                condition=models.Q(partner_organisation__isnull=False),
                name="uniq_partner_care_plan_number",
            ),
            models.UniqueConstraint(
                fields=["case", "partner_organisation"],
                condition=models.Q(status="approved", partner_organisation__isnull=False),
                name="uniq_partner_approved_care_plan",
            ),
        ]


class CarePlanGoal(models.Model):
    plan = models.ForeignKey(CarePlan, on_delete=models.PROTECT, related_name="goals")
    domain = models.CharField(_("restoration domain"), max_length=40)
    description = EncryptedTextField(_("goal"))
    target_on = models.DateField(_("target date"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=vocab.GoalStatus.choices,
        default=vocab.GoalStatus.NOT_STARTED,
    )

    class Meta:
        ordering = ["domain", "target_on", "id"]


class Service(VersionedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="services")
    service_type = models.CharField(_("service"), max_length=15, choices=vocab.ServiceType.choices)
    provider = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="services_provided",
        verbose_name=_("provided by"),
    )
    status = models.CharField(_("status"), max_length=12, choices=vocab.ServiceStatus.choices)
    started_on = models.DateField(_("start"))
    ended_on = models.DateField(_("end"), null=True, blank=True)
    notes = EncryptedTextField(_("notes"))
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-started_on", "-id"]


class CounsellingSession(models.Model):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="counselling_sessions"
    )
    held_on = models.DateField(_("date"))
    counsellor = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    notes = EncryptedTextField(_("session notes"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]


class Instrument(TimeStampedModel):
    """A restoration assessment instrument, as data: domains, items, scale, schedule, closure rule.

    ``organisation`` is empty for the built-in instrument; an organisation
    can load its own (e.g. a licensed one) and make it active.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="instruments",
    )
    code = models.SlugField(max_length=40)
    name_en = models.CharField(max_length=120)
    name_es = models.CharField(max_length=120)
    scale_min = models.PositiveSmallIntegerField(default=1)
    scale_max = models.PositiveSmallIntegerField(default=4)
    # {"1": {"en": "...", "es": "..."}, ...}
    scale_labels = models.JSONField(default=dict)
    # {"first_days": 0, "second_months": 6, "then_every_months": 12} (calendar months)
    schedule = models.JSONField(default=dict)
    # {"min_domain_score": 3, "consecutive": 2, "min_gap_months": 6} (calendar months)
    closure_rule = models.JSONField(default=dict)
    is_active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="uniq_instrument_code")
        ]

    def __str__(self) -> str:
        return _localised(self, "name")


class InstrumentDomain(models.Model):
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="domains")
    code = models.SlugField(max_length=40)
    name_en = models.CharField(max_length=120)
    name_es = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return _localised(self, "name")


class InstrumentItem(models.Model):
    domain = models.ForeignKey(InstrumentDomain, on_delete=models.PROTECT, related_name="items")
    code = models.SlugField(max_length=40)
    text_en = models.CharField(max_length=300)
    text_es = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return _localised(self, "text")


class Assessment(TimeStampedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("date of assessment"))
    assessed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    # Set when a partner assessed under a referral, with its own instrument: such an
    # assessment is the partner's, shown under the referral, and counts neither
    # toward the case's schedule nor its closure rule (the owner's judgement).
    partner_organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("assessed by the partner"),
    )
    # {domain code: mean of its item scores}, computed by the service.
    domain_scores = models.JSONField(default=dict)
    notes = EncryptedTextField(_("notes"))

    class Meta:
        ordering = ["assessed_on", "id"]
        indexes = [models.Index(fields=["case", "assessed_on"])]


class AssessmentAnswer(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="answers")
    item = models.ForeignKey(InstrumentItem, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField()


class FamilyAssessment(TimeStampedModel):
    case = models.ForeignKey(
        "cases.Case", on_delete=models.PROTECT, related_name="family_assessments"
    )
    assessed_on = models.DateField(_("date"))
    household_safety = models.CharField(
        _("household safety"), max_length=12, choices=vocab.HouseholdSafety.choices
    )
    protective_factors = models.JSONField(_("protective factors"), default=list, blank=True)
    risks = models.JSONField(_("risks"), default=list, blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=12, choices=vocab.Recommendation.choices
    )
    notes = EncryptedTextField(_("notes"))
    assessed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    approved_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-assessed_on", "-id"]


class Reintegration(VersionedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="reintegrations")
    family_assessment = models.ForeignKey(
        FamilyAssessment, on_delete=models.PROTECT, related_name="+"
    )
    destination = models.CharField(
        _("destination"), max_length=12, choices=vocab.Destination.choices
    )
    planned_on = models.DateField(_("planned date"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=vocab.ReintegrationStatus.choices,
        default=vocab.ReintegrationStatus.PROPOSED,
    )
    proposed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = EncryptedTextField(_("decision note"), max_length=300)
    reintegrated_on = models.DateField(_("reintegrated on"), null=True, blank=True)

    class Meta:
        ordering = ["-planned_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status__in=["proposed", "approved"]),
                name="uniq_open_reintegration",
            )
        ]


class FollowUp(TimeStampedModel):
    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="follow_ups")
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("visited on"), null=True, blank=True)
    method = models.CharField(
        _("method"), max_length=8, choices=vocab.FollowUpMethod.choices, blank=True
    )
    risks = models.JSONField(_("risks found"), default=list, blank=True)
    notes = EncryptedTextField(_("notes"))
    visited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["case", "done_on", "due_on"])]


class Task(TimeStampedModel):
    """Work for a person on a case (e.g. a supervisor reviewing a risk)."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="tasks")
    kind = models.CharField(_("task"), max_length=24, choices=vocab.TaskKind.choices)
    assigned_to = models.ForeignKey(User, on_delete=models.PROTECT, related_name="tasks")
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_type = models.CharField(max_length=40, blank=True)
    source_id = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["assigned_to", "done_at", "due_on"])]
        constraints = [
            # A decision asked of one person once: a double submit makes no second task.
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "assigned_to"],
                condition=models.Q(done_at__isnull=True) & ~models.Q(source_id=""),
                name="uniq_open_task",
            )
        ]


class RestorationStatus(models.Model):
    """Per-case summary of assessments, kept by the assessment service.

    "My work" and the restoration indicators read this one row per case
    instead of every assessment.
    """

    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="restoration")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    assessments = models.PositiveIntegerField(default=0)
    first_on = models.DateField(null=True)
    last_on = models.DateField(null=True)
    first_scores = models.JSONField(default=dict)
    latest_scores = models.JSONField(default=dict)
    next_due_on = models.DateField(null=True, db_index=True)
    restored_on = models.DateField(null=True)

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from amparo.cases.vocab import PerpetratorRelation
from amparo.core.age import GbvimsAgeBand
from amparo.core.fields import EncryptedTextField
from amparo.core.models import TimeStampedModel, VersionedModel
from amparo.justice import vocab
from amparo.people.vocab import Sex


class Court(models.Model):
    """A court: public reference data shared by every organisation."""

    name = models.CharField(_("court"), max_length=200)
    country = models.CharField(_("country"), max_length=2, default="GT")
    admin1 = models.CharField(_("department / state"), max_length=80)
    jurisdiction = models.CharField(_("jurisdiction"), max_length=120, blank=True)

    class Meta:
        ordering = ["country", "admin1", "name"]
        constraints = [models.UniqueConstraint(fields=["country", "name"], name="uniq_court_name")]

    def __str__(self) -> str:
        return self.name


class Offence(models.Model):
    """An offence in one country's criminal law; the list is configuration per country."""

    country = models.CharField(max_length=2)
    code = models.CharField(max_length=40)
    name_en = models.CharField(max_length=200)
    name_es = models.CharField(max_length=200)
    category = models.CharField(max_length=20, choices=vocab.OffenceCategory.choices)
    legal_reference = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["country", "name_en"]
        constraints = [
            models.UniqueConstraint(fields=["country", "code"], name="uniq_offence_code")
        ]

    def __str__(self) -> str:
        return self.name_es if (get_language() or "en").startswith("es") else self.name_en


class LegalCase(VersionedModel):
    """A criminal case accompanied by the organisation's lawyers.

    The ``*_on`` columns hold the date each stage was reached, derived from the
    current ``StageEvent`` rows by the services; indicators read them so that
    they stay fast over hundreds of thousands of cases.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="legal_cases"
    )
    # Lawyers write "Estado contra <accused>": a name, so encrypted (search by code).
    title = EncryptedTextField(_("short title"), max_length=120)
    reference = EncryptedTextField(_("reference / docket number"))
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="legal_cases")
    offence_category = models.CharField(
        _("offence category"), max_length=20, choices=vocab.OffenceCategory.choices
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=vocab.LegalCaseStatus.choices,
        default=vocab.LegalCaseStatus.OPEN,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closure_reason = models.CharField(
        _("closure reason"), max_length=16, choices=vocab.LegalClosureReason.choices, blank=True
    )
    victims = models.ManyToManyField("cases.Case", related_name="legal_cases", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    complaint_on = models.DateField(null=True, blank=True)
    investigation_on = models.DateField(null=True, blank=True)
    arrest_on = models.DateField(null=True, blank=True)
    charges_on = models.DateField(null=True, blank=True)
    trial_on = models.DateField(null=True, blank=True)
    verdict_on = models.DateField(null=True, blank=True)
    sentence_on = models.DateField(null=True, blank=True)
    appeal_on = models.DateField(null=True, blank=True)
    convicted = models.BooleanField(default=False)

    class Meta:
        ordering = ["-complaint_on", "-id"]
        indexes = [
            models.Index(fields=["organisation", "status"]),
            # Covering: the report reads a cohort's cases by complaint date through this index
            # alone (PostgreSQL; the INCLUDE is ignored elsewhere).
            models.Index(
                fields=["organisation", "complaint_on"],
                include=[
                    "court",
                    "offence_category",
                    "status",
                    "closed_on",
                    "convicted",
                    *(
                        f"{stage}_on"
                        for stage in vocab.STAGE_ORDER
                        if stage != vocab.Stage.COMPLAINT_FILED
                    ),
                ],
                name="justice_lc_org_complaint_idx",
            ),
            # The period view of the indicators: verdicts dated in a period.
            models.Index(fields=["organisation", "verdict_on"], name="justice_lc_org_verdict_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def stage_column(stage: str) -> str:
        return f"{stage}_on"

    @property
    def current_stage(self) -> str | None:
        reached = [s for s in vocab.STAGE_ORDER if getattr(self, self.stage_column(s))]
        return reached[-1] if reached else None


class LegalCaseLawyer(models.Model):
    legal_case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="lawyers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="legal_assignments"
    )
    assigned_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["user", "ended_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["legal_case", "user"],
                condition=models.Q(ended_at__isnull=True),
                name="uniq_active_lawyer",
            )
        ]


class Accused(VersionedModel):
    legal_case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="accused")
    pseudonym = models.CharField(_("pseudonym"), max_length=80)
    full_name = EncryptedTextField(_("legal name"))
    identity_notes = EncryptedTextField(_("identifying details"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    age_band = models.CharField(
        _("age band"), max_length=10, choices=GbvimsAgeBand.choices, default="unknown"
    )
    relation_to_victim = models.CharField(
        _("relation to the victim"),
        max_length=20,
        choices=PerpetratorRelation.choices,
        default=PerpetratorRelation.UNKNOWN,
    )
    role = models.CharField(
        _("role in the crime"), max_length=12, choices=vocab.AccusedRole.choices, blank=True
    )
    custody_status = models.CharField(
        _("custody status"),
        max_length=12,
        choices=vocab.CustodyStatus.choices,
        default=vocab.CustodyStatus.UNKNOWN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.pseudonym


class Charge(TimeStampedModel):
    """One charge against one accused; verdict and sentence are recorded on it."""

    accused = models.ForeignKey(Accused, on_delete=models.PROTECT, related_name="charges")
    offence = models.ForeignKey(Offence, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(
        _("verdict"), max_length=10, choices=vocab.Verdict.choices, blank=True
    )
    verdict_on = models.DateField(_("verdict date"), null=True, blank=True)
    custody_months = models.PositiveIntegerField(
        _("custodial sentence (months)"), null=True, blank=True
    )
    fine_amount = models.DecimalField(
        _("fine"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    reparation_ordered = models.BooleanField(_("reparation ordered"), default=False)
    reparation_amount = models.DecimalField(
        _("reparation amount"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    sentenced_on = models.DateField(_("sentence date"), null=True, blank=True)

    class Meta:
        ordering = ["id"]


class StageEvent(models.Model):
    """A dated stage of a legal case. Corrections supersede, never overwrite."""

    legal_case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="stage_events")
    stage = models.CharField(_("stage"), max_length=14, choices=vocab.Stage.choices)
    occurred_on = models.DateField(_("date"))
    note = EncryptedTextField(_("note"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)
    superseded_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    correction_reason = EncryptedTextField(_("reason for correction"), max_length=300)

    class Meta:
        ordering = ["occurred_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["legal_case", "stage"],
                condition=models.Q(superseded_at__isnull=True),
                name="uniq_current_stage",
            )
        ]


class Hearing(VersionedModel):
    legal_case = models.ForeignKey(LegalCase, on_delete=models.PROTECT, related_name="hearings")
    scheduled_for = models.DateTimeField(_("date and time"))
    kind = models.CharField(_("type"), max_length=20, choices=vocab.HearingType.choices)
    court = models.ForeignKey(Court, on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(
        _("outcome"),
        max_length=10,
        choices=vocab.HearingOutcome.choices,
        default=vocab.HearingOutcome.SCHEDULED,
    )
    postponement_reason = models.CharField(
        _("reason for postponement"),
        max_length=12,
        choices=vocab.PostponementReason.choices,
        blank=True,
    )
    survivor_testified = models.BooleanField(_("survivor testified"), default=False)
    testimony_setting = models.CharField(
        _("where the survivor testified"),
        max_length=10,
        choices=vocab.TestimonySetting.choices,
        blank=True,
    )
    accompanied_by = EncryptedTextField(_("who accompanied the survivor"), max_length=120)
    notes = EncryptedTextField(_("notes"))
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    # The postponed hearing this one replaces: a postponement announced ahead names
    # the new date, so the chain of dates a case waited through stays readable.
    rescheduled_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reschedulings",
        verbose_name=_("rescheduled from"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["scheduled_for", "id"]
        constraints = [
            # A postponed hearing is rescheduled once; a later change moves that new hearing.
            models.UniqueConstraint(
                fields=["rescheduled_from"],
                condition=models.Q(rescheduled_from__isnull=False),
                name="uniq_hearing_rescheduled_from",
            )
        ]
        indexes = [
            # Covering: the report groups a cohort's hearings from this index alone (PostgreSQL).
            models.Index(
                fields=["legal_case", "scheduled_for"],
                include=[
                    "outcome",
                    "postponement_reason",
                    "survivor_testified",
                    "testimony_setting",
                ],
                name="justice_hearing_case_cov_idx",
            )
        ]

"""Programmes, their goals and external measurements, and the public statistics releases.

Nothing here names a person. Case data stays in the apps below; a programme
holds only aggregates (prevalence studies, surveys, trainings) and the frozen
figures of its releases. Text fields are about programmes, studies and
institutions, written for publication (names of documents, job roles, a
release's change note); each says so where it is declared, because free text
is personal data until it is declared safe.

Nothing is deleted by a user action: goals and programmes are archived,
drafts discarded, published releases never change (a correction is a new
version that says what changed).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from amparo.core.models import TimeStampedModel, VersionedModel
from amparo.programmes import vocab

# Percentages (0–100) have three decimals, as the sources publish them ("6.2% (95% CI
# 4.9–7.5)"); a goal's value is in its indicator's unit: a percentage, a count, days or people.


class Programme(VersionedModel):
    """A programme of one organisation, alone or with partner organisations.

    Its live indicators count the cases of ``organisation`` and ``partners``;
    its public releases are protected with ``min_cell`` (never below 11),
    rounded to ``rounding_base`` and, when a release asks for noise, paid for
    from ``privacy_budget`` (a total ε, spent release by release in the ledger).
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="programmes"
    )
    partners = models.ManyToManyField(
        "accounts.Organisation", related_name="partner_programmes", blank=True
    )
    name = models.CharField(_("name"), max_length=160)  # public: a programme's name
    # The public address of its releases: /public/<slug>/
    slug = models.SlugField(_("public address"), max_length=60, unique=True)
    # Public: what the programme does, written for publication.
    summary = models.TextField(_("summary"), blank=True)
    countries = models.JSONField(_("countries"), default=list)  # ISO 3166-1 alpha-2 codes
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"))
    population_covered = models.PositiveBigIntegerField(_("population covered"), default=0)
    method_version = models.PositiveSmallIntegerField(_("people-protected method"), default=1)
    min_cell = models.PositiveSmallIntegerField(_("smallest count published (k)"), default=11)
    rounding_base = models.PositiveSmallIntegerField(_("rounding base"), default=5)
    privacy_budget = models.DecimalField(
        _("privacy budget (total ε)"), max_digits=6, decimal_places=3, default=1
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(min_cell__gte=11), name="programme_min_cell_11"),
            models.CheckConstraint(condition=Q(rounding_base__gte=1), name="programme_rounding"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="programme_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(privacy_budget__gte=0), name="programme_budget"),
        ]

    def __str__(self) -> str:
        return self.name


class ProgrammeArea(TimeStampedModel):
    """A department (or state) the programme covers, with its population.

    The population is public data (a census figure); people protected adds
    up the populations of the areas the method counts.
    """

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="areas")
    country = models.CharField(_("country"), max_length=2, default="GT")
    admin1 = models.CharField(_("department / state"), max_length=80)
    population = models.PositiveBigIntegerField(_("population"))

    class Meta:
        ordering = ["country", "admin1"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "country", "admin1"], name="programme_area_once"
            )
        ]

    def __str__(self) -> str:
        return self.admin1


class Goal(VersionedModel):
    """A target on one indicator (``indicators.INDICATORS``), for the programme or one area."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="goals")
    indicator = models.CharField(_("indicator"), max_length=40)
    area = models.ForeignKey(
        ProgrammeArea, null=True, blank=True, on_delete=models.PROTECT, related_name="goals"
    )
    title = models.CharField(_("title"), max_length=200)  # public: the goal as published
    baseline_value = models.DecimalField(_("baseline"), max_digits=14, decimal_places=3)
    baseline_on = models.DateField(_("baseline date"))
    target_value = models.DecimalField(_("target"), max_digits=14, decimal_places=3)
    target_on = models.DateField(_("target date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["target_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_on__gt=F("baseline_on")), name="goal_target_after_baseline"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(TimeStampedModel):
    goal = models.ForeignKey(Goal, on_delete=models.PROTECT, related_name="milestones")
    due_on = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "due_on"], name="milestone_once_a_day")
        ]


def _interval_holds_estimate() -> Q:
    return Q(ci_lower__lte=F("estimate"), estimate__lte=F("ci_upper"))


class PrevalenceStudy(VersionedModel):
    """One wave of a prevalence study in one area: an estimate with its confidence interval.

    A midline or endline names its ``baseline`` (same area, later period);
    people protected compares the two.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="prevalence_studies"
    )
    area = models.ForeignKey(ProgrammeArea, on_delete=models.PROTECT, related_name="studies")
    # Public: what was measured ("minors in commercial sexual exploitation"), as published.
    title = models.CharField(_("what was measured"), max_length=200)
    wave = models.CharField(_("wave"), max_length=10, choices=vocab.Wave.choices)
    baseline = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="later_waves"
    )
    period_start = models.DateField(_("fieldwork start"))
    period_end = models.DateField(_("fieldwork end"))
    sample_size = models.PositiveIntegerField(_("sample size"))
    estimate = models.DecimalField(_("estimate (%)"), max_digits=7, decimal_places=3)
    ci_lower = models.DecimalField(_("lower bound (%)"), max_digits=7, decimal_places=3)
    ci_upper = models.DecimalField(_("upper bound (%)"), max_digits=7, decimal_places=3)
    confidence_level = models.DecimalField(
        _("confidence level (%)"), max_digits=4, decimal_places=1, default=95
    )
    method = models.CharField(_("method"), max_length=12, choices=vocab.StudyMethod.choices)
    # Public: a citation of the study report (title, publisher, year, address).
    source = models.CharField(_("source document"), max_length=300)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["area__admin1", "period_start", "id"]
        constraints = [
            models.CheckConstraint(condition=_interval_holds_estimate(), name="study_ci_holds"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="study_period"
            ),
        ]


class SurveyResult(VersionedModel):
    """A confidence or reliance survey item, for an area (or the programme) and a period."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="surveys")
    area = models.ForeignKey(
        ProgrammeArea, null=True, blank=True, on_delete=models.PROTECT, related_name="surveys"
    )
    item = models.CharField(_("question"), max_length=24, choices=vocab.SurveyItem.choices)
    period_start = models.DateField(_("fieldwork start"))
    period_end = models.DateField(_("fieldwork end"))
    respondents = models.PositiveIntegerField(_("respondents"))
    estimate = models.DecimalField(_("share (%)"), max_digits=7, decimal_places=3)
    ci_lower = models.DecimalField(_("lower bound (%)"), max_digits=7, decimal_places=3)
    ci_upper = models.DecimalField(_("upper bound (%)"), max_digits=7, decimal_places=3)
    source = models.CharField(_("source document"), max_length=300)  # public: a citation
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["item", "period_start", "id"]
        constraints = [
            models.CheckConstraint(condition=_interval_holds_estimate(), name="survey_ci_holds"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="survey_period"
            ),
        ]


class Training(VersionedModel):
    """Officials or partner staff trained: how many, of which institution and role, when, where."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="trainings")
    held_on = models.DateField(_("date"))
    institution = models.CharField(
        _("institution"), max_length=16, choices=vocab.Institution.choices
    )
    # Public: a job role ("investigating officers", "trial judges"), never a person's name.
    role = models.CharField(_("role of those trained"), max_length=120)
    topic = models.CharField(_("topic"), max_length=16, choices=vocab.TrainingTopic.choices)
    trained = models.PositiveIntegerField(_("number trained"))
    area = models.ForeignKey(
        ProgrammeArea, null=True, blank=True, on_delete=models.PROTECT, related_name="trainings"
    )
    court = models.ForeignKey(
        "justice.Court", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-held_on", "id"]
        constraints = [models.CheckConstraint(condition=Q(trained__gte=1), name="training_some")]


class ImportBatch(TimeStampedModel):
    """An uploaded CSV/XLSX of measurements: checked first (the dry run), imported once.

    ``rows`` are the parsed rows (aggregates only; the columns are the
    measurement's fields), ``report`` the dry run's findings per row and
    field. Importing applies the stored rows, so the import is exactly what
    the dry run showed, and a second import of the same batch does nothing.
    """

    class Kind(models.TextChoices):
        STUDIES = "studies", _("Prevalence studies")
        SURVEYS = "surveys", _("Survey results")
        TRAININGS = "trainings", _("Trainings")

    class Status(models.TextChoices):
        CHECKED = "checked", _("Checked (dry run)")
        IMPORTED = "imported", _("Imported")

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="imports")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    rows = models.JSONField(default=list)
    report = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    imported_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at", "-id"]


# The releases live in their own module; importing them here registers them with the app.
from amparo.programmes.release_models import (  # noqa: E402
    PrivacyBudgetEntry,
    PublishedReleaseError,
    Release,
    ReleaseCell,
)

__all__ = ["PrivacyBudgetEntry", "PublishedReleaseError", "Release", "ReleaseCell"]

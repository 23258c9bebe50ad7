"""A programme's public statistics releases: drafts, frozen published releases, their cells and ledger.

Split from ``models`` (which re-exports them) to keep each module small.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from amparo.core.models import TimeStampedModel
from amparo.programmes import vocab


class Release(TimeStampedModel):
    """A public statistics release: drafted, approved by another person, then frozen for ever.

    ``content`` is exactly what is published (shape in
    ``amparo.programmes.releases``'s docstring); ``cells`` keep, inside the
    organisation only, each published count's true value and the records it
    counts, so later drafts can be checked against it for differencing.
    ``version`` is given at publication (1, 2, …); a correction
    ``supersedes`` the version it corrects and says what changed in
    ``change_note``.
    """

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="releases"
    )
    version = models.PositiveIntegerField(null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)  # public
    status = models.CharField(
        max_length=10, choices=vocab.ReleaseStatus.choices, default=vocab.ReleaseStatus.DRAFT
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("to"))
    split = models.CharField(
        _("periods"), max_length=8, choices=vocab.PeriodSplit.choices, default="whole"
    )
    breakdown = models.CharField(
        _("breakdown"), max_length=12, choices=vocab.Breakdown.choices, default="none"
    )
    measures = models.JSONField(_("figures"), default=list)  # codes of ``measures.MEASURES``
    min_cell = models.PositiveSmallIntegerField(_("smallest count published (k)"), default=11)
    rounding_base = models.PositiveSmallIntegerField(_("rounding base"), default=5)
    epsilon = models.DecimalField(
        _("differential privacy ε"), max_digits=6, decimal_places=3, null=True, blank=True
    )
    content = models.JSONField(default=dict)
    # The last check against the programme's published releases, as the preview shows it.
    checks = models.JSONField(default=list)
    supersedes = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="corrections"
    )
    # Public: what a correction changed, written for publication.
    change_note = models.TextField(_("what changed"), blank=True)
    drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    discarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["programme", "-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "version"],
                condition=Q(version__isnull=False),
                name="release_version_once",
            ),
            # Four eyes: whoever drafted a release cannot approve it.
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=F("drafted_by")),
                name="release_four_eyes",
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | Q(approved_by__isnull=False, version__isnull=False, published_at__isnull=False),
                name="release_published_is_approved",
            ),
            models.CheckConstraint(condition=Q(min_cell__gte=11), name="release_min_cell_11"),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="release_period"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        """Refuse any change to a release already published: it is frozen for ever."""
        if self.pk is not None:
            stored = Release.objects.filter(pk=self.pk, status=vocab.ReleaseStatus.PUBLISHED)
            if stored.exists():
                raise PublishedReleaseError
        super().save(*args, **kwargs)


class PublishedReleaseError(Exception):
    """A published release, or one of its cells, would have been changed."""

    def __init__(self) -> None:
        super().__init__(_("A published release is never changed: publish a correction."))


class ReleaseCell(models.Model):
    """One count of a release, inside the organisation only: never published as such.

    ``value`` is the true count; ``published`` what the release shows (rounded,
    perhaps noised), None when hidden. ``members`` are the ids of the records
    counted (in the measure's unit: legal cases, cases, hearings, services),
    sorted: the differencing check finds the groups of records that two
    releases' cells tell apart. Ids are internal keys, never shown.
    """

    release = models.ForeignKey(Release, on_delete=models.PROTECT, related_name="cells")
    measure = models.CharField(max_length=40)
    period_start = models.DateField()
    period_end = models.DateField()
    area = models.CharField(max_length=80, blank=True)  # "" for the programme total
    value = models.PositiveIntegerField()
    published = models.IntegerField(null=True)
    members = models.JSONField(default=list)

    class Meta:
        ordering = ["release", "measure", "period_start", "area"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "measure", "period_start", "period_end", "area"],
                name="release_cell_once",
            )
        ]

    def save(self, *args, **kwargs) -> None:
        if Release.objects.filter(
            pk=self.release_id, status=vocab.ReleaseStatus.PUBLISHED
        ).exists():
            raise PublishedReleaseError
        super().save(*args, **kwargs)


class PrivacyBudgetEntry(models.Model):
    """ε spent by one published release: the programme's ledger, never edited."""

    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.PROTECT, related_name="ledger"
    )
    release = models.OneToOneField(Release, on_delete=models.PROTECT, related_name="budget_entry")
    epsilon = models.DecimalField(max_digits=6, decimal_places=3)
    spent_at = models.DateTimeField()

    class Meta:
        ordering = ["spent_at", "id"]
        constraints = [models.CheckConstraint(condition=Q(epsilon__gt=0), name="budget_positive")]

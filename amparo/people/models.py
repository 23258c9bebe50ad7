import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.age import GbvimsAgeBand
from amparo.core.blind_index import TermKind
from amparo.core.fields import EncryptedDateField, EncryptedTextField
from amparo.core.models import TimeStampedModel, VersionedModel
from amparo.people import vocab


class Survivor(VersionedModel):
    """A person Amparo protects, known everywhere by a pseudonym.

    Only non-identifying attributes live here; the identity is in
    ``SurvivorIdentity``, encrypted and read only through an audited reveal.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="survivors"
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=80)
    sex = models.CharField(_("sex"), max_length=10, choices=vocab.Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    # Today's GBVIMS band, worked out from the exact date of birth when known (else
    # the birth year) when it is written and refreshed daily for those at a band's
    # edge: the band is kept in clear, the date stays encrypted. Read it through
    # ``amparo.people.age.survivor_age_band``.
    age_band = models.CharField(
        _("age band"), max_length=10, choices=GbvimsAgeBand.choices, default=GbvimsAgeBand.UNKNOWN
    )
    age_band_on = models.DateField(_("age band worked out on"), null=True, blank=True)
    nationality = models.CharField(
        _("nationality"), max_length=2, choices=vocab.Nationality.choices, blank=True
    )
    languages = models.JSONField(_("languages"), default=list, blank=True)
    disability = models.CharField(
        _("disability"),
        max_length=15,
        choices=vocab.Disability.choices,
        default=vocab.Disability.UNKNOWN,
    )
    displacement = models.CharField(
        _("displacement status"),
        max_length=15,
        choices=vocab.Displacement.choices,
        default=vocab.Displacement.UNKNOWN,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The blind-index digests of how each name token sounds (keyed HMACs, never a
    # name or its phonetic code), sorted: a search by name is then one array
    # containment that a GIN index answers by intersecting posting lists. Written
    # with the ``SurvivorIndexTerm`` rows by ``amparo.people.indexing``.
    name_digests = models.JSONField(_("name digests"), default=list, blank=True, editable=False)

    class Meta:
        # On PostgreSQL the migrations also build two GIN indexes SQLite cannot:
        # ``survivor_name_digests_gin`` (name_digests jsonb_path_ops, for ``@>``) and
        # ``survivor_pseudonym_trgm`` (UPPER(pseudonym) gin_trgm_ops, for ``icontains``).
        indexes = [models.Index(fields=["birth_year", "age_band_on"], name="survivor_age_band_idx")]

    def __str__(self) -> str:
        return self.pseudonym


class SurvivorIdentity(TimeStampedModel):
    """The identifying facts about a survivor, every one encrypted at rest."""

    survivor = models.OneToOneField(Survivor, on_delete=models.PROTECT, related_name="identity")
    given_names = EncryptedTextField(_("given names"))
    family_names = EncryptedTextField(_("family names"))
    other_names = EncryptedTextField(_("other names or aliases"))
    date_of_birth = EncryptedDateField(_("exact date of birth"))
    phone = EncryptedTextField(_("phone"))
    address = EncryptedTextField(_("address"))
    national_id = EncryptedTextField(_("national ID number"))
    narrative = EncryptedTextField(_("narrative"))

    @property
    def full_name(self) -> str:
        return f"{self.given_names} {self.family_names}".strip()


class SurvivorIndexTerm(models.Model):
    """A blind-index digest of one identifier of a survivor (see core.blind_index)."""

    survivor = models.ForeignKey(Survivor, on_delete=models.CASCADE, related_name="index_terms")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=8, choices=TermKind.choices)
    digest = models.CharField(max_length=32)

    class Meta:
        indexes = [models.Index(fields=["organisation", "kind", "digest"])]
        constraints = [
            models.UniqueConstraint(fields=["survivor", "kind", "digest"], name="uniq_index_term")
        ]


class FamilyMember(TimeStampedModel):
    survivor = models.ForeignKey(Survivor, on_delete=models.PROTECT, related_name="family")
    relation = models.CharField(_("relation"), max_length=20, choices=vocab.FamilyRelation.choices)
    name = EncryptedTextField(_("name"))
    birth_year = models.PositiveSmallIntegerField(_("birth year"), null=True, blank=True)
    lives_with_survivor = models.BooleanField(_("lives with the survivor"), default=False)
    safety = models.CharField(
        _("safety"),
        max_length=10,
        choices=vocab.FamilySafety.choices,
        default=vocab.FamilySafety.UNKNOWN,
    )
    is_alleged_perpetrator = models.BooleanField(_("alleged perpetrator"), default=False)
    notes = EncryptedTextField(_("notes"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )


class ConsentGrantQuerySet(models.QuerySet["ConsentGrant"]):
    def current(self, on: datetime.date | None = None) -> "ConsentGrantQuerySet":
        day = on or timezone.localdate()
        return self.filter(withdrawn_at__isnull=True, given_on__lte=day).filter(
            models.Q(valid_until__isnull=True) | models.Q(valid_until__gte=day)
        )


class ConsentGrant(VersionedModel):
    """One consent, as data: what for, who gave it, when, until when, withdrawn when."""

    survivor = models.ForeignKey(Survivor, on_delete=models.PROTECT, related_name="consents")
    scope = models.CharField(_("scope"), max_length=10, choices=vocab.ConsentScope.choices)
    recipient = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation it may be shared with"),
    )
    # For a consent to share: which parts of the file (``people.vocab.Section``).
    sections = models.JSONField(_("parts of the file it covers"), default=list, blank=True)
    given_by = models.CharField(_("given by"), max_length=10, choices=vocab.ConsentGiver.choices)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ConsentGrantQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]

    def is_current(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return (
            self.withdrawn_at is None
            and self.given_on <= day
            and (self.valid_until is None or self.valid_until >= day)
        )

    @property
    def section_labels(self) -> list[str]:
        """The covered parts of the file, named in the reader's language."""
        names = dict(vocab.Section.choices)
        return [str(names.get(s, s)) for s in self.sections]

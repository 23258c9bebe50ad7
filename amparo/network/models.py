"""Partner agreements, referrals, transfers and in-app notifications.

Nothing here is deleted by a user action: agreements end, referrals are
declined, revoked or completed, transfers are declined or cancelled.
"""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.core.fields import EncryptedTextField
from amparo.core.models import TimeStampedModel, VersionedModel
from amparo.network import vocab


class PartnerAgreementQuerySet(models.QuerySet["PartnerAgreement"]):
    def current(self, on: datetime.date | None = None) -> "PartnerAgreementQuerySet":
        day = on or timezone.localdate()
        return self.filter(ended_at__isnull=True, effective_from__lte=day).filter(
            models.Q(effective_until__isnull=True) | models.Q(effective_until__gte=day)
        )


class PartnerAgreement(VersionedModel):
    """``organisation`` shares information with ``partner`` under a signed agreement."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="agreements"
    )
    partner = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("partner organisation"),
    )
    reference = EncryptedTextField(_("agreement reference"), max_length=80)
    approved_by = EncryptedTextField(_("approved by"), max_length=120)
    effective_from = models.DateField(_("effective from"))
    effective_until = models.DateField(_("effective until"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = PartnerAgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_from", "-id"]
        indexes = [models.Index(fields=["organisation", "partner"])]

    def is_current(self, on: datetime.date | None = None) -> bool:
        day = on or timezone.localdate()
        return (
            self.ended_at is None
            and self.effective_from <= day
            and (self.effective_until is None or self.effective_until >= day)
        )


class Referral(VersionedModel):
    """A survivor referred by one organisation to another for named services.

    The receiver's access is never stored as a grant of its own: it is worked
    out on every read from this referral's status, the survivor's current
    consent and the current agreement (``amparo.network.access``), so a
    withdrawal, an expiry or a revocation ends it at once.
    """

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="referrals")
    from_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_sent"
    )
    to_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_received"
    )
    services = models.JSONField(_("services requested"), default=list)
    sections = models.JSONField(_("sections shared"), default=list)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=vocab.Urgency.choices, default=vocab.Urgency.ROUTINE
    )
    message = EncryptedTextField(_("message"))
    # What the receiver reads before answering, to triage. Free text, so personal
    # data like the message; declared shareable before acceptance by the sender,
    # who is told so beside the field. Older referrals have none.
    triage_note = EncryptedTextField(_("note for triage"), blank=True, default="")
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=vocab.ReferralStatus.choices,
        default=vocab.ReferralStatus.PENDING,
    )
    consent = models.ForeignKey(
        "people.ConsentGrant", null=True, on_delete=models.PROTECT, related_name="referrals"
    )
    agreement = models.ForeignKey(
        PartnerAgreement, null=True, blank=True, on_delete=models.PROTECT, related_name="referrals"
    )
    # Set when the referral keeps a former owner's access after a transfer.
    transfer = models.ForeignKey(
        "network.Transfer",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="retained_access",
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    decline_reason = models.CharField(
        _("reason"), max_length=12, choices=vocab.DeclineReason.choices, blank=True
    )
    response_note = EncryptedTextField(_("response"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("worked by"),
    )
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    end_reason = models.CharField(
        _("why it ended"), max_length=10, choices=vocab.EndReason.choices, blank=True
    )
    end_note = EncryptedTextField(_("note"))

    class Meta:
        ordering = ["-sent_at", "-id"]
        indexes = [
            models.Index(fields=["to_org", "status", "-sent_at"]),
            models.Index(fields=["from_org", "status", "-sent_at"]),
            # An unfiltered inbox, newest first, stops after one page.
            models.Index(fields=["to_org", "-sent_at", "-id"]),
            models.Index(fields=["from_org", "-sent_at", "-id"]),
        ]

    @property
    def reference(self) -> str:
        """A code that names the referral without naming the survivor (safe in email)."""
        return f"REF-{self.pk:06d}"


class Transfer(VersionedModel):
    """A case handed from one organisation to another, which then owns it."""

    case = models.ForeignKey("cases.Case", on_delete=models.PROTECT, related_name="transfers")
    from_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="transfers_sent"
    )
    to_org = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="transfers_received"
    )
    consent = models.ForeignKey("people.ConsentGrant", on_delete=models.PROTECT, related_name="+")
    agreement = models.ForeignKey(PartnerAgreement, on_delete=models.PROTECT, related_name="+")
    message = EncryptedTextField(_("message"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=vocab.TransferStatus.choices,
        default=vocab.TransferStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField(_("responded at"), null=True, blank=True)
    response_note = EncryptedTextField(_("response"))
    # What the survivor agreed the sender may keep reading once the case has moved.
    keep_sections = models.JSONField(_("sections the sender keeps"), default=list, blank=True)
    previous_code = models.CharField(_("code at the sender"), max_length=20)
    new_code = models.CharField(_("code at the receiver"), max_length=20, blank=True)
    # The pseudonym when the transfer was accepted: what a former owner keeps reading.
    previous_pseudonym = models.CharField(_("pseudonym at the sender"), max_length=80, blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["to_org", "status", "-requested_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(status="pending"), name="uniq_pending_transfer"
            )
        ]

    @property
    def reference(self) -> str:
        return f"TRF-{self.pk:06d}"


class Notification(TimeStampedModel):
    """An in-app message to one person. Its text is rendered at display time,
    in the reader's language, from ``kind`` and what it is about: a referral,
    a transfer, a case (an assignment; with its task, an approval waiting), or
    nothing but its day (overdue work). It never stores survivor details.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="notifications"
    )
    kind = models.CharField(max_length=24, choices=vocab.NotificationKind.choices)
    referral = models.ForeignKey(
        Referral, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transfer = models.ForeignKey(
        Transfer, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    task = models.ForeignKey(
        "aftercare.Task", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The day a daily notice (overdue work) is for: at most one per person, kind and day.
    day = models.DateField(null=True, blank=True)
    read_at = models.DateTimeField(null=True, blank=True)
    # Set once its email has gone, so a retried sending task never sends it twice.
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "day"],
                condition=models.Q(day__isnull=False),
                name="uniq_daily_notification",
            )
        ]

    @property
    def reference(self) -> str:
        """What it is about, by reference or case code only: never a survivor's details."""
        about = self.referral or self.transfer
        if about is not None:
            return about.reference
        return self.case.code if self.case is not None else ""

    @property
    def detail(self) -> str:
        """The decision asked, for an approval waiting (in the reader's language)."""
        if self.task is not None:
            return self.task.get_kind_display()
        # An approval asked with no task is a caseworker's closure request.
        return (
            str(_("Close the case"))
            if self.kind == vocab.NotificationKind.APPROVAL_REQUESTED
            else ""
        )

    def get_absolute_url(self) -> str:
        if self.referral_id is not None:
            return reverse("referral_detail", args=[self.referral_id])
        if self.transfer_id is not None:
            return reverse("transfer_detail", args=[self.transfer_id])
        if self.case_id is not None:
            return reverse("case_file", args=[self.case_id])
        return reverse("my_work")

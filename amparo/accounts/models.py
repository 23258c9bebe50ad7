import datetime

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from amparo.accounts.roles import Perm, Role, role_has


class OrganisationKind(models.TextChoices):
    LEGAL_AID = "legal_aid", _("Legal-aid NGO")
    AFTERCARE = "aftercare", _("Aftercare partner")
    SHELTER = "shelter", _("Shelter")
    GOVERNMENT = "government", _("Government victim-care institute")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=200)
    code = models.CharField(
        _("code"),
        max_length=6,
        unique=True,
        help_text=_("Two to six capital letters, used as the prefix of case codes."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2"))
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email"), unique=True)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(default=timezone.now)
    # The language the user last chose while signed in (a code of LANGUAGES), applied
    # at sign-in on any device; blank until they choose one.
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    def __str__(self) -> str:
        return self.full_name or self.email

    @property
    def active_membership(self) -> "Membership | None":
        # Cached on the instance: many checks per request read it.
        if not hasattr(self, "_active_membership"):
            self._active_membership = (
                Membership.objects.select_related("organisation")
                .filter(user=self, is_active=True, organisation__is_active=True)
                .first()
            )
        return self._active_membership

    def has_amparo_perm(self, perm: Perm) -> bool:
        membership = self.active_membership
        return membership is not None and role_has(membership.role, perm)


class Membership(models.Model):
    """A user's place in one organisation. One account, one organisation."""

    user = models.OneToOneField(User, on_delete=models.PROTECT, related_name="membership")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # When the last invitation e-mail was asked for: an admin may not send another
    # within minutes (amparo.accounts.services.members.RESEND_INTERVAL).
    invitation_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


TOKEN_NAME_MAX = 100


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 of the secret is stored.

    It works until it is revoked or ``expires_at`` passes, whichever comes first.
    """

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(max_length=TOKEN_NAME_MAX)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def is_live(self, *, now: datetime.datetime) -> bool:
        return self.revoked_at is None and self.expires_at > now

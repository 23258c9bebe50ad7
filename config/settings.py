"""Amparo settings, read from the environment (see README.md, 'Configuration').

Defaults are the safe production ones; development and the demo opt out of
them explicitly through AMPARO_ENV=development.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
AMPARO_ENV = env_str("AMPARO_ENV", "production")
if AMPARO_ENV not in {"production", "development", "test"}:
    raise ValueError("AMPARO_ENV must be production, development or test.")
DEBUG = env_bool("DEBUG", default=False)
if DEBUG and AMPARO_ENV == "production":
    # Debug pages show settings, queries and request data: survivor data included.
    raise ImproperlyConfigured(
        "DEBUG=true is refused with AMPARO_ENV=production: debug pages would show "
        "settings and survivor data. Unset DEBUG, or set AMPARO_ENV=development on a workstation."
    )

SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", "" if AMPARO_ENV == "production" else "127.0.0.1,localhost"
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Identity fields are encrypted with the first key; the others still decrypt,
# so a rotation is: prepend a new key, run rotate_encryption_keys, drop the old.
AMPARO_ENCRYPTION_KEYS = env_list("AMPARO_ENCRYPTION_KEYS")
AMPARO_BLIND_INDEX_KEY = env_str("AMPARO_BLIND_INDEX_KEY")
if not AMPARO_ENCRYPTION_KEYS:
    raise ValueError(
        "AMPARO_ENCRYPTION_KEYS is required: one or more Fernet keys, comma-separated. "
        "Generate one with: python -m amparo.core.keys"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "django_htmx",
    "huey.contrib.djhuey",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "amparo.core",
    "amparo.audit",
    "amparo.accounts",
    "amparo.people",
    "amparo.cases",
    "amparo.justice",
    "amparo.aftercare",
    "amparo.network",
    "amparo.reporting",
    "amparo.programmes",
    "amparo.exchange",
    "amparo.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Beyond capacity, a quick 503 with Retry-After, before any work (amparo.core.overload).
    "amparo.core.overload.OverloadMiddleware",
    "csp.middleware.CSPMiddleware",
    "amparo.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and API answers are gzipped for a slow phone connection. After WhiteNoise,
    # which serves static files already compressed at collectstatic (and would only be
    # compressed twice here); before everything that writes a body. Django >= 4.2 pads
    # the gzip output at random (Heal-The-Breach), mitigating BREACH on pages that carry
    # a CSRF token beside text an attacker may inject.
    "django.middleware.gzip.GZipMiddleware",
    # A view that cannot reach the database answers 503 with Retry-After (amparo.core.errors).
    "amparo.core.errors.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # A read saves the session only to slide its idle timeout (SESSION_REFRESH_SECONDS).
    "amparo.core.middleware.IdleSessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "amparo.audit.middleware.AuditContextMiddleware",
    "amparo.accounts.middleware.RequireMfaMiddleware",
    # The language chosen while signed in is kept on the user and applied at sign-in.
    "amparo.accounts.middleware.UserLanguageMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "amparo" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "amparo.accounts.context_processors.membership",
                "amparo.network.context_processors.network",
            ],
        },
    },
]

(BASE_DIR / "var").mkdir(exist_ok=True)
# Connections are kept between requests for this many seconds (0: one per request;
# behind PgBouncer keep them too, the pooler multiplexes them), and a kept one is
# checked before it is reused, so a database restart or failover costs one
# reconnection, not a failed request.
DATABASE_CONN_MAX_AGE = env_int("DATABASE_CONN_MAX_AGE", 60)
DATABASE_CONN_HEALTH_CHECKS = env_bool("DATABASE_CONN_HEALTH_CHECKS", default=True)
# Behind PgBouncer in transaction mode a connection serves other clients between
# transactions: no server-side cursors, no prepared statements (docs/deployment.md).
DATABASE_PGBOUNCER = env_bool("DATABASE_PGBOUNCER", default=False)


def _database(url: str) -> dict[str, Any]:
    database: dict[str, Any] = dict(
        dj_database_url.parse(
            url,
            conn_max_age=DATABASE_CONN_MAX_AGE,
            conn_health_checks=DATABASE_CONN_HEALTH_CHECKS,
            disable_server_side_cursors=DATABASE_PGBOUNCER,
        )
    )
    if DATABASE_PGBOUNCER and database["ENGINE"].endswith("postgresql"):
        database.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return database


DATABASES = {
    "default": _database(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'amparo.sqlite3'}")
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The reports' covering indexes carry INCLUDE columns on PostgreSQL only;
    # on SQLite they are plain indexes, as intended, so the warning says nothing.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # WAL lets the demo serve pages while a seed or export writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
# Reporting and exports read from a streaming replica when one is named
# (amparo.core.replica); everything else, and every write, uses the primary.
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _database(DATABASE_REPLICA_URL)
    # A physical replica cannot hold a test database of its own: tests read the primary's.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["amparo.core.replica.ReplicaRouter"]
# The alias reporting reads from: the replica's when there is one.
AMPARO_REPORTING_DATABASE = "replica" if DATABASE_REPLICA_URL else "default"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "account_login"

# django-allauth: email sign-in, no self sign-up (an organisation admin
# creates accounts), failed sign-ins throttled per client address and per
# client address and account together (the adapter makes the "key" both), so
# nobody can lock a colleague out by typing their email from elsewhere.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "amparo.accounts.adapters.InviteOnlyAccountAdapter"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/m/key",
}
# How many reverse proxies in front of Amparo append to X-Forwarded-For. With 0
# the header is ignored (a client could write anything there) and the
# connection's address is the client's.
AMPARO_TRUSTED_PROXIES = env_int("AMPARO_TRUSTED_PROXIES", 0)
MFA_ADAPTER = "amparo.accounts.adapters.EncryptingMfaAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Amparo"
# Roles that see identities must have a second factor; the demo relaxes this.
AMPARO_REQUIRE_MFA = env_bool("AMPARO_REQUIRE_MFA", default=True)

# Personal API tokens stop working this many days after they are issued.
AMPARO_API_TOKEN_DAYS = env_int("AMPARO_API_TOKEN_DAYS", 90)
if not 1 <= AMPARO_API_TOKEN_DAYS <= 366:
    raise ImproperlyConfigured("AMPARO_API_TOKEN_DAYS must be between 1 and 366.")

# Sessions end after 30 minutes without activity. The expiry slides forward when a
# request comes more than SESSION_REFRESH_SECONDS after it last did
# (amparo.core.middleware.IdleSessionMiddleware), so a page read writes no session.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_REFRESH_SECONDS = env_int("SESSION_REFRESH_SECONDS", 60)
if not 0 <= SESSION_REFRESH_SECONDS <= SESSION_COOKIE_AGE // 2:
    raise ImproperlyConfigured(
        "SESSION_REFRESH_SECONDS must be between 0 and half of SESSION_IDLE_SECONDS."
    )
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "amparo" / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "America/Guatemala")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end packages come from npm at set-up (make assets); never committed.
STATICFILES_DIRS = [("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist")]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if AMPARO_ENV == "production"
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "amparo.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [
        "rest_framework.permissions.IsAuthenticated",
        "amparo.accounts.permissions.MfaSatisfied",
    ],
    "DEFAULT_PAGINATION_CLASS": "amparo.core.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("API_RATE", "1200/hour")},
    "EXCEPTION_HANDLER": "amparo.core.api.exception_handler",
}
# Checked on every Amparo API view after authentication, whichever class
# authenticated the request, even where a view sets its own permissions.
AMPARO_API_REQUIRED_PERMISSIONS = [
    "amparo.accounts.permissions.MfaSatisfied",
    "amparo.accounts.permissions.DeclaredPerms",
]
SPECTACULAR_SETTINGS = {
    "TITLE": "Amparo API",
    "DESCRIPTION": "Survivor-centred case management. Every read and write is audited.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Vocabularies shared by several models get one schema name each.
    "ENUM_NAME_OVERRIDES": {
        "GbvimsAgeBandEnum": "amparo.core.age.GbvimsAgeBand",
        "PerpetratorRelationEnum": "amparo.cases.vocab.PerpetratorRelation",
        "ServiceTypeEnum": "amparo.aftercare.vocab.ServiceType",
        "ServiceStatusEnum": "amparo.aftercare.vocab.ServiceStatus",
        "SectionEnum": "amparo.people.vocab.Section",
        # A case's closure reason, and the one a closure request asks for.
        "ClosureReasonEnum": "amparo.cases.vocab.ClosureReason",
        "ReferralStatusEnum": "amparo.network.vocab.ReferralStatus",
        "TransferStatusEnum": "amparo.network.vocab.TransferStatus",
        "DeclineReasonEnum": "amparo.network.vocab.DeclineReason",
        "EndReasonEnum": "amparo.network.vocab.EndReason",
        "OrganisationKindEnum": "amparo.accounts.models.OrganisationKind",
        "MemberRoleEnum": "amparo.accounts.roles.Role",
        # The accused's role keeps the name it had before members had roles in the API.
        "RoleEnum": "amparo.justice.vocab.AccusedRole",
        "PlacementReasonEnum": "amparo.aftercare.vocab.PlacementReason",
        "PlacementEndReasonEnum": "amparo.aftercare.vocab.PlacementEndReason",
        # Pinned: a report's curves have a ``method`` too (amparo.reporting.api.common).
        "MethodEnum": "amparo.aftercare.vocab.FollowUpMethod",
        "StudyMethodEnum": "amparo.programmes.vocab.StudyMethod",
        # The report shape every indicators API gives (amparo.reporting.api.common).
        "ReportColumnKindEnum": "amparo.reporting.api.common.COLUMN_KINDS",
        "CurveMethodEnum": "amparo.reporting.api.common.CURVE_METHODS",
    },
}
# Overload (amparo.core.overload, docs/deployment.md): refuse a request that waited
# longer than this for a worker (X-Request-Start from the proxy; 0: no limit), and
# handle at most this many at once per process (0: as many as the server's threads),
# one more waiting at most AMPARO_CONCURRENCY_WAIT_SECONDS for a place.
AMPARO_MAX_QUEUE_SECONDS = env_int("AMPARO_MAX_QUEUE_SECONDS", 10)
AMPARO_MAX_CONCURRENT_REQUESTS = env_int("AMPARO_MAX_CONCURRENT_REQUESTS", 0)
AMPARO_CONCURRENCY_WAIT_SECONDS = env_int("AMPARO_CONCURRENCY_WAIT_SECONDS", 2)
AMPARO_OVERLOAD_RETRY_AFTER = env_int("AMPARO_OVERLOAD_RETRY_AFTER", 10)
_overload_limits = (
    AMPARO_MAX_QUEUE_SECONDS,
    AMPARO_MAX_CONCURRENT_REQUESTS,
    AMPARO_CONCURRENCY_WAIT_SECONDS,
    AMPARO_OVERLOAD_RETRY_AFTER,
)
if any(limit < 0 for limit in _overload_limits):
    raise ImproperlyConfigured("The overload limits are seconds or counts, 0 or more.")
# A failed CSRF check under /api/ answers JSON, like every other API error.
CSRF_FAILURE_VIEW = "amparo.core.errors.csrf_failure"
# Oversized API payloads are refused before they reach a serializer.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_str("REDIS_URL", ""):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env_str("REDIS_URL"),
    }

# Background work (reminders, exports) goes through huey. The embedded default
# keeps the queue in a SQLite file beside the database and needs no server;
# set REDIS_URL to share one queue between several app servers.
_redis_url = env_str("REDIS_URL", "")
HUEY = {
    "name": "amparo",
    "huey_class": "huey.RedisHuey" if _redis_url else "huey.SqliteHuey",
    "immediate": env_bool("AMPARO_TASKS_IMMEDIATE", default=AMPARO_ENV == "test"),
    "utc": True,
    **(
        {"url": _redis_url} if _redis_url else {"filename": str(BASE_DIR / "var" / "tasks.sqlite3")}
    ),
    "consumer": {"workers": env_int("AMPARO_TASK_WORKERS", 2), "worker_type": "thread"},
}
# The audit trail on PostgreSQL (amparo.audit.partitions): monthly partitions made this
# many months ahead, and months older than AMPARO_AUDIT_ONLINE_MONTHS archived
# (detached, never dropped) by manage.py archive_audit_partitions.
AMPARO_AUDIT_PARTITIONS_AHEAD = env_int("AMPARO_AUDIT_PARTITIONS_AHEAD", 3)
AMPARO_AUDIT_ONLINE_MONTHS = env_int("AMPARO_AUDIT_ONLINE_MONTHS", 36)
if AMPARO_AUDIT_PARTITIONS_AHEAD < 1 or AMPARO_AUDIT_ONLINE_MONTHS < 1:
    raise ImproperlyConfigured(
        "AMPARO_AUDIT_PARTITIONS_AHEAD and AMPARO_AUDIT_ONLINE_MONTHS must be 1 or more."
    )
AMPARO_HEARING_REMINDER_DAYS = env_int("AMPARO_HEARING_REMINDER_DAYS", 3)
# An intake in progress (a quick registration on a rescue night too) holds a survivor's
# identity: its answers are erased this many days after it last changed.
AMPARO_INTAKE_DRAFT_DAYS = env_int("AMPARO_INTAKE_DRAFT_DAYS", 30)
if not 1 <= AMPARO_INTAKE_DRAFT_DAYS <= 366:
    raise ImproperlyConfigured("AMPARO_INTAKE_DRAFT_DAYS must be between 1 and 366 days.")
# Follow-up after reintegration: monthly visits, then quarterly ones until closure.
AMPARO_FOLLOW_UP_MONTHLY = env_int("AMPARO_FOLLOW_UP_MONTHLY", 6)
AMPARO_FOLLOW_UP_QUARTERLY = env_int("AMPARO_FOLLOW_UP_QUARTERLY", 4)
# Dates users type (amparo.core.validation): hearings, reviews and other appointments
# at most this many years ahead; the end of a consent or agreement at most that many.
AMPARO_SCHEDULE_MAX_YEARS = env_int("AMPARO_SCHEDULE_MAX_YEARS", 5)
AMPARO_VALIDITY_MAX_YEARS = env_int("AMPARO_VALIDITY_MAX_YEARS", 25)
if not 1 <= AMPARO_SCHEDULE_MAX_YEARS <= AMPARO_VALIDITY_MAX_YEARS <= 100:
    raise ImproperlyConfigured(
        "AMPARO_SCHEDULE_MAX_YEARS and AMPARO_VALIDITY_MAX_YEARS must be whole years, "
        "1 ≤ schedule ≤ validity ≤ 100."
    )

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if AMPARO_ENV == "production"
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "amparo@localhost")
# Referral and transfer notifications also go by email (no survivor details in them).
AMPARO_NOTIFY_BY_EMAIL = env_bool("AMPARO_NOTIFY_BY_EMAIL", default=True)
# Where links in emails point. Required in production, never a local address there.
AMPARO_BASE_URL = env_str(
    "AMPARO_BASE_URL", None if AMPARO_ENV == "production" else "http://127.0.0.1:8000"
).rstrip("/")
_base_url = urlsplit(AMPARO_BASE_URL)
if _base_url.scheme not in {"http", "https"} or not _base_url.hostname:
    raise ImproperlyConfigured(
        f"AMPARO_BASE_URL must be an address such as https://amparo.example.org, not {AMPARO_BASE_URL!r}."
    )
if AMPARO_ENV == "production" and (
    _base_url.hostname in {"localhost", "::1"} or _base_url.hostname.startswith("127.")
):
    raise ImproperlyConfigured(
        "AMPARO_BASE_URL points at this machine; links in emails would not reach anyone. "
        "Set it to the address people open Amparo at."
    )

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
_secure = AMPARO_ENV == "production"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=_secure)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=_secure)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=_secure)
# The load balancer's health check comes over plain HTTP from inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000 if _secure else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = _secure
SESSION_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy on every response: scripts, styles and everything
# else from Amparo's own origin only; no inline script or style, no frames.
# The API documentation page (Swagger UI) loosens styles on its route alone.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # The TOTP set-up page shows its QR code as a data: image.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}
# Permissions-Policy on every response: no page of Amparo uses these features,
# so an injected script or frame cannot either.
AMPARO_PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

# Logs never carry survivor data: errors are logged without request bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.request": {"level": "ERROR", "propagate": True}},
}

AMPARO_CASELOAD_PAGE_SIZE = 25
AMPARO_REPORT_MIN_CELL = env_int("AMPARO_REPORT_MIN_CELL", 11)
# Case-level releases (the CTDC export): every combination of quasi-identifiers is
# shared by at least this many records, as CTDC does for its global dataset.
AMPARO_RELEASE_K = env_int("AMPARO_RELEASE_K", 11)
if AMPARO_RELEASE_K < 2:
    raise ImproperlyConfigured("AMPARO_RELEASE_K must be at least 2.")
# Imports: a file up to this size is checked at once, larger ones in the task queue;
# an import of up to this many records runs at once, more in the task queue.
AMPARO_IMPORT_INLINE_BYTES = env_int("AMPARO_IMPORT_INLINE_BYTES", 64 * 1024)
AMPARO_IMPORT_INLINE_ROWS = env_int("AMPARO_IMPORT_INLINE_ROWS", 100)

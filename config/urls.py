from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from amparo.core.health import healthz
from amparo.core.routes import PUBLIC, SIGNED_IN

# Swagger UI loads its start-up script from its own URL (no inline script), but
# its page and widgets carry inline styles: allowed on this route alone.
api_docs = csp_update({"style-src": [UNSAFE_INLINE]})(
    SpectacularSwaggerSplitView.as_view(url_name="api-schema")
)

urlpatterns = [
    # The load balancer's health check (amparo.core.health).
    path("healthz", healthz, name="healthz"),
    path("", include("amparo.cases.urls")),
    path("", include("amparo.aftercare.urls")),
    path("", include("amparo.justice.urls")),
    path("", include("amparo.network.urls")),
    path("", include("amparo.reporting.urls")),
    path("", include("amparo.programmes.urls")),
    path("", include("amparo.programmes.urls_measurements")),
    path("", include("amparo.programmes.urls_results")),
    path("", include("amparo.programmes.urls_releases")),
    # Published releases and impact reports: read without signing in.
    path("", include("amparo.programmes.urls_public")),
    path("", include("amparo.programmes.urls_impact")),
    path("", include("amparo.exchange.urls")),
    path("", include("amparo.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_v1")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", api_docs, name="api-docs"),
    path("admin/", admin.site.urls),
]

# Under /api/ errors answer JSON in the API's shapes; elsewhere, the pages (amparo.core.errors).
handler400 = "amparo.core.errors.bad_request"
handler403 = "amparo.core.errors.permission_denied"
handler404 = "amparo.core.errors.page_not_found"
handler500 = "amparo.core.errors.server_error"

# Routes of the apps included here (amparo.core.routes); Amparo's own apps
# classify theirs in their urls modules. The admin registers no survivor data
# (amparo/accounts/admin.py), and a test keeps it so.
ROUTE_ACCESS = {
    "healthz": PUBLIC,
    "account_login": PUBLIC,
    "account_logout": SIGNED_IN,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": PUBLIC,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "account_reset_password": PUBLIC,
    "account_confirm_login_code": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": PUBLIC,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
    "set_language": PUBLIC,
    "api-schema": PUBLIC,
    "api-docs": PUBLIC,
    "admin:*": SIGNED_IN,
}

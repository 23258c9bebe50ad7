from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("amparo.cases.urls")),
    path("", include("amparo.aftercare.urls")),
    path("", include("amparo.justice.urls")),
    path("", include("amparo.network.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("config.api_v1")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("admin/", admin.site.urls),
]

# Under /api/ errors answer JSON in the API's shapes; elsewhere, the pages (amparo.core.errors).
handler400 = "amparo.core.errors.bad_request"
handler403 = "amparo.core.errors.permission_denied"
handler404 = "amparo.core.errors.page_not_found"
handler500 = "amparo.core.errors.server_error"

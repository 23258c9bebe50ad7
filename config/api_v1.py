from django.urls import include, path

urlpatterns = [
    path("", include("amparo.cases.api_urls")),
    path("", include("amparo.aftercare.api_urls")),
    path("", include("amparo.accounts.api_urls")),
    path("", include("amparo.justice.api_urls")),
    path("", include("amparo.network.api_urls")),
    path("", include("amparo.reporting.api_urls")),
]

from django.urls import include, path

urlpatterns = [
    path("", include("amparo.cases.api_urls")),
    path("", include("amparo.aftercare.api_urls")),
    path("", include("amparo.accounts.api_urls")),
    path("", include("amparo.justice.api_urls")),
    path("", include("amparo.network.api_urls")),
    path("", include("amparo.reporting.api_urls")),
    path("", include("amparo.programmes.api_urls")),
    path("", include("amparo.programmes.api_urls_measurements")),
    path("", include("amparo.programmes.api_urls_results")),
    path("", include("amparo.programmes.api_urls_releases")),
    path("", include("amparo.programmes.api_urls_impact")),
    path("", include("amparo.exchange.api_urls")),
]

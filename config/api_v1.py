from django.urls import include, path

urlpatterns = [
    path("", include("amparo.cases.api_urls")),
]

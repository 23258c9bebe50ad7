from django.urls import path

from amparo.core.routes import SIGNED_IN
from amparo.programmes.api.results import ProgrammeResultsApi

urlpatterns = [
    path(
        "programmes/<int:programme_id>/results/",
        ProgrammeResultsApi.as_view(),
        name="api-programme-results",
    ),
]

ROUTE_ACCESS = {
    "api-programme-results": SIGNED_IN,
}

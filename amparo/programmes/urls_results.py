from django.urls import path

from amparo.core.routes import SIGNED_IN
from amparo.programmes.views import results

urlpatterns = [
    path(
        "programmes/<int:programme_id>/results/",
        results.programme_results,
        name="programme_results",
    ),
]

ROUTE_ACCESS = {
    "programme_results": SIGNED_IN,
}

"""The impact reports of a programme, for its members: links to the public report and PDF."""

from django.urls import path

from amparo.core.routes import SIGNED_IN
from amparo.programmes.views import impact

urlpatterns = [
    path("programmes/<int:programme_id>/impact/", impact.programme_impact, name="programme_impact"),
]

ROUTE_ACCESS = {
    "programme_impact": SIGNED_IN,
}

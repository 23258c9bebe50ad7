"""Routes of the indicators API under /api/v1/ (at the paths they always had)."""

from django.urls import path

from amparo.core.routes import SIGNED_IN
from amparo.reporting.api import justice, network, restoration

urlpatterns = [
    path("legal/indicators/", justice.IndicatorsApi.as_view(), name="api-legal-indicators"),
    path(
        "indicators/restoration/",
        restoration.RestorationIndicatorsApi.as_view(),
        name="api-restoration-indicators",
    ),
    path(
        "network/indicators/",
        network.NetworkIndicatorsApi.as_view(),
        name="api-network-indicators",
    ),
]

# Aggregates only, small cells always suppressed (amparo.core.routes).
ROUTE_ACCESS = {
    "api-legal-indicators": SIGNED_IN,
    "api-restoration-indicators": SIGNED_IN,
    "api-network-indicators": SIGNED_IN,
}

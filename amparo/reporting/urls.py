"""The indicator pages and their CSV/XLSX exports, and the home page (at the paths they always had)."""

from django.urls import path

from amparo.core.routes import SIGNED_IN
from amparo.reporting.views import home, justice, network, restoration
from amparo.reporting.views.common import export_paths

urlpatterns = [
    path("", home.home, name="home"),
    path("legal/dashboard/", justice.dashboard, name="justice_dashboard"),
    *export_paths("legal/dashboard", justice.dashboard_export, name="justice_dashboard"),
    path("restoration/dashboard/", restoration.restoration_dashboard, name="restoration_dashboard"),
    *export_paths(
        "restoration/dashboard/export",
        restoration.restoration_dashboard_export,
        name="restoration_dashboard",
    ),
    path("network/indicators/", network.network_dashboard, name="network_dashboard"),
    *export_paths("network/indicators", network.network_export, name="network"),
]

# Aggregates only, never a survivor's file (amparo.core.routes).
ROUTE_ACCESS = {
    "home": SIGNED_IN,
    "justice_dashboard": SIGNED_IN,
    "justice_dashboard_csv": SIGNED_IN,
    "justice_dashboard_xlsx": SIGNED_IN,
    "restoration_dashboard": SIGNED_IN,
    "restoration_dashboard_csv": SIGNED_IN,
    "restoration_dashboard_xlsx": SIGNED_IN,
    "network_dashboard": SIGNED_IN,
    "network_csv": SIGNED_IN,
    "network_xlsx": SIGNED_IN,
}

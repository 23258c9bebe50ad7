"""The indicator pages and their CSV exports, and the home page (at the paths they always had)."""

from django.urls import path

from amparo.core.routes import SIGNED_IN
from amparo.reporting.views import home, justice, network, restoration

urlpatterns = [
    path("", home.home, name="home"),
    path("legal/dashboard/", justice.dashboard, name="justice_dashboard"),
    path(
        "legal/dashboard.csv",
        justice.dashboard_export,
        {"fmt": "csv"},
        name="justice_dashboard_csv",
    ),
    path(
        "legal/dashboard.xlsx",
        justice.dashboard_export,
        {"fmt": "xlsx"},
        name="justice_dashboard_xlsx",
    ),
    path("restoration/dashboard/", restoration.restoration_dashboard, name="restoration_dashboard"),
    path(
        "restoration/dashboard/export.csv",
        restoration.restoration_dashboard_csv,
        name="restoration_dashboard_csv",
    ),
    path(
        "restoration/dashboard/export.xlsx",
        restoration.restoration_dashboard_xlsx,
        name="restoration_dashboard_xlsx",
    ),
    path("network/indicators/", network.network_dashboard, name="network_dashboard"),
    path("network/indicators.csv", network.network_export, {"fmt": "csv"}, name="network_csv"),
    path("network/indicators.xlsx", network.network_export, {"fmt": "xlsx"}, name="network_xlsx"),
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

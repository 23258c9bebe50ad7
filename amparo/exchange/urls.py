"""Pages of the exchange: exports in the standards' shapes, imports from other systems."""

from django.urls import path

from amparo.core.routes import SIGNED_IN, WRITES
from amparo.exchange import views

# The pages name cases by code only; a POST writes (an export's download is audited
# per case as it is taken, so it is a write, not a page read).
FORM_PAGE = {"GET": SIGNED_IN, "POST": WRITES}

urlpatterns = [
    path("exchange/export/", views.exchange_export, name="exchange_export"),
    path("exchange/imports/", views.exchange_imports, name="exchange_imports"),
    path("exchange/imports/<int:job_id>/", views.exchange_import, name="exchange_import"),
]

# What each page shows (amparo.core.routes).
ROUTE_ACCESS = {
    "exchange_export": FORM_PAGE,
    "exchange_imports": FORM_PAGE,
    "exchange_import": FORM_PAGE,
}

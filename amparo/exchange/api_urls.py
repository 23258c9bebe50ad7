"""Routes of the exchange API under /api/v1/exchange/."""

from django.urls import path

from amparo.core.api_base import by_method
from amparo.core.routes import SIGNED_IN, WRITES
from amparo.exchange import api

BASE = "exchange/"

urlpatterns = [
    path(BASE + "formats/", api.FormatListApi.as_view(), name="api-exchange-formats"),
    path(
        BASE + "imports/",
        by_method(GET=api.ImportListApi, POST=api.ImportStartApi),
        name="api-exchange-imports",
    ),
    path(BASE + "imports/<id:job_id>/", api.ImportDetailApi.as_view(), name="api-exchange-import"),
    path(
        BASE + "imports/<id:job_id>/rows/",
        api.ImportRowsApi.as_view(),
        name="api-exchange-import-rows",
    ),
    path(
        BASE + "imports/<id:job_id>/confirm/",
        api.ImportConfirmApi.as_view(),
        name="api-exchange-import-confirm",
    ),
    path(BASE + "exports/", api.ExportApi.as_view(), name="api-exchange-export"),
]

# amparo.core.routes
ROUTE_ACCESS = {
    "api-exchange-formats": SIGNED_IN,
    "api-exchange-imports": {"GET": SIGNED_IN, "POST": WRITES},
    "api-exchange-import": SIGNED_IN,
    "api-exchange-import-rows": SIGNED_IN,
    "api-exchange-import-confirm": WRITES,
    "api-exchange-export": WRITES,
}

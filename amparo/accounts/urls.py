from django.urls import path

from amparo.accounts import views
from amparo.core import api as _api  # noqa: F401 - registers the bounded "id" converter
from amparo.core.routes import SIGNED_IN, WRITES

urlpatterns = [
    path("tokens/", views.token_list, name="token_list"),
    path("tokens/<id:token_id>/revoke/", views.token_revoke_view, name="token_revoke"),
    path("organisation/tokens/", views.org_token_list, name="org_token_list"),
]

# What each page shows (amparo.core.routes): staff members' tokens, never a survivor.
ROUTE_ACCESS = {
    "token_list": {"GET": SIGNED_IN, "POST": WRITES},
    "token_revoke": {"GET": SIGNED_IN, "POST": WRITES},
    "org_token_list": SIGNED_IN,
}

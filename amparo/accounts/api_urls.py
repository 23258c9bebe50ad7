from django.urls import path

from amparo.accounts import api
from amparo.core.api_base import by_method
from amparo.core.routes import SIGNED_IN, WRITES

urlpatterns = [
    path(
        "tokens/",
        by_method(GET=api.TokenListApi, POST=api.TokenIssueApi),
        name="api-tokens",
    ),
    path("tokens/<id:token_id>/revoke/", api.TokenRevokeApi.as_view(), name="api-token-revoke"),
]

# What each operation shows (amparo.core.routes): a user's own tokens.
ROUTE_ACCESS = {
    "api-tokens": {"GET": SIGNED_IN, "POST": WRITES},
    "api-token-revoke": WRITES,
}

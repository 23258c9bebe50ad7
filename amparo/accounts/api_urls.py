from django.urls import path

from amparo.accounts import api
from amparo.core.api_base import by_method

urlpatterns = [
    path(
        "tokens/",
        by_method(GET=api.TokenListApi, POST=api.TokenIssueApi),
        name="api-tokens",
    ),
    path("tokens/<id:token_id>/revoke/", api.TokenRevokeApi.as_view(), name="api-token-revoke"),
]

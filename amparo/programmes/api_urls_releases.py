"""Routes of the releases API under /api/v1/."""

from django.urls import path

from amparo.core.api_base import by_method
from amparo.core.routes import SIGNED_IN, WRITES
from amparo.programmes.api import releases

RELEASE = "releases/<id:release_id>/"

urlpatterns = [
    path(
        "programmes/<id:programme_id>/releases/",
        by_method(GET=releases.ReleaseListApi, POST=releases.ReleaseDraftApi),
        name="api-programme-releases",
    ),
    path(RELEASE, releases.ReleaseDetailApi.as_view(), name="api-release"),
    path(RELEASE + "approve/", releases.ReleaseApproveApi.as_view(), name="api-release-approve"),
    path(RELEASE + "rebuild/", releases.ReleaseRebuildApi.as_view(), name="api-release-rebuild"),
    path(RELEASE + "discard/", releases.ReleaseDiscardApi.as_view(), name="api-release-discard"),
    path(RELEASE + "correct/", releases.ReleaseCorrectApi.as_view(), name="api-release-correct"),
]

# Aggregates only: no survivor's data in any of them.
ROUTE_ACCESS = {
    "api-programme-releases": {"GET": SIGNED_IN, "POST": WRITES},
    "api-release": SIGNED_IN,
    "api-release-approve": WRITES,
    "api-release-rebuild": WRITES,
    "api-release-discard": WRITES,
    "api-release-correct": WRITES,
}

from django.urls import path

from amparo.core.routes import SIGNED_IN, WRITES
from amparo.programmes.views import releases

PROGRAMME = "programmes/<int:programme_id>/releases/"
RELEASE = PROGRAMME + "<int:release_id>/"

urlpatterns = [
    path(PROGRAMME, releases.programme_releases, name="programme_releases"),
    path(PROGRAMME + "new/", releases.release_new, name="release_new"),
    path(RELEASE, releases.release_detail, name="release_detail"),
    path(RELEASE + "approve/", releases.release_approve, name="release_approve"),
    path(RELEASE + "rebuild/", releases.release_rebuild, name="release_rebuild"),
    path(RELEASE + "discard/", releases.release_discard, name="release_discard"),
    path(RELEASE + "correct/", releases.release_correct, name="release_correct"),
]

# Releases hold aggregates only: their pages show no survivor's data.
_ASK_THEN_WRITE = {"GET": SIGNED_IN, "POST": WRITES}
ROUTE_ACCESS = {
    "programme_releases": SIGNED_IN,
    "release_new": _ASK_THEN_WRITE,
    "release_detail": SIGNED_IN,
    "release_approve": _ASK_THEN_WRITE,
    "release_rebuild": WRITES,
    "release_discard": _ASK_THEN_WRITE,
    "release_correct": _ASK_THEN_WRITE,
}

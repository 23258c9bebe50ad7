"""Published releases at their public address: read without signing in."""

from django.urls import path

from amparo.core.routes import PUBLIC
from amparo.programmes.views import impact, public

PROGRAMME = "public/<slug:slug>/"
RELEASE = PROGRAMME + "releases/<int:version>"

urlpatterns = [
    path(PROGRAMME, public.public_programme, name="public_programme"),
    path(RELEASE + "/", public.public_release, name="public_release"),
    path(RELEASE + ".csv", public.public_release_csv, name="public_release_csv"),
    path(RELEASE + ".json", public.public_release_json, name="public_release_json"),
    path(PROGRAMME + "impact/", impact.public_impact, name="public_impact"),
    path(PROGRAMME + "impact.pdf", impact.public_impact_pdf, name="public_impact_pdf"),
]

ROUTE_ACCESS = {
    "public_programme": PUBLIC,
    "public_release": PUBLIC,
    "public_release_csv": PUBLIC,
    "public_release_json": PUBLIC,
    "public_impact": PUBLIC,
    "public_impact_pdf": PUBLIC,
}

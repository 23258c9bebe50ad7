"""The public API under /api/v1/public/: published releases and impact reports, no sign-in."""

from django.urls import path

from amparo.core.routes import PUBLIC
from amparo.programmes.api import public

PROGRAMME = "public/programmes/<slug:slug>/"

urlpatterns = [
    path(PROGRAMME, public.PublicProgrammeApi.as_view(), name="api-public-programme"),
    path(
        PROGRAMME + "releases/<int:version>/",
        public.PublicReleaseApi.as_view(),
        name="api-public-release",
    ),
    path(PROGRAMME + "impact/", public.PublicImpactApi.as_view(), name="api-public-impact"),
]

ROUTE_ACCESS = {
    "api-public-programme": PUBLIC,
    "api-public-release": PUBLIC,
    "api-public-impact": PUBLIC,
}

"""Routes of the programmes API under /api/v1/: programmes, their areas and goals, indicators."""

from django.urls import path

from amparo.core.api_base import by_method
from amparo.core.routes import SIGNED_IN, WRITES
from amparo.programmes.api import goals, programmes

PROGRAMME = "programmes/<id:programme_id>/"

urlpatterns = [
    path(
        "programmes/",
        by_method(GET=programmes.ProgrammeListApi, POST=programmes.ProgrammeCreateApi),
        name="api-programmes",
    ),
    path(
        PROGRAMME,
        by_method(GET=programmes.ProgrammeDetailApi, PATCH=programmes.ProgrammeUpdateApi),
        name="api-programme",
    ),
    path(
        PROGRAMME + "archive/",
        programmes.ProgrammeArchiveApi.as_view(),
        name="api-programme-archive",
    ),
    path(
        PROGRAMME + "areas/",
        by_method(GET=programmes.AreaListApi, POST=programmes.AreaCreateApi),
        name="api-programme-areas",
    ),
    path(
        PROGRAMME + "areas/<id:area_id>/",
        programmes.AreaUpdateApi.as_view(),
        name="api-programme-area",
    ),
    path(
        PROGRAMME + "goals/",
        by_method(GET=goals.GoalListApi, POST=goals.GoalCreateApi),
        name="api-programme-goals",
    ),
    path(
        "goals/<id:goal_id>/",
        by_method(GET=goals.GoalDetailApi, PATCH=goals.GoalUpdateApi),
        name="api-goal",
    ),
    path("goals/<id:goal_id>/archive/", goals.GoalArchiveApi.as_view(), name="api-goal-archive"),
    path("indicators/", programmes.IndicatorListApi.as_view(), name="api-indicators"),
]

# Programmes hold aggregates only: no operation shows a survivor's file.
ROUTE_ACCESS = {
    "api-programmes": {"GET": SIGNED_IN, "POST": WRITES},
    "api-programme": {"GET": SIGNED_IN, "PATCH": WRITES},
    "api-programme-archive": WRITES,
    "api-programme-areas": {"GET": SIGNED_IN, "POST": WRITES},
    "api-programme-area": WRITES,
    "api-programme-goals": {"GET": SIGNED_IN, "POST": WRITES},
    "api-goal": {"GET": SIGNED_IN, "PATCH": WRITES},
    "api-goal-archive": WRITES,
    "api-indicators": SIGNED_IN,
}

from django.urls import path

from amparo.core.routes import SIGNED_IN, WRITES
from amparo.programmes.views import goals, programmes

PROGRAMME = "programmes/<int:programme_id>/"
# Programmes hold aggregates only: a page shows no survivor's file, and its POST writes.
FORM_PAGE = {"GET": SIGNED_IN, "POST": WRITES}

urlpatterns = [
    path("programmes/", programmes.programme_list, name="programme_list"),
    path("programmes/new/", programmes.programme_new, name="programme_new"),
    path(PROGRAMME, programmes.programme_detail, name="programme_detail"),
    path(PROGRAMME + "edit/", programmes.programme_edit, name="programme_edit"),
    path(PROGRAMME + "archive/", programmes.programme_archive, name="programme_archive"),
    path(PROGRAMME + "areas/", programmes.programme_areas, name="programme_areas"),
    path(PROGRAMME + "areas/<int:area_id>/edit/", programmes.area_edit, name="area_edit"),
    path(PROGRAMME + "goals/new/", goals.goal_new, name="goal_new"),
    path(PROGRAMME + "goals/<int:goal_id>/edit/", goals.goal_edit, name="goal_edit"),
    path(PROGRAMME + "goals/<int:goal_id>/archive/", goals.goal_archive, name="goal_archive"),
]

ROUTE_ACCESS = {
    "programme_list": SIGNED_IN,
    "programme_new": FORM_PAGE,
    "programme_detail": SIGNED_IN,
    "programme_edit": FORM_PAGE,
    "programme_archive": FORM_PAGE,
    "programme_areas": FORM_PAGE,
    "area_edit": FORM_PAGE,
    "goal_new": FORM_PAGE,
    "goal_edit": FORM_PAGE,
    "goal_archive": FORM_PAGE,
}

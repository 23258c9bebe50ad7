"""Routes of the measurements API under /api/v1/."""

from django.urls import path

from amparo.core.api_base import by_method
from amparo.core.routes import SIGNED_IN, WRITES
from amparo.programmes.api import imports as import_api
from amparo.programmes.api import measurements as api

PROGRAMME = "programmes/<id:programme_id>/"

urlpatterns = [
    path(
        PROGRAMME + "studies/",
        by_method(GET=api.StudyListApi, POST=api.StudyCreateApi),
        name="api-programme-studies",
    ),
    path(
        "studies/<id:study_id>/",
        by_method(GET=api.StudyDetailApi, PATCH=api.StudyCorrectApi),
        name="api-study",
    ),
    path(
        PROGRAMME + "surveys/",
        by_method(GET=api.SurveyListApi, POST=api.SurveyCreateApi),
        name="api-programme-surveys",
    ),
    path(
        "surveys/<id:survey_id>/",
        by_method(GET=api.SurveyDetailApi, PATCH=api.SurveyCorrectApi),
        name="api-survey",
    ),
    path(
        PROGRAMME + "trainings/",
        by_method(GET=api.TrainingListApi, POST=api.TrainingCreateApi),
        name="api-programme-trainings",
    ),
    path(
        "trainings/<id:training_id>/",
        by_method(GET=api.TrainingDetailApi, PATCH=api.TrainingCorrectApi),
        name="api-training",
    ),
    path(PROGRAMME + "imports/", import_api.ImportCheckApi.as_view(), name="api-programme-imports"),
    path("imports/<id:batch_id>/", import_api.ImportDetailApi.as_view(), name="api-import"),
    path(
        "imports/<id:batch_id>/apply/", import_api.ImportApplyApi.as_view(), name="api-import-apply"
    ),
]

READ_WRITE = {"GET": SIGNED_IN, "POST": WRITES}
READ_PATCH = {"GET": SIGNED_IN, "PATCH": WRITES}
ROUTE_ACCESS = {
    "api-programme-studies": READ_WRITE,
    "api-study": READ_PATCH,
    "api-programme-surveys": READ_WRITE,
    "api-survey": READ_PATCH,
    "api-programme-trainings": READ_WRITE,
    "api-training": READ_PATCH,
    "api-programme-imports": WRITES,
    "api-import": SIGNED_IN,
    "api-import-apply": WRITES,
}

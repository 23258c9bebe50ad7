from django.urls import path

from amparo.core.routes import SIGNED_IN, WRITES
from amparo.programmes.views import measurements

BASE = "programmes/<int:programme_id>/measurements/"
# Measurements are aggregates: a form's GET shows no survivor's data.
FORM_PAGE = {"GET": SIGNED_IN, "POST": WRITES}

urlpatterns = [
    path(BASE, measurements.programme_measurements, name="programme_measurements"),
    path(BASE + "studies/new/", measurements.study_new, name="study_new"),
    path(BASE + "studies/<int:study_id>/edit/", measurements.study_edit, name="study_edit"),
    path(BASE + "surveys/new/", measurements.survey_new, name="survey_new"),
    path(BASE + "surveys/<int:survey_id>/edit/", measurements.survey_edit, name="survey_edit"),
    path(BASE + "trainings/new/", measurements.training_new, name="training_new"),
    path(
        BASE + "trainings/<int:training_id>/edit/",
        measurements.training_edit,
        name="training_edit",
    ),
    path(BASE + "import/", measurements.measurements_import, name="measurements_import"),
    path(
        BASE + "import/template/<str:kind>.csv",
        measurements.measurements_template,
        name="measurements_template",
    ),
    path(
        BASE + "import/<int:batch_id>/",
        measurements.measurements_review,
        name="measurements_review",
    ),
]

ROUTE_ACCESS = {
    "programme_measurements": SIGNED_IN,
    "study_new": FORM_PAGE,
    "study_edit": FORM_PAGE,
    "survey_new": FORM_PAGE,
    "survey_edit": FORM_PAGE,
    "training_new": FORM_PAGE,
    "training_edit": FORM_PAGE,
    "measurements_import": FORM_PAGE,
    "measurements_template": SIGNED_IN,
    "measurements_review": FORM_PAGE,
}

"""Measurements in the API: studies, surveys and trainings (list, record, read, correct),
and file imports (the dry run, its report, the import)."""

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api import error_keys, expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView, VocabField
from amparo.programmes import vocab
from amparo.programmes.selectors import measurements as selectors
from amparo.programmes.selectors.access import programme_get_for_change, programme_get_for_user
from amparo.programmes.services import measurements as services

READERS = (Perm.AGGREGATES, Perm.PROGRAMMES)
TAGS = ["measurements"]
_RENAME = {"area_id": "area", "baseline_id": "baseline", "court_id": "court"}
MAX_ID = 10**18 - 1


def _id(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _percent() -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=7, decimal_places=3)


def _values(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    data.pop("version", None)
    for name in ("area", "baseline", "court"):
        if name in data:
            data[f"{name}_id"] = data.pop(name)
    return data


class StudyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField(source="programme_id")
    area = serializers.IntegerField(source="area_id")
    area_name = serializers.CharField(source="area.admin1")
    title = serializers.CharField()
    wave = serializers.CharField()
    baseline = serializers.IntegerField(source="baseline_id", allow_null=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    sample_size = serializers.IntegerField()
    estimate = _percent()
    ci_lower = _percent()
    ci_upper = _percent()
    confidence_level = serializers.DecimalField(max_digits=4, decimal_places=1)
    method = serializers.CharField()
    source = serializers.CharField()
    version = serializers.IntegerField()


class StudyInputSerializer(serializers.Serializer):
    area = _id()
    title = serializers.CharField(max_length=200)
    wave = VocabField(vocab=vocab.Wave)
    baseline = _id(required=False, allow_null=True, help_text="For a midline or endline.")
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    sample_size = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    estimate = _percent()
    ci_lower = _percent()
    ci_upper = _percent()
    confidence_level = serializers.DecimalField(
        max_digits=4, decimal_places=1, required=False, default=Decimal(95)
    )
    method = VocabField(vocab=vocab.StudyMethod)
    source = serializers.CharField(max_length=300)


class StudyPatchSerializer(StudyInputSerializer):
    version = serializers.IntegerField(required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, partial=True, **kwargs)


class SurveyOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField(source="programme_id")
    area = serializers.IntegerField(source="area_id", allow_null=True)
    item = serializers.CharField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    respondents = serializers.IntegerField()
    estimate = _percent()
    ci_lower = _percent()
    ci_upper = _percent()
    source = serializers.CharField()
    version = serializers.IntegerField()


class SurveyInputSerializer(serializers.Serializer):
    item = VocabField(vocab=vocab.SurveyItem)
    area = _id(required=False, allow_null=True)
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    respondents = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    estimate = _percent()
    ci_lower = _percent()
    ci_upper = _percent()
    source = serializers.CharField(max_length=300)


class SurveyPatchSerializer(SurveyInputSerializer):
    version = serializers.IntegerField(required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, partial=True, **kwargs)


class TrainingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField(source="programme_id")
    held_on = serializers.DateField()
    institution = serializers.CharField()
    role = serializers.CharField()
    topic = serializers.CharField()
    trained = serializers.IntegerField()
    area = serializers.IntegerField(source="area_id", allow_null=True)
    court = serializers.IntegerField(source="court_id", allow_null=True)
    version = serializers.IntegerField()


class TrainingInputSerializer(serializers.Serializer):
    held_on = serializers.DateField()
    institution = VocabField(vocab=vocab.Institution)
    role = serializers.CharField(max_length=120, help_text="A job role, never a person's name.")
    topic = VocabField(vocab=vocab.TrainingTopic)
    trained = serializers.IntegerField(min_value=1, max_value=2_147_483_647)
    area = _id(required=False, allow_null=True)
    court = _id(required=False, allow_null=True)


class TrainingPatchSerializer(TrainingInputSerializer):
    version = serializers.IntegerField(required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, partial=True, **kwargs)


class MeasurementApi(ApiView):
    required_perms = READERS
    refused_as_not_found = True


class StudyListApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="The programme's prevalence study waves",
        responses={200: StudyOutputSerializer(many=True)},
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        studies = selectors.programme_studies(programme=programme)
        return Response(StudyOutputSerializer(studies, many=True).data)


class StudyCreateApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="Record a prevalence study wave (its interval must contain its estimate)",
        request=StudyInputSerializer,
        responses={201: StudyOutputSerializer},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme_get_for_change(user=request.user, programme_id=programme_id)
        serializer = StudyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with error_keys(**_RENAME):
            study = services.study_record(
                actor=request.user,
                programme_id=programme_id,
                **{"baseline_id": None, **_values(serializer.validated_data)},
            )
        return with_etag(
            Response(StudyOutputSerializer(study).data, status=status.HTTP_201_CREATED),
            study.version,
        )


class StudyDetailApi(MeasurementApi):
    @extend_schema(
        tags=TAGS, summary="A prevalence study wave", responses={200: StudyOutputSerializer}
    )
    def get(self, request: Request, study_id: int) -> Response:
        study = selectors.study_get_for_user(user=request.user, study_id=study_id)
        return with_etag(Response(StudyOutputSerializer(study).data), study.version)


class StudyCorrectApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="Correct a prevalence study wave (versioned)",
        parameters=[IF_MATCH],
        request=StudyPatchSerializer,
        responses={200: StudyOutputSerializer},
    )
    def patch(self, request: Request, study_id: int) -> Response:
        selectors.study_get_for_user(user=request.user, study_id=study_id, for_change=True)
        serializer = StudyPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = expected_version(request, serializer.validated_data.get("version"))
        with error_keys(**_RENAME):
            study = services.study_correct(
                actor=request.user,
                study_id=study_id,
                expected_version=version,
                **_values(serializer.validated_data),
            )
        return with_etag(Response(StudyOutputSerializer(study).data), study.version)


class SurveyListApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="The programme's survey results",
        responses={200: SurveyOutputSerializer(many=True)},
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        surveys = selectors.programme_surveys(programme=programme)
        return Response(SurveyOutputSerializer(surveys, many=True).data)


class SurveyCreateApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="Record a confidence or reliance survey result",
        request=SurveyInputSerializer,
        responses={201: SurveyOutputSerializer},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme_get_for_change(user=request.user, programme_id=programme_id)
        serializer = SurveyInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with error_keys(**_RENAME):
            survey = services.survey_record(
                actor=request.user, programme_id=programme_id, **_values(serializer.validated_data)
            )
        return with_etag(
            Response(SurveyOutputSerializer(survey).data, status=status.HTTP_201_CREATED),
            survey.version,
        )


class SurveyDetailApi(MeasurementApi):
    @extend_schema(tags=TAGS, summary="A survey result", responses={200: SurveyOutputSerializer})
    def get(self, request: Request, survey_id: int) -> Response:
        survey = selectors.survey_get_for_user(user=request.user, survey_id=survey_id)
        return with_etag(Response(SurveyOutputSerializer(survey).data), survey.version)


class SurveyCorrectApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="Correct a survey result (versioned)",
        parameters=[IF_MATCH],
        request=SurveyPatchSerializer,
        responses={200: SurveyOutputSerializer},
    )
    def patch(self, request: Request, survey_id: int) -> Response:
        selectors.survey_get_for_user(user=request.user, survey_id=survey_id, for_change=True)
        serializer = SurveyPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = expected_version(request, serializer.validated_data.get("version"))
        with error_keys(**_RENAME):
            survey = services.survey_correct(
                actor=request.user,
                survey_id=survey_id,
                expected_version=version,
                **_values(serializer.validated_data),
            )
        return with_etag(Response(SurveyOutputSerializer(survey).data), survey.version)


class TrainingListApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="The programme's trainings, latest first",
        responses={200: TrainingOutputSerializer(many=True)},
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        trainings = selectors.programme_trainings(programme=programme)
        return Response(TrainingOutputSerializer(trainings, many=True).data)


class TrainingCreateApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="Record a training: how many of which institution and role",
        request=TrainingInputSerializer,
        responses={201: TrainingOutputSerializer},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme_get_for_change(user=request.user, programme_id=programme_id)
        serializer = TrainingInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with error_keys(**_RENAME):
            training = services.training_record(
                actor=request.user, programme_id=programme_id, **_values(serializer.validated_data)
            )
        return with_etag(
            Response(TrainingOutputSerializer(training).data, status=status.HTTP_201_CREATED),
            training.version,
        )


class TrainingDetailApi(MeasurementApi):
    @extend_schema(tags=TAGS, summary="A training", responses={200: TrainingOutputSerializer})
    def get(self, request: Request, training_id: int) -> Response:
        training = selectors.training_get_for_user(user=request.user, training_id=training_id)
        return with_etag(Response(TrainingOutputSerializer(training).data), training.version)


class TrainingCorrectApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="Correct a training (versioned)",
        parameters=[IF_MATCH],
        request=TrainingPatchSerializer,
        responses={200: TrainingOutputSerializer},
    )
    def patch(self, request: Request, training_id: int) -> Response:
        selectors.training_get_for_user(user=request.user, training_id=training_id, for_change=True)
        serializer = TrainingPatchSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        version = expected_version(request, serializer.validated_data.get("version"))
        with error_keys(**_RENAME):
            training = services.training_correct(
                actor=request.user,
                training_id=training_id,
                expected_version=version,
                **_values(serializer.validated_data),
            )
        return with_etag(Response(TrainingOutputSerializer(training).data), training.version)

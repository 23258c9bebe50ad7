"""Goals of a programme: list, set, read, change (milestones replaced), archive."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api import expected_version, with_etag
from amparo.core.api_base import IF_MATCH, ApiView
from amparo.programmes.selectors import programmes as selectors
from amparo.programmes.selectors.access import programme_get_for_change, programme_get_for_user
from amparo.programmes.services import goals as services

TAGS = ["programmes"]
READ_PERMS = (Perm.AGGREGATES, Perm.PROGRAMMES)
MAX_ID = 10**18 - 1
VALUE = {"max_digits": 14, "decimal_places": 3}


class ProgrammeMilestoneSerializer(serializers.Serializer):
    due_on = serializers.DateField()
    value = serializers.DecimalField(**VALUE)


class ProgrammeGoalOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField(source="programme_id")
    indicator = serializers.CharField()
    area = serializers.IntegerField(source="area_id", allow_null=True)
    title = serializers.CharField()
    baseline_value = serializers.DecimalField(**VALUE)
    baseline_on = serializers.DateField()
    target_value = serializers.DecimalField(**VALUE)
    target_on = serializers.DateField()
    milestones = ProgrammeMilestoneSerializer(many=True, source="milestones.all")
    archived_at = serializers.DateTimeField(allow_null=True)
    version = serializers.IntegerField()


class ProgrammeGoalInputSerializer(serializers.Serializer):
    indicator = serializers.CharField(max_length=40, help_text="A code of GET /indicators/.")
    area = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    title = serializers.CharField(max_length=200)
    baseline_value = serializers.DecimalField(**VALUE)
    baseline_on = serializers.DateField()
    target_value = serializers.DecimalField(**VALUE)
    target_on = serializers.DateField()
    milestones = ProgrammeMilestoneSerializer(many=True, required=False, max_length=50)


def _service_fields(data: dict[str, Any]) -> dict[str, Any]:
    fields = dict(data)
    fields["area_id"] = fields.pop("area", None)
    fields["milestones"] = [(m["due_on"], m["value"]) for m in fields.get("milestones", [])]
    return fields


def _goal_response(goal_id: int, request: Request, *, code: int = status.HTTP_200_OK) -> Response:
    goal = selectors.goal_get_for_user(user=request.user, goal_id=goal_id)
    return with_etag(Response(ProgrammeGoalOutputSerializer(goal).data, status=code), goal.version)


class GoalListApi(ApiView):
    required_perms = READ_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        operation_id="programme_goals_list",
        summary="A programme's current goals, with their milestones",
        responses={200: ProgrammeGoalOutputSerializer(many=True)},
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        goals = selectors.current_goals(programme=programme)
        return Response(ProgrammeGoalOutputSerializer(goals, many=True).data)


class GoalCreateApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Set a goal on an indicator, with a baseline, milestones and a target",
        request=ProgrammeGoalInputSerializer,
        responses={201: ProgrammeGoalOutputSerializer},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme_get_for_change(user=request.user, programme_id=programme_id)
        serializer = ProgrammeGoalInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        goal = services.goal_create(
            actor=request.user,
            programme_id=programme_id,
            **_service_fields(serializer.validated_data),
        )
        return _goal_response(goal.pk, request, code=status.HTTP_201_CREATED)


class GoalDetailApi(ApiView):
    required_perms = READ_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="A goal with its milestones",
        responses={200: ProgrammeGoalOutputSerializer},
    )
    def get(self, request: Request, goal_id: int) -> Response:
        return _goal_response(goal_id, request)


class GoalUpdateApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    class InputSerializer(ProgrammeGoalInputSerializer):
        version = serializers.IntegerField(required=False, min_value=0)

    @extend_schema(
        tags=TAGS,
        summary="Change a goal (only the fields sent); milestones, when sent, replace the "
        "goal's milestones",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses={200: ProgrammeGoalOutputSerializer},
    )
    def patch(self, request: Request, goal_id: int) -> Response:
        goal = selectors.goal_get_for_user(user=request.user, goal_id=goal_id)
        programme_get_for_change(user=request.user, programme_id=goal.programme_id)
        serializer = self.InputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        changes = dict(serializer.validated_data)
        version = expected_version(request, changes.pop("version", None))
        current: dict[str, Any] = {
            "indicator": goal.indicator,
            "area": goal.area_id,
            "title": goal.title,
            "baseline_value": goal.baseline_value,
            "baseline_on": goal.baseline_on,
            "target_value": goal.target_value,
            "target_on": goal.target_on,
            "milestones": [{"due_on": m.due_on, "value": m.value} for m in goal.milestones.all()],
        }
        services.goal_update(
            actor=request.user,
            goal_id=goal.pk,
            expected_version=version,
            **_service_fields({**current, **changes}),
        )
        return _goal_response(goal.pk, request)


class GoalArchiveApi(ApiView):
    required_perms = (Perm.PROGRAMMES,)
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Archive a goal: kept with its milestones, no longer current",
        request=None,
        responses={200: ProgrammeGoalOutputSerializer},
    )
    def post(self, request: Request, goal_id: int) -> Response:
        services.goal_archive(actor=request.user, goal_id=goal_id)
        return _goal_response(goal_id, request)

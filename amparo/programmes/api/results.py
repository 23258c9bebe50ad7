"""A programme's results as JSON: the same goals and people protected as the results page."""

import datetime

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView
from amparo.programmes.indicators import Estimate
from amparo.programmes.protection import method, people_protected
from amparo.programmes.results import GoalProgress, goal_progress
from amparo.programmes.selectors.access import programme_get_for_user

DESCRIPTION = """\
Every current goal of the programme at `as_of` (default today), and people protected.

- `goals[].current`: the indicator over the twelve months up to `as_of` (external indicators:
  the latest measurement up to it), in the indicator's `unit` (`percent` 0–100, `count`,
  `days`, `people`), with its 95% interval `lower`–`upper` when it has one. `hidden` is true
  when it rests on a count between 1 and the programme's `min_cell` − 1: then `value`,
  `lower` and `upper` are null. `status`: `met`, `on_track`, `off_track` or `no_data`.
- `goals[].trend`: the same by calendar year from the baseline's year (each dated at the end of
  its year, the last at `as_of`); `expected`: where the straight line through baseline,
  milestones and target is at `as_of`.
- `people_protected`: the figure by the programme's stated method (`method.version`,
  `method.text`), with the verdict of each area.
"""


class EstimateSerializer(serializers.Serializer):
    value = serializers.FloatField(allow_null=True)
    lower = serializers.FloatField(allow_null=True)
    upper = serializers.FloatField(allow_null=True)
    hidden = serializers.BooleanField()


class TrendPointSerializer(EstimateSerializer):
    date = serializers.DateField()


class MilestoneSerializer(serializers.Serializer):
    date = serializers.DateField(source="due_on")
    value = serializers.FloatField()


class GoalResultSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    indicator = serializers.CharField()
    area = serializers.CharField(allow_null=True, help_text="A department; null: the programme.")
    unit = serializers.CharField()
    baseline = serializers.FloatField()
    baseline_on = serializers.DateField()
    target = serializers.FloatField()
    target_on = serializers.DateField()
    milestones = MilestoneSerializer(many=True)
    current = EstimateSerializer()
    status = serializers.CharField()
    expected = serializers.FloatField(allow_null=True)
    trend = TrendPointSerializer(many=True)


class AreaVerdictSerializer(serializers.Serializer):
    country = serializers.CharField()
    admin1 = serializers.CharField()
    population = serializers.IntegerField()
    baseline = serializers.FloatField(allow_null=True, help_text="Prevalence (%) at baseline.")
    endline = serializers.FloatField(allow_null=True, help_text="At the latest later wave.")
    p_value = serializers.FloatField(allow_null=True)
    prevalence_fell = serializers.BooleanField(allow_null=True)
    justice_met = serializers.BooleanField(allow_null=True)
    protected = serializers.BooleanField()


class MethodSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    title = serializers.CharField()
    text = serializers.CharField()


class PeopleProtectedSerializer(serializers.Serializer):
    people = serializers.IntegerField()
    method = MethodSerializer()
    areas = AreaVerdictSerializer(many=True)


def _estimate(estimate: Estimate) -> dict:
    """No value, bound or count of a hidden estimate leaves here."""
    if estimate.hidden:
        return {"value": None, "lower": None, "upper": None, "hidden": True}
    return {
        "value": estimate.value,
        "lower": estimate.lower,
        "upper": estimate.upper,
        "hidden": False,
    }


def _goal(progress: GoalProgress) -> dict:
    goal = progress.goal
    return {
        "id": goal.pk,
        "title": goal.title,
        "indicator": goal.indicator,
        "area": goal.area.admin1 if goal.area is not None else None,
        "unit": progress.unit,
        "baseline": float(goal.baseline_value),
        "baseline_on": goal.baseline_on,
        "target": float(goal.target_value),
        "target_on": goal.target_on,
        "milestones": goal.milestones.all(),
        "current": _estimate(progress.current),
        "status": progress.status,
        "expected": progress.expected,
        "trend": [{"date": day, **_estimate(e)} for day, e in progress.trend],
    }


class ProgrammeResultsApi(ApiView):
    required_perms = (Perm.AGGREGATES, Perm.PROGRAMMES)
    refused_as_not_found = True

    class FilterSerializer(serializers.Serializer):
        as_of = serializers.DateField(
            required=False, help_text="The date of the figures (default: today)."
        )

    class OutputSerializer(serializers.Serializer):
        programme = serializers.IntegerField()
        as_of = serializers.DateField()
        min_cell = serializers.IntegerField()
        goals = GoalResultSerializer(many=True)
        people_protected = PeopleProtectedSerializer()

    @extend_schema(
        tags=["results"],
        summary="A programme's goals, their progress, and people protected",
        description=DESCRIPTION,
        parameters=[FilterSerializer],
        responses={
            200: OutputSerializer,
            400: OpenApiResponse(description="An invalid as_of date"),
            404: OpenApiResponse(description="Not found, or not yours to see"),
        },
    )
    def get(self, request: Request, programme_id: int) -> Response:
        programme = programme_get_for_user(user=request.user, programme_id=programme_id)
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        as_of: datetime.date = filters.validated_data.get("as_of") or timezone.localdate()
        protected = people_protected(programme=programme, as_of=as_of)
        payload = {
            "programme": programme.pk,
            "as_of": as_of,
            "min_cell": programme.min_cell,
            "goals": [_goal(p) for p in goal_progress(programme=programme, as_of=as_of)],
            "people_protected": {
                "people": protected.people,
                "method": method(protected.method_version),
                "areas": protected.areas,
            },
        }
        return Response(self.OutputSerializer(payload).data)

"""My work, my tasks, and the restoration indicators."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.access import any_perm_required
from amparo.aftercare.api.common import WRITE_RESPONSES
from amparo.aftercare.indicators import restoration_indicators
from amparo.aftercare.selectors import (
    CASE_PERMS,
    MyWork,
    WorkItem,
    my_work,
    task_get_for_user,
    tasks_for_user,
)
from amparo.aftercare.services.common import task_complete
from amparo.core.api_base import ApiView


class MyWorkApi(ApiView):
    class ItemSerializer(serializers.Serializer):
        kind = serializers.CharField()
        label = serializers.CharField()
        due_on = serializers.DateField()
        overdue = serializers.BooleanField()
        case = serializers.IntegerField(source="case.pk", allow_null=True, default=None)
        case_code = serializers.CharField(source="case.code", allow_null=True, default=None)
        legal_case = serializers.SerializerMethodField()
        task = serializers.SerializerMethodField()

        def get_legal_case(self, item: WorkItem) -> int | None:
            return int(item.url_hint) if item.kind == "hearing" else None

        def get_task(self, item: WorkItem) -> int | None:
            return int(item.url_hint) if item.kind == "task" else None

    class OutputSerializer(serializers.Serializer):
        overdue = serializers.SerializerMethodField()
        upcoming = serializers.SerializerMethodField()

        def get_overdue(self, work: MyWork) -> list[dict]:
            return MyWorkApi.ItemSerializer(work.overdue, many=True).data

        def get_upcoming(self, work: MyWork) -> list[dict]:
            return MyWorkApi.ItemSerializer(work.upcoming, many=True).data

    @extend_schema(
        tags=["restoration"],
        summary="What is overdue and due in the next two weeks on my cases (case codes only)",
        responses={200: OutputSerializer, 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        any_perm_required(request.user, *CASE_PERMS)
        return Response(self.OutputSerializer(my_work(user=request.user)).data)


class TaskOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    label = serializers.CharField(source="get_kind_display")
    case = serializers.IntegerField(source="case_id")
    case_code = serializers.CharField(source="case.code")
    due_on = serializers.DateField()
    done_at = serializers.DateTimeField(allow_null=True)


class TaskListApi(ApiView):
    @extend_schema(
        tags=["restoration"],
        operation_id="tasks_list",
        summary="My open tasks (approvals, risks to review)",
        responses={200: TaskOutputSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        any_perm_required(request.user, *CASE_PERMS)
        return Response(TaskOutputSerializer(tasks_for_user(user=request.user), many=True).data)


class TaskCompleteApi(ApiView):
    @extend_schema(
        tags=["restoration"],
        summary="Mark one of my tasks done",
        request=None,
        responses={200: TaskOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, task_id: int) -> Response:
        any_perm_required(request.user, *CASE_PERMS)
        task = task_complete(
            actor=request.user, task=task_get_for_user(user=request.user, task_id=task_id)
        )
        return Response(TaskOutputSerializer(task).data)


@extend_schema_field({"oneOf": [{"type": "integer"}, {"type": "string", "example": "<11"}]})
class CellField(serializers.Field):
    """A count, or ``"<n"`` when it is suppressed."""

    def to_representation(self, value):  # type: ignore[no-untyped-def]
        return str(value) if value.suppressed else value.value


class RestorationIndicatorsApi(ApiView):
    class DomainSerializer(serializers.Serializer):
        domain = serializers.CharField()
        label = serializers.CharField()
        cases = CellField()
        first_mean = serializers.FloatField(allow_null=True)
        latest_mean = serializers.FloatField(allow_null=True)
        change = serializers.FloatField(allow_null=True)

    class OutputSerializer(serializers.Serializer):
        suppressed = serializers.BooleanField()
        assessed = CellField()
        restored = CellField()
        restoration_rate = serializers.FloatField(allow_null=True)
        median_days_to_restoration = serializers.IntegerField(allow_null=True)
        time_to_restoration = serializers.SerializerMethodField()
        domain_changes = serializers.SerializerMethodField()
        followed_up = CellField()
        revictimisation_flags = CellField()
        cases_with_risk = CellField()
        risk_rate = serializers.FloatField(allow_null=True)
        occupancy = serializers.SerializerMethodField()

        def get_time_to_restoration(self, ind) -> list[dict]:  # type: ignore[no-untyped-def]
            return [
                {"day": s.time, "at_risk": s.at_risk, "restored_share": round(1 - s.survival, 4)}
                for s in ind.time_to_restoration.steps
            ]

        def get_domain_changes(self, ind) -> list[dict]:  # type: ignore[no-untyped-def]
            return RestorationIndicatorsApi.DomainSerializer(ind.domain_changes, many=True).data

        def get_occupancy(self, ind) -> list[dict]:  # type: ignore[no-untyped-def]
            return [
                {
                    "facility": o.facility.name,
                    "capacity": o.facility.capacity,
                    "occupied": CellField().to_representation(n),
                }
                for o, n in ind.occupancy
            ]

    @extend_schema(
        tags=["indicators"],
        summary="Restoration indicators for my organisation; small cells always suppressed",
        responses={200: OutputSerializer, 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        indicators = restoration_indicators(user=request.user, suppress=True)
        return Response(self.OutputSerializer(indicators).data)

"""My work and my tasks."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.aftercare.api.common import WRITE_RESPONSES
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
    required_perms = CASE_PERMS

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
    required_perms = CASE_PERMS

    @extend_schema(
        tags=["restoration"],
        operation_id="tasks_list",
        summary="My open tasks (approvals, risks to review)",
        responses={200: TaskOutputSerializer(many=True), 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        return Response(TaskOutputSerializer(tasks_for_user(user=request.user), many=True).data)


class TaskCompleteApi(ApiView):
    required_perms = CASE_PERMS

    @extend_schema(
        tags=["restoration"],
        summary="Mark one of my tasks done",
        request=None,
        responses={200: TaskOutputSerializer, **WRITE_RESPONSES},
    )
    def post(self, request: Request, task_id: int) -> Response:
        task = task_complete(
            actor=request.user, task=task_get_for_user(user=request.user, task_id=task_id)
        )
        return Response(TaskOutputSerializer(task).data)

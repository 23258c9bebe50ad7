"""My work and my tasks."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare.api.common import WRITE_RESPONSES
from amparo.aftercare.selectors import CASE_PERMS, task_get_for_user, tasks_for_user
from amparo.aftercare.selectors_work import MyWork, TeamWork, my_work, team_work
from amparo.aftercare.services.common import task_complete
from amparo.cases.extensions import WorkItem
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
            return int(item.url_hint) if item.kind in ("hearing", "hearing_outcome") else None

        def get_task(self, item: WorkItem) -> int | None:
            return int(item.url_hint) if item.kind == "task" else None

    class OutputSerializer(serializers.Serializer):
        overdue = serializers.SerializerMethodField()
        upcoming = serializers.SerializerMethodField()
        groups = serializers.SerializerMethodField()

        def get_groups(self, work: MyWork) -> dict[str, list[dict]]:
            # overdue, today, week, later: the page's sections, in its order.
            return {
                key: MyWorkApi.ItemSerializer(items, many=True).data
                for key, _label, items in work.groups
            }

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


class TeamWorkApi(ApiView):
    """The organisation's work as counts: the supervisor's home, for other clients."""

    required_perms = (Perm.CASES_ALL,)

    class WorkerSerializer(serializers.Serializer):
        user = serializers.IntegerField(source="user.pk")
        name = serializers.CharField(source="user.full_name")
        open_cases = serializers.IntegerField()
        overdue = serializers.IntegerField()
        due = serializers.IntegerField()

    class OutputSerializer(serializers.Serializer):
        overdue = serializers.IntegerField()
        due = serializers.IntegerField()
        unassigned = serializers.IntegerField()
        high_risk = serializers.IntegerField()
        flagged = serializers.IntegerField(help_text="Open cases with a flag not yet resolved.")
        approvals = serializers.IntegerField()
        workers = serializers.SerializerMethodField()

        def get_workers(self, team: TeamWork) -> list[dict]:
            return TeamWorkApi.WorkerSerializer(team.workers, many=True).data

    @extend_schema(
        tags=["restoration"],
        operation_id="team_work",
        summary="My organisation's work: overdue and due items by worker, unassigned, high-risk",
        description="Counts only, never a survivor. For roles that open every case (supervisor).",
        responses={200: OutputSerializer, 403: OpenApiResponse()},
    )
    def get(self, request: Request) -> Response:
        return Response(self.OutputSerializer(team_work(user=request.user)).data)


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

"""My work and my tasks."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.aftercare.api.common import WRITE_RESPONSES
from amparo.aftercare.selectors import CASE_PERMS, task_get_for_user, tasks_for_user
from amparo.aftercare.selectors_team import (
    Approval,
    ApprovalKind,
    When,
    team_approvals,
    team_items,
)
from amparo.aftercare.selectors_work import MyWork, TeamWork, my_work, team_work
from amparo.aftercare.services.common import task_complete
from amparo.cases.extensions import WorkItem
from amparo.core.api_base import PAGE_PARAMETERS, ApiView, paginated_response, paginated_schema


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


class TeamItemsApi(ApiView):
    """The items behind the team's overdue and due counts, by worker."""

    required_perms = (Perm.CASES_ALL,)

    class FilterSerializer(serializers.Serializer):
        worker = serializers.IntegerField(
            required=False, min_value=1, help_text="One worker's items (a member's user id)."
        )
        when = serializers.ChoiceField(
            choices=[w.value for w in When], required=False, default=When.ALL.value
        )

    class ItemSerializer(serializers.Serializer):
        worker = serializers.IntegerField(source="worker.pk")
        worker_name = serializers.CharField(source="worker.full_name")
        item = MyWorkApi.ItemSerializer()

    @extend_schema(
        tags=["restoration"],
        operation_id="team_work_items",
        summary="My organisation's overdue and due items, of one worker or of everyone",
        description=(
            "What team-work counts, listed (case codes only), oldest due first. An item on "
            "a case two people work is listed for each. For roles that open every case."
        ),
        parameters=[FilterSerializer, *PAGE_PARAMETERS],
        responses={
            200: paginated_schema(ItemSerializer, name="PaginatedTeamItemList"),
            400: OpenApiResponse(description="Field errors"),
            403: OpenApiResponse(),
            404: OpenApiResponse(description="No such worker in my organisation"),
        },
    )
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        team = team_items(
            user=request.user,
            worker_id=filters.validated_data.get("worker"),
            when=When(filters.validated_data["when"]),
        )
        return paginated_response(
            request=request, view=self, queryset=team.rows, serializer_class=self.ItemSerializer
        )


class TeamApprovalsApi(ApiView):
    """The approvals waiting across the organisation, oldest first."""

    required_perms = (Perm.CASES_ALL,)

    class OutputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=[k.value for k in ApprovalKind])
        label = serializers.CharField()
        task = serializers.SerializerMethodField()
        closure_request = serializers.SerializerMethodField()
        case = serializers.IntegerField(source="case.pk")
        case_code = serializers.CharField(source="case.code")
        asked_at = serializers.DateTimeField()
        waiting_for = serializers.IntegerField(source="waiting_for.pk", allow_null=True)
        asked_by = serializers.IntegerField(source="asked_by.pk", allow_null=True)

        def get_task(self, approval: Approval) -> int | None:
            return approval.pk if approval.kind == ApprovalKind.TASK else None

        def get_closure_request(self, approval: Approval) -> int | None:
            return approval.pk if approval.kind == ApprovalKind.CLOSURE else None

    @extend_schema(
        tags=["restoration"],
        operation_id="team_work_approvals",
        summary="Approvals waiting in my organisation: care plans, reintegration, closures",
        description=(
            "Approval tasks (care plans, family assessments, reintegrations) and caseworkers' "
            "closure requests, oldest first, case codes only. A task is decided on the case's "
            "restoration; a closure request through its approve and decline operations."
        ),
        parameters=PAGE_PARAMETERS,
        responses={
            200: paginated_schema(OutputSerializer, name="PaginatedApprovalList"),
            403: OpenApiResponse(),
        },
    )
    def get(self, request: Request) -> Response:
        return paginated_response(
            request=request,
            view=self,
            queryset=team_approvals(user=request.user),
            serializer_class=self.OutputSerializer,
        )

"""Case notes: appended, never edited; read in pages."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.cases.models import CaseNote
from amparo.cases.selectors import CASE_PERMS, case_get_for_user, notes_for_case
from amparo.cases.services import note_add
from amparo.core.api_base import PAGE_PARAMETERS, ApiView, paginated_response, paginated_schema


class NoteOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    body = serializers.CharField()
    author = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField()

    def get_author(self, note: CaseNote) -> str:
        return str(note.author)


class NoteListApi(ApiView):
    required_perms = CASE_PERMS
    refused_as_not_found = True

    @extend_schema(
        tags=["notes"],
        operation_id="cases_notes_list",
        summary="The case's notes, newest first (logs a read of the case)",
        parameters=PAGE_PARAMETERS,
        responses={200: paginated_schema(NoteOutputSerializer, name="PaginatedNoteList")},
    )
    def get(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(user=request.user, case_id=case_id)
        return paginated_response(
            request=request,
            view=self,
            queryset=notes_for_case(case=case),
            serializer_class=NoteOutputSerializer,
        )


class NoteCreateApi(ApiView):
    # The door is the case file (404, never confirming the case); EDIT_CASE is then
    # refused (403) by case_get_for_user(for_update=True), once the case is theirs.
    required_perms = CASE_PERMS
    refused_as_not_found = True

    class InputSerializer(serializers.Serializer):
        body = serializers.CharField(allow_blank=True, trim_whitespace=False)

    @extend_schema(
        tags=["notes"],
        summary="Append a note",
        request=InputSerializer,
        responses={201: NoteOutputSerializer, 400: OpenApiResponse(description="Field errors")},
    )
    def post(self, request: Request, case_id: int) -> Response:
        case = case_get_for_user(
            user=request.user, case_id=case_id, log_read=False, for_update=True
        )
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        note = note_add(actor=request.user, case=case, body=serializer.validated_data["body"])
        return Response(NoteOutputSerializer(note).data, status=status.HTTP_201_CREATED)

"""The exchange in the API: the same operations as its pages, through the same services.

Upload a file for its dry run, read the job (status, progress) and its report
row by row, confirm it; take an export in a standard (a POST: taking it is
audited per case).
"""

from typing import Any

from django.http import StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.accounts.roles import Perm
from amparo.core.api_base import ApiView, BoundedJSONParser, paginated_response, paginated_schema
from amparo.exchange import selectors
from amparo.exchange.formats.base import ExportFilters
from amparo.exchange.models import ImportJob
from amparo.exchange.services import import_confirm, import_start, standard_export
from amparo.exchange.services.exports import FILE_TYPES

TAGS = ["exchange"]
IMPORTERS = (Perm.IMPORT_RECORDS,)
EXPORTERS = (Perm.EXPORT_DEIDENTIFIED, Perm.EXPORT_RECORDS)


class JobOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    format = serializers.CharField(source="format_key")
    status = serializers.ChoiceField(choices=ImportJob.Status.choices)
    failure = serializers.CharField()
    rows_total = serializers.IntegerField()
    rows_done = serializers.IntegerField()
    progress_percent = serializers.IntegerField()
    to_create = serializers.IntegerField()
    to_skip = serializers.IntegerField()
    refused = serializers.IntegerField()
    duplicates = serializers.IntegerField()
    created_count = serializers.IntegerField()
    skipped_count = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    checked_at = serializers.DateTimeField(allow_null=True)
    confirmed_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)


class FieldSerializer(serializers.Serializer):
    source = serializers.CharField()
    target = serializers.CharField()
    outcome = serializers.ChoiceField(choices=["created", "mapped", "defaulted", "refused"])
    value = serializers.CharField(allow_blank=True)
    reason = serializers.CharField(allow_blank=True)


class RowOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    external_id = serializers.CharField()
    action = serializers.CharField()
    fields = FieldSerializer(many=True)
    duplicate_reasons = serializers.ListField(child=serializers.CharField())
    duplicate_cases = serializers.ListField(child=serializers.CharField())
    case = serializers.CharField(source="case.code", allow_null=True, default=None)


class FormatOutputSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    guarantee = serializers.CharField(default="")
    quasi_identifiers = serializers.ListField(child=serializers.CharField(), default=list)


def _format_data(fmt: Any) -> dict[str, Any]:
    spec = getattr(fmt, "k_anonymity", None)
    return {
        "key": fmt.key,
        "label": str(fmt.label),
        "guarantee": str(getattr(fmt, "guarantee", "")),
        "quasi_identifiers": list(spec.quasi_identifiers) if spec else [],
    }


class ImportListApi(ApiView):
    required_perms = IMPORTERS

    @extend_schema(
        tags=TAGS,
        summary="The organisation's imports, newest first",
        operation_id="exchange_imports_list",
        responses={200: paginated_schema(JobOutputSerializer, name="PaginatedImportJobs")},
    )
    def get(self, request: Request) -> Response:
        jobs = selectors.import_jobs_for_user(user=request.user)
        return paginated_response(
            request=request, view=self, queryset=jobs, serializer_class=JobOutputSerializer
        )


class ImportStartApi(ApiView):
    """Upload a file: it is kept encrypted and checked (the dry run), at once when small,
    in the task queue when large; nothing else is written. Follow the job's status."""

    required_perms = IMPORTERS
    # JSON is read too, so a body that is not a form is refused as everywhere else.
    parser_classes = [MultiPartParser, BoundedJSONParser]

    class InputSerializer(serializers.Serializer):
        format = serializers.CharField(help_text="An import format's key, e.g. htcds.")
        file = serializers.FileField(help_text="CSV (UTF-8) or XLSX, at most 20 MB.")

    @extend_schema(
        tags=TAGS,
        summary="Upload a file for its dry run",
        request={"multipart/form-data": InputSerializer},
        responses={201: JobOutputSerializer},
    )
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        job = import_start(
            actor=request.user,
            format_key=serializer.validated_data["format"],
            file_name=upload.name,
            data=upload.read(),
        )
        return Response(JobOutputSerializer(job).data, status=status.HTTP_201_CREATED)


class ImportDetailApi(ApiView):
    required_perms = IMPORTERS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="An import's status and progress",
        responses={200: JobOutputSerializer},
    )
    def get(self, request: Request, job_id: int) -> Response:
        job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
        return Response(JobOutputSerializer(job).data)


class ImportRowsApi(ApiView):
    required_perms = IMPORTERS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="The dry run's report, row by row and field by field",
        responses={200: paginated_schema(RowOutputSerializer, name="PaginatedImportRows")},
    )
    def get(self, request: Request, job_id: int) -> Response:
        job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
        rows = selectors.import_rows_of(job=job, action=request.query_params.get("action", ""))
        return paginated_response(
            request=request, view=self, queryset=rows, serializer_class=RowOutputSerializer
        )


class ImportConfirmApi(ApiView):
    required_perms = IMPORTERS
    refused_as_not_found = True

    @extend_schema(
        tags=TAGS,
        summary="Confirm a checked import: the rows to create are imported, once",
        request=None,
        responses={202: JobOutputSerializer},
    )
    def post(self, request: Request, job_id: int) -> Response:
        selectors.import_job_get_for_user(user=request.user, job_id=job_id)
        import_confirm(actor=request.user, job_id=job_id)
        job = selectors.import_job_get_for_user(user=request.user, job_id=job_id)
        return Response(JobOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class FormatListApi(ApiView):
    required_perms = (*IMPORTERS, *EXPORTERS)

    @extend_schema(
        tags=TAGS,
        summary="The formats the user may export in, and those files can be imported from",
        responses={
            200: inline_serializer(
                name="ExchangeFormats",
                fields={
                    "exports": FormatOutputSerializer(many=True),
                    "imports": FormatOutputSerializer(many=True),
                },
            )
        },
    )
    def get(self, request: Request) -> Response:
        exports = selectors.export_formats_for_user(user=request.user)
        imports = (
            selectors.import_formats() if request.user.has_amparo_perm(Perm.IMPORT_RECORDS) else []
        )
        return Response(
            {
                "exports": [_format_data(f) for f in exports],
                "imports": [_format_data(f) for f in imports],
            }
        )


class ExportApi(ApiView):
    """The organisation's records in a standard, de-identified, as a file; its first lines
    (CSV) or its "about" sheet (XLSX) state the guarantee and what was generalised."""

    required_perms = EXPORTERS
    parser_classes = [BoundedJSONParser]

    class InputSerializer(serializers.Serializer):
        format = serializers.CharField(help_text="An export format's key, e.g. htcds.")
        opened_from = serializers.DateField(required=False, allow_null=True, default=None)
        opened_to = serializers.DateField(required=False, allow_null=True, default=None)
        trafficking_only = serializers.BooleanField(required=False, default=False)
        file_type = serializers.ChoiceField(choices=list(FILE_TYPES), default="csv")

    @extend_schema(
        tags=TAGS,
        summary="Take an export in a standard (audited per case)",
        request=InputSerializer,
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="CSV or XLSX file")},
    )
    def post(self, request: Request) -> Any:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        export = standard_export(
            actor=request.user,
            format_key=data["format"],
            filters=ExportFilters(
                opened_from=data["opened_from"],
                opened_to=data["opened_to"],
                trafficking_only=data["trafficking_only"],
            ),
            file_type=data["file_type"],
        )
        response = StreamingHttpResponse(export.chunks(), content_type=export.content_type)
        response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response

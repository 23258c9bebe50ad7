"""Imports of measurements in the API: a file checked (the dry run), its report, then applied."""

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from amparo.programmes.api.measurements import TAGS, MeasurementApi
from amparo.programmes.imports import MAX_BYTES
from amparo.programmes.models import ImportBatch
from amparo.programmes.selectors import measurements as selectors
from amparo.programmes.selectors.access import programme_get_for_change
from amparo.programmes.services import imports as import_services


class ProblemSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    field = serializers.CharField()
    problem = serializers.CharField()


class RowSerializer(serializers.Serializer):
    row = serializers.IntegerField()
    action = serializers.ChoiceField(choices=["create", "refused"])
    cells = serializers.DictField(child=serializers.CharField(allow_blank=True))


class BatchOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    programme = serializers.IntegerField(source="programme_id")
    kind = serializers.CharField()
    status = serializers.CharField()
    rows = serializers.IntegerField(source="summary.rows")
    to_create = serializers.IntegerField(source="summary.create")
    refused = serializers.IntegerField(source="summary.refused")
    problems = ProblemSerializer(many=True)
    row_actions = RowSerializer(many=True)
    imported_count = serializers.IntegerField()
    imported_at = serializers.DateTimeField(allow_null=True)
    already_imported = serializers.BooleanField(default=False)


def _batch_data(batch: ImportBatch, *, already_imported: bool = False) -> dict[str, Any]:
    actions = {entry["row"]: entry["action"] for entry in batch.report}
    data = {
        "id": batch.pk,
        "programme_id": batch.programme_id,
        "kind": batch.kind,
        "status": batch.status,
        "summary": selectors.batch_summary(batch=batch),
        "problems": selectors.batch_problems(batch=batch),
        "row_actions": [
            {"row": r["row"], "action": actions.get(r["row"], ""), "cells": r["cells"]}
            for r in batch.rows
        ],
        "imported_count": batch.imported_count,
        "imported_at": batch.imported_at,
        "already_imported": already_imported,
    }
    return BatchOutputSerializer(data).data


class ImportCheckApi(MeasurementApi):
    """Upload a CSV or XLSX file: every row is checked and the report stored; nothing else
    is written. Import it with ``api-import-apply`` when every row passes."""

    parser_classes = [MultiPartParser]

    class InputSerializer(serializers.Serializer):
        kind = serializers.ChoiceField(choices=ImportBatch.Kind.choices)
        file = serializers.FileField(help_text="CSV (UTF-8) or XLSX, at most 2 MB.")

    @extend_schema(
        tags=TAGS,
        summary="Check a file of measurements (the dry run)",
        request={"multipart/form-data": InputSerializer},
        responses={201: BatchOutputSerializer},
    )
    def post(self, request: Request, programme_id: int) -> Response:
        programme_get_for_change(user=request.user, programme_id=programme_id)
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        if upload.size > MAX_BYTES:
            raise serializers.ValidationError({"file": ["The file is larger than 2 MB."]})
        batch = import_services.measurements_check(
            actor=request.user,
            programme_id=programme_id,
            kind=serializer.validated_data["kind"],
            file_name=upload.name,
            data=upload.read(),
        )
        return Response(_batch_data(batch), status=status.HTTP_201_CREATED)


class ImportDetailApi(MeasurementApi):
    @extend_schema(
        tags=TAGS, summary="A checked file's report", responses={200: BatchOutputSerializer}
    )
    def get(self, request: Request, batch_id: int) -> Response:
        batch = selectors.import_batch_get_for_user(user=request.user, batch_id=batch_id)
        return Response(_batch_data(batch))


class ImportApplyApi(MeasurementApi):
    @extend_schema(
        tags=TAGS,
        summary="Import a checked file: only when every row passes, and only once",
        request=None,
        responses={200: BatchOutputSerializer},
    )
    def post(self, request: Request, batch_id: int) -> Response:
        selectors.import_batch_get_for_user(user=request.user, batch_id=batch_id)
        result = import_services.measurements_import(actor=request.user, batch_id=batch_id)
        return Response(_batch_data(result.batch, already_imported=result.already_imported))

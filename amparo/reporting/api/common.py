"""What every indicators API shares: how a hidden count reads, and the period filter."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from amparo.reporting.periods import validate_period
from amparo.reporting.suppression import Cell, Figure, min_cell
from amparo.reporting.tables import Report


@extend_schema_field(
    {
        "type": "integer",
        "nullable": True,
        "description": "A count; null when below the minimum cell size (suppressed).",
    }
)
class CellField(serializers.Field):
    """A ``Cell`` as the API gives it: its count, or ``null`` when hidden."""

    def to_representation(self, value: Cell) -> int | None:
        return value.shown


@extend_schema_field(OpenApiTypes.INT)
class MinCellField(serializers.Field):
    """The minimum cell size in force: counts below it are null."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, _value: object) -> int:
        return min_cell()


class LabelledCellSerializer(serializers.Serializer):
    """A ``(label, Cell)`` pair."""

    label = serializers.CharField()
    count = CellField()

    def to_representation(self, instance: tuple[str, Cell]) -> dict:
        label, count = instance
        return {"label": label, "count": count.shown}


class PeriodFilterSerializer(serializers.Serializer):
    """``start`` and ``end`` of a period, each optional, checked by ``validate_period``."""

    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, data: dict) -> dict:
        # Its ValidationError (per field) answers 400 in the field-error shape.
        validate_period(data.get("start"), data.get("end"))
        return data


def report_data(report: Report) -> dict:
    """A report as the API gives it: its tables (hidden cells ``null``) and compact curves.

    The same tables as the page and the exports, so none can show what another hides.
    """
    # TODO(issue 13, exports helper): an OpenAPI schema for this shape (a serializer).
    return {
        "report": report.key,
        "suppressed": report.suppressed,
        "min_cell": min_cell(),
        "view": report.view,
        "filters": dict(report.filters),
        "tables": [
            {
                "key": t.key,
                "title": str(t.title),
                "description": str(t.description),
                "columns": [
                    {"key": c.key, "label": str(c.label), "kind": c.kind}
                    for c in t.published_columns
                ],
                "rows": [
                    {
                        "key": r.key,
                        "label": str(r.label),
                        "total": r is t.total,
                        "values": {c.key: _shown(r.values[c.key]) for c in t.published_columns},
                    }
                    for r in t.all_rows
                ],
            }
            for t in report.tables
        ],
        "curves": {key: curve.payload() for key, curve in report.curves.items()},
    }


def _shown(value: object) -> object:
    return value.shown if isinstance(value, Cell | Figure) else value

"""What every indicators API shares: how a hidden count reads, and the period filter."""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from amparo.reporting.periods import validate_period
from amparo.reporting.suppression import Cell, min_cell


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

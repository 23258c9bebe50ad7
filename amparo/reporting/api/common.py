"""What every indicators API shares: the shape of a report, how a hidden count reads, the period filter.

``report_data`` (``ReportSerializer``) gives any ``Report`` as JSON: its
tables as the page shows them, a hidden value ``null`` and its column key in
the row's ``hidden`` (so hidden and not defined are told apart), and its
time-to-event curves as compact parallel arrays. An API view answers
``Response(report_api_export(actor=request.user, report=report))`` (the one
export service, which audits the call) and documents
``responses=report_responses(...)``.
"""

from typing import Any, get_args

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from amparo.core.api_base import ERROR, FIELD_ERRORS
from amparo.reporting.periods import validate_period
from amparo.reporting.suppression import Cell, Figure, min_cell
from amparo.reporting.survival import TimeToEvent
from amparo.reporting.tables import Kind, Report, Table


@extend_schema_field(OpenApiTypes.INT)
class MinCellField(serializers.Field):
    """The minimum cell size in force: counts below it are null."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, _value: object) -> int:
        return min_cell()


class PeriodFilterSerializer(serializers.Serializer):
    """``start`` and ``end`` of a period, each optional, checked by ``validate_period``."""

    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)

    def validate(self, data: dict) -> dict:
        # Its ValidationError (per field) answers 400 in the field-error shape.
        validate_period(data.get("start"), data.get("end"))
        return data


COLUMN_KINDS = get_args(Kind)
CURVE_METHODS = ("kaplan_meier", "aalen_johansen")

# A value of a table: a count or a number, a text, or null (hidden, or not defined).
_VALUE_SCHEMA = {
    "oneOf": [{"type": "number"}, {"type": "string"}],
    "nullable": True,
    "description": (
        "A count (integer), a share (a ratio from 0 to 1), a number of days, or a text; "
        "null when hidden (its column key is then in the row's `hidden`) or not defined."
    ),
}


@extend_schema_field(_VALUE_SCHEMA)
class ValueField(serializers.Field):
    """One value of a row: a count, a number or a text as it is; ``null`` when hidden or undefined."""

    def to_representation(self, value: object) -> object:
        if isinstance(value, Cell | Figure):
            shown = value.shown
            return round(shown, 4) if isinstance(shown, float) else shown
        return str(value)


class ReportColumnSerializer(serializers.Serializer):
    """A published column: its key (the key of ``values``), label (in the user's language), kind."""

    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named label; the stubs see Field.label
    kind = serializers.ChoiceField(choices=COLUMN_KINDS)
    help = serializers.CharField()


class ReportRowSerializer(serializers.Serializer):
    """A row: its values by column key, and which of them are hidden (not merely undefined)."""

    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]  # a field named label; the stubs see Field.label
    total = serializers.BooleanField(help_text="The row of totals.")
    values = serializers.DictField(child=ValueField())
    hidden = serializers.ListField(
        child=serializers.CharField(),
        help_text="Keys of the columns whose value is hidden to protect confidentiality.",
    )


class ReportTableSerializer(serializers.Serializer):
    """A table, as the page shows it, with hidden cells ``null``."""

    key = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    row_heading = serializers.CharField()
    columns = ReportColumnSerializer(many=True, source="published_columns")
    rows = serializers.SerializerMethodField()

    @extend_schema_field(ReportRowSerializer(many=True))
    def get_rows(self, table: Table) -> list:
        columns = table.published_columns
        rows = [
            {
                "key": row.key,
                "label": row.label,
                "total": row is table.total,
                "values": {c.key: row.values[c.key] for c in columns},
                "hidden": [c.key for c in columns if _hidden(row.values[c.key])],
            }
            for row in table.all_rows
        ]
        return list(ReportRowSerializer(rows, many=True).data)


class ReportCurveSerializer(serializers.Serializer):
    """A time-to-event curve (``TimeToEvent.payload``): parallel arrays, one entry per day."""

    method = serializers.ChoiceField(choices=CURVE_METHODS)
    observations = serializers.IntegerField()
    confidence = serializers.FloatField()
    median = serializers.IntegerField(allow_null=True)
    median_lower = serializers.IntegerField(allow_null=True)
    median_upper = serializers.IntegerField(allow_null=True)
    t = serializers.ListField(child=serializers.IntegerField(), help_text="Days since the start.")
    at_risk = serializers.ListField(child=serializers.IntegerField())
    events = serializers.ListField(child=serializers.IntegerField())
    competing = serializers.ListField(child=serializers.IntegerField())
    censored = serializers.ListField(child=serializers.IntegerField())
    reached = serializers.ListField(
        child=serializers.FloatField(), help_text="Share that reached the event by day t."
    )
    lower = serializers.ListField(child=serializers.FloatField())
    upper = serializers.ListField(child=serializers.FloatField())

    def to_representation(self, instance: TimeToEvent) -> dict:
        return super().to_representation(instance.payload())


class ReportFilterSerializer(serializers.Serializer):
    """A filter chosen, in words."""

    label = serializers.CharField()  # type: ignore[assignment]  # a field named label; the stubs see Field.label
    value = serializers.CharField()


class ReportSerializer(serializers.Serializer):
    """A report as every indicators API gives it: the page's tables, suppressed, and its curves."""

    report = serializers.CharField(source="key")
    title = serializers.CharField()
    suppressed = serializers.BooleanField()
    min_cell = MinCellField()
    view = serializers.CharField(help_text="cohort, period, or empty.")
    filters = serializers.SerializerMethodField()
    tables = ReportTableSerializer(many=True)
    curves = serializers.DictField(child=ReportCurveSerializer())

    @extend_schema_field(ReportFilterSerializer(many=True))
    def get_filters(self, report: Report) -> list:
        filters = [{"label": label, "value": value} for label, value in report.filters]
        return list(ReportFilterSerializer(filters, many=True).data)


def report_responses(description: str = "The report") -> dict:
    """The answers an indicators API documents: the ``Report``, bad filters, a role refused."""
    return {
        200: OpenApiResponse(ReportSerializer, description=description),
        400: OpenApiResponse(FIELD_ERRORS, description="Bad filters, per field"),
        403: OpenApiResponse(ERROR, description="The role may not see aggregates"),
    }


def report_data(report: Report) -> dict:
    """A report as the API gives it (``ReportSerializer``): hidden cells ``null``, compact curves.

    The same tables as the page and the exports, so none can show what another hides.
    """
    return ReportSerializer(report).data


def _hidden(value: object) -> bool:
    return (isinstance(value, Cell) and value.suppressed) or (
        isinstance(value, Figure) and value.hidden
    )

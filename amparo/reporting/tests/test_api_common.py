"""A report as the API gives it (``report_data``, ``ReportSerializer``) and its OpenAPI schema."""

import pytest
from django.urls import get_resolver, path
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from drf_spectacular.validation import validate_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from amparo.reporting.api.common import ReportSerializer, report_data
from amparo.reporting.tests.sample_report import sample_report
from amparo.testing.api import validated_schema


def test_a_report_gives_its_title_view_filters_and_minimum():
    data = report_data(sample_report())
    assert {k: data[k] for k in ("report", "title", "suppressed", "min_cell", "view")} == {
        "report": "sample",
        "title": "Justice indicators",
        "suppressed": True,
        "min_cell": 11,
        "view": "period",
    }
    assert data["filters"] == [
        {"label": "Court", "value": "Juzgado de Quetzaltenango"},
        {"label": "Period", "value": "2026-01-01 – 2026-06-30"},
    ]


def test_a_table_gives_its_published_columns_and_rows_with_hidden_values_null():
    table = report_data(sample_report())["tables"][0]
    assert table["key"] == "stages" and table["row_heading"] == "Stage"
    assert [(c["key"], c["kind"]) for c in table["columns"]] == [
        ("cases", "count"),
        ("share", "share"),
        ("median", "days"),
        ("note", "text"),
    ]
    rows = {r["key"]: r for r in table["rows"]}
    assert rows["complaint"]["values"] == {
        "cases": 40,
        "share": 0.7843,
        "median": 12.25,
        "note": "=HYPERLINK()",
    }
    assert rows["complaint"]["hidden"] == [] and not rows["complaint"]["total"]
    assert rows["hearing"]["values"]["cases"] is None
    assert rows["hearing"]["hidden"] == ["cases", "share"]
    # Not defined is null too, but not hidden.
    assert rows["verdict"]["values"]["median"] is None
    assert "median" not in rows["verdict"]["hidden"]
    assert rows["total"]["total"] and rows["total"]["values"]["cases"] == 51


def test_a_curve_is_compact_parallel_arrays():
    curve = report_data(sample_report())["curves"]["verdict"]
    assert curve["method"] == "aalen_johansen"
    assert curve["t"] == [10, 15, 20, 30]
    assert curve["events"] == [3, 0, 5, 0]
    assert curve["competing"] == [0, 2, 0, 0]
    assert len(curve["reached"]) == len(curve["lower"]) == len(curve["upper"]) == 4
    assert curve["observations"] == 22


def test_a_report_without_curves_gives_an_empty_map():
    report = sample_report()
    report.curves = {}
    assert report_data(report)["curves"] == {}


class _ReportApi(APIView):
    @extend_schema(responses={200: ReportSerializer})
    def get(self, request):
        return Response(report_data(sample_report()))


@pytest.fixture
def schema() -> dict:
    # Beside every other route, so a name it shares with another schema would show.
    GENERATOR_STATS.reset()
    patterns = [*get_resolver().url_patterns, path("api/v1/report/", _ReportApi.as_view())]
    generated = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    assert not GENERATOR_STATS, "drf-spectacular warned"
    validate_schema(generated)
    return generated["components"]["schemas"]


def test_the_schema_describes_the_report_its_tables_rows_and_curves(schema):
    report = schema["Report"]["properties"]
    assert set(report) == {
        "report",
        "title",
        "suppressed",
        "min_cell",
        "view",
        "filters",
        "tables",
        "curves",
    }
    assert report["curves"]["additionalProperties"] == {"$ref": "#/components/schemas/ReportCurve"}
    row = schema["ReportRow"]["properties"]
    value = row["values"]["additionalProperties"]
    assert value["nullable"] is True
    assert {"type": "number"} in value["oneOf"] and {"type": "string"} in value["oneOf"]
    assert row["hidden"]["items"] == {"type": "string"}
    assert schema["ReportCurve"]["properties"]["t"]["items"] == {"type": "integer"}
    assert schema["ReportColumn"]["properties"]["kind"] == {
        "$ref": "#/components/schemas/ReportColumnKindEnum"
    }
    assert schema["ReportColumnKindEnum"]["enum"] == ["count", "share", "days", "number", "text"]
    assert schema["CurveMethodEnum"]["enum"] == ["kaplan_meier", "aalen_johansen"]
    # The follow-up method keeps its name beside the curve method.
    assert schema["MethodEnum"]["enum"][0] == "home"


INDICATORS = (
    "/api/v1/legal/indicators/",
    "/api/v1/indicators/restoration/",
    "/api/v1/network/indicators/",
)


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, django_db_blocker) -> dict:
    return validated_schema(tmp_path_factory.mktemp("schema") / "schema.json", django_db_blocker)


@pytest.mark.parametrize("route", INDICATORS)
def test_every_indicators_api_documents_the_report_it_answers(api_schema, route):
    responses = api_schema["paths"][route]["get"]["responses"]
    body = responses["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/Report"}
    assert responses["400"]["content"]["application/json"]["schema"]["type"] == "object"
    assert "403" in responses

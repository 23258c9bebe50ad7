"""The schema documents the errors every operation can answer, with their bodies."""

import pytest

from amparo.testing.api import validated_schema

ERROR_REF = "#/components/schemas/Error"
STALE_REF = "#/components/schemas/StaleVersion"


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker) -> dict:
    return validated_schema(tmp_path_factory.mktemp("schema") / "schema.json", django_db_blocker)


def operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def body_schema(response: dict) -> dict:
    return response["content"]["application/json"]["schema"]


def test_every_operation_documents_the_errors_any_request_can_get(schema):
    ops = operations(schema)
    assert len(ops) > 60
    for method, path, operation in ops:
        responses = operation["responses"]
        for code in ("401", "403", "429", "503"):
            assert code in responses, f"{method.upper()} {path} lacks {code}"
            assert body_schema(responses[code]).get("$ref", "").endswith("Error"), (
                method,
                path,
                code,
            )


def test_every_operation_documents_the_errors_its_shape_allows(schema):
    for method, path, operation in operations(schema):
        responses, where = operation["responses"], f"{method.upper()} {path}"
        if method in ("post", "put", "patch"):
            field_errors = body_schema(responses["400"])
            assert field_errors["type"] == "object", where
            assert field_errors["additionalProperties"]["type"] == "array", where
        if "{" in path:
            assert "404" in responses, where
        takes_version = any(p["name"] == "If-Match" for p in operation.get("parameters", []))
        if takes_version or "428" in responses:
            assert body_schema(responses["409"]) == {"$ref": STALE_REF}, where


def test_every_documented_error_has_a_body(schema):
    for method, path, operation in operations(schema):
        for code, response in operation["responses"].items():
            if code[0] in "45":
                assert "content" in response, f"{method.upper()} {path} {code}"


def test_the_error_bodies_are_the_ones_the_api_answers(schema):
    components = schema["components"]["schemas"]
    assert components["Error"]["properties"] == {"detail": {"type": "string"}}
    assert set(components["StaleVersion"]["properties"]) == {"detail", "current_version"}
    close = schema["paths"]["/api/v1/cases/{case_id}/close/"]["post"]["responses"]
    assert {"400", "401", "403", "404", "409", "428", "429", "503"} <= set(close)

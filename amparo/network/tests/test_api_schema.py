"""The OpenAPI schema: valid, generated without a warning, and every network operation
described, with typed bodies for its requests, its answers and its errors."""

import pytest

from amparo.core.api_base import ApiView
from amparo.testing.api import validated_schema

NETWORK_PATHS = (
    "/api/v1/agreements/",
    "/api/v1/referrals/",
    "/api/v1/transfers/",
    "/api/v1/notifications/",
    "/api/v1/network/",
)
CASE_NETWORK_PATHS = ("/referrals/", "/transfers/", "/referral-partners/")
# What a page lets a user do, and the operation that does it over the API.
PAGE_ACTIONS = {
    ("get", "/api/v1/referrals/"): "the inbox, received or sent, filtered",
    ("post", "/api/v1/referrals/"): "send a referral from a case",
    ("get", "/api/v1/cases/{case_id}/referral-partners/"): "the partners the send form offers",
    ("get", "/api/v1/referrals/{referral_id}/"): "the referral page",
    ("get", "/api/v1/referrals/{referral_id}/shared/"): "the shared file on that page",
    ("get", "/api/v1/referrals/colleagues/"): "whom the accept form assigns",
    ("post", "/api/v1/referrals/{referral_id}/accept/"): "accept",
    ("post", "/api/v1/referrals/{referral_id}/decline/"): "decline with a reason",
    ("post", "/api/v1/referrals/{referral_id}/revoke/"): "revoke",
    ("post", "/api/v1/referrals/{referral_id}/complete/"): "complete",
    ("post", "/api/v1/referrals/{referral_id}/services/"): "record a partner service",
    ("post", "/api/v1/referrals/{referral_id}/placements/"): "place in the partner's shelter",
    (
        "post",
        "/api/v1/referrals/{referral_id}/placements/{placement_id}/end/",
    ): "end that placement",
    ("get", "/api/v1/cases/{case_id}/referrals/"): "the case file's referrals",
    ("get", "/api/v1/cases/{case_id}/transfers/"): "the case file's transfers",
    ("post", "/api/v1/transfers/"): "propose a transfer",
    ("get", "/api/v1/transfers/{transfer_id}/"): "the transfer page",
    ("post", "/api/v1/transfers/{transfer_id}/accept/"): "accept a transfer",
    ("post", "/api/v1/transfers/{transfer_id}/decline/"): "decline a transfer",
    ("post", "/api/v1/transfers/{transfer_id}/cancel/"): "cancel a transfer",
    ("get", "/api/v1/agreements/"): "the agreements page",
    ("get", "/api/v1/agreements/partners/"): "the organisations the agreement form offers",
    ("post", "/api/v1/agreements/"): "record an agreement",
    ("post", "/api/v1/agreements/{agreement_id}/end/"): "end an agreement",
    ("get", "/api/v1/notifications/"): "the notifications page",
    ("post", "/api/v1/notifications/read/"): "mark one or all read",
    ("get", "/api/v1/network/indicators/"): "the network dashboard and its CSV",
}


@pytest.fixture(scope="module")
def schema(tmp_path_factory, django_db_blocker) -> dict:
    return validated_schema(tmp_path_factory.mktemp("schema") / "schema.json", django_db_blocker)


def network_operations(schema: dict) -> list[tuple[str, str, dict]]:
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        if path.startswith(NETWORK_PATHS)
        or (path.startswith("/api/v1/cases/{case_id}/") and path.endswith(CASE_NETWORK_PATHS))
        for method, operation in operations.items()
    ]


def test_every_page_action_has_an_operation(schema):
    offered = {(method, path) for method, path, _op in network_operations(schema)}
    assert set(PAGE_ACTIONS) <= offered, set(PAGE_ACTIONS) - offered


def test_every_network_operation_is_described(schema):
    base = " ".join(ApiView.__doc__.split())
    for method, path, operation in network_operations(schema):
        where = f"{method.upper()} {path}"
        assert operation.get("summary"), where
        description = " ".join(operation.get("description", "").split())
        # Without its own description an operation shows the base view's docstring.
        assert description and description != base, where
        assert operation.get("tags"), where


def _schema_of(response: dict) -> dict | None:
    return response.get("content", {}).get("application/json", {}).get("schema")


def test_every_network_operation_has_typed_bodies(schema):
    for method, path, operation in network_operations(schema):
        where = f"{method.upper()} {path}"
        responses = operation["responses"]
        success = [code for code in responses if code.startswith("2")]
        assert success and all(_schema_of(responses[code]) for code in success), where
        assert "401" in responses, where
        for code, response in responses.items():
            assert _schema_of(response), (where, code)
            assert code.startswith("2") or response.get("description"), (where, code)
        if method == "post":
            body = operation["requestBody"]["content"]["application/json"]["schema"]
            assert "$ref" in body, where
            assert "400" in responses, where
        if "{" in path:
            assert "404" in responses, where


def _request_properties(schema: dict, operation: dict) -> dict:
    body = _schema_of(operation.get("requestBody", {})) or {}
    name = body.get("$ref", "").rsplit("/", 1)[-1]
    return schema["components"]["schemas"].get(name, {}).get("properties", {})


def test_versioned_writes_document_if_match_409_and_428(schema):
    versioned = 0
    for method, path, operation in network_operations(schema):
        if "version" not in _request_properties(schema, operation):
            continue
        versioned += 1
        where = f"{method.upper()} {path}"
        assert {"409", "428"} <= set(operation["responses"]), where
        assert "If-Match" in {p["name"] for p in operation["parameters"]}, where
    assert versioned == 9


def test_lists_document_pages_and_the_inbox_filters(schema):
    for method, path, operation in network_operations(schema):
        result = _schema_of(operation["responses"]["200"]) if method == "get" else None
        ref = (result or {}).get("$ref", "")
        if not ref.rsplit("/", 1)[-1].startswith("Paginated"):
            continue
        names = {p["name"] for p in operation.get("parameters", [])}
        assert {"page", "page_size"} <= names, path
    inbox = {p["name"]: p for p in schema["paths"]["/api/v1/referrals/"]["get"]["parameters"]}
    assert {"box", "status", "urgency"} <= set(inbox)
    assert set(inbox["status"]["schema"]["enum"]) >= {"pending", "accepted", "revoked"}


def test_referral_answers_name_their_vocabularies(schema):
    referral = schema["components"]["schemas"]["ReferralOutput"]["properties"]
    enum = "#/components/schemas/{}".format
    assert referral["status"] == {"$ref": enum("ReferralStatusEnum")}
    assert referral["urgency"] == {"$ref": enum("UrgencyEnum")}
    assert referral["sections"]["items"] == {"$ref": enum("SectionEnum")}
    assert referral["services"]["items"] == {"$ref": enum("ServiceTypeEnum")}

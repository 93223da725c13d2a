"""The wire contract: every plugin operation's raw responses, success and error, match the model.

Each operation is driven with raw HTTP (``support.raw_request``), once into success and once into an
error, and the raw status, headers and body go through ``support.contract_violations``. The last
tests feed the checker fabricated responses, so a checker that passes everything cannot hide here.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import boto3
import pytest
from botocore.model import OperationModel

from support import (
    PHONE_NUMBER_OPERATIONS,
    available,
    claim,
    contract_violations,
    manual_progress,
    new_instance,
    raw_request,
)

SERVICE_MODEL = boto3.client("connect", region_name="us-east-1").meta.service_model
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"


def operation_model(name: str) -> OperationModel:
    return SERVICE_MODEL.operation_model(name)


@dataclass
class World:
    """What a case needs: a client, an instance, a claimed number and a number still in stock."""

    connect: Any
    instance: dict[str, str]
    claimed: dict[str, str]
    free_number: str


@dataclass(frozen=True)
class Case:
    operation: str
    request: Callable[[World], tuple[str, str, str | None]]  # method, path, body
    status: int
    error: str | None = None


def body(**members: Any) -> str:
    return json.dumps(members)


SUCCESS = [
    Case(
        "ClaimPhoneNumber",
        lambda w: (
            "POST",
            "/phone-number/claim",
            body(
                InstanceId=w.instance["Id"],
                PhoneNumber=w.free_number,
                PhoneNumberDescription="contract",
                Tags={"Team": "blue"},
                ClientToken="8d6b6a6e-4a40-4b5f-9d1b-6f2d1cb0b7a1",
            ),
        ),
        200,
    ),
    Case(
        "DescribePhoneNumber",
        lambda w: ("GET", f"/phone-number/{w.claimed['PhoneNumberId']}", None),
        200,
    ),
    Case(
        "ListPhoneNumbersV2",
        lambda w: ("POST", "/phone-number/list", body(InstanceId=w.instance["Id"], MaxResults=1)),
        200,
    ),
    Case(
        "ListPhoneNumbers",
        lambda w: ("GET", f"/phone-numbers-summary/{w.instance['Id']}?maxResults=1", None),
        200,
    ),
    Case(
        "SearchAvailablePhoneNumbers",
        lambda w: (
            "POST",
            "/phone-number/search-available",
            body(
                InstanceId=w.instance["Id"],
                PhoneNumberCountryCode="US",
                PhoneNumberType="TOLL_FREE",
                MaxResults=2,
            ),
        ),
        200,
    ),
    Case(
        "UpdatePhoneNumber",
        lambda w: (
            "PUT",
            f"/phone-number/{w.claimed['PhoneNumberId']}",
            body(InstanceId=w.instance["Id"], ClientToken="0b8e5b1e-5d39-4d0c-8d0e-3b7b8f0f7c11"),
        ),
        200,
    ),
    Case(
        "UpdatePhoneNumberMetadata",
        lambda w: (
            "PUT",
            f"/phone-number/{w.claimed['PhoneNumberId']}/metadata",
            body(PhoneNumberDescription="new"),
        ),
        200,
    ),
    Case(
        "ReleasePhoneNumber",
        lambda w: (
            "DELETE",
            f"/phone-number/{w.claimed['PhoneNumberId']}?clientToken=3f1c0a52-9d2e-4a51-b7b4-1e0f5b2a9c33",
            None,
        ),
        200,
    ),
]

ERRORS = [
    Case(
        "ClaimPhoneNumber",
        lambda w: (
            "POST",
            "/phone-number/claim",
            body(InstanceId=w.instance["Id"], PhoneNumber=w.claimed["PhoneNumber"]),
        ),
        400,
        "InvalidParameterException",
    ),
    Case(
        "ClaimPhoneNumber",
        lambda w: (
            "POST",
            "/phone-number/claim",
            body(InstanceId=UNKNOWN_ID, PhoneNumber=w.free_number),
        ),
        404,
        "ResourceNotFoundException",
    ),
    Case(
        "DescribePhoneNumber",
        lambda w: ("GET", f"/phone-number/{UNKNOWN_ID}", None),
        404,
        "ResourceNotFoundException",
    ),
    Case(
        "DescribePhoneNumber",
        lambda w: (
            "GET",
            "/phone-number/arn%3Aaws%3Aconnect%3Aus-east-1%3A111122223333%3Aphone-number%2F"
            + UNKNOWN_ID,
            None,
        ),
        403,
        "AccessDeniedException",
    ),
    Case(
        "ListPhoneNumbersV2",
        lambda w: ("POST", "/phone-number/list", body(InstanceId=UNKNOWN_ID)),
        404,
        "ResourceNotFoundException",
    ),
    Case(
        "ListPhoneNumbersV2",
        lambda w: ("POST", "/phone-number/list", body(MaxResults=0)),
        400,
        "InvalidParameterException",
    ),
    Case(
        "ListPhoneNumbers",
        lambda w: ("GET", f"/phone-numbers-summary/{UNKNOWN_ID}", None),
        404,
        "ResourceNotFoundException",
    ),
    Case(
        "ListPhoneNumbers",
        lambda w: ("GET", f"/phone-numbers-summary/{w.instance['Id']}?maxResults=abc", None),
        400,
        "InvalidParameterException",
    ),
    Case(
        "SearchAvailablePhoneNumbers",
        lambda w: (
            "POST",
            "/phone-number/search-available",
            body(
                InstanceId=w.instance["Id"],
                PhoneNumberCountryCode="XX",
                PhoneNumberType="TOLL_FREE",
            ),
        ),
        400,
        "InvalidParameterException",
    ),
    Case(
        "UpdatePhoneNumber",
        lambda w: ("PUT", f"/phone-number/{UNKNOWN_ID}", body(InstanceId=w.instance["Id"])),
        404,
        "ResourceNotFoundException",
    ),
    Case(
        "UpdatePhoneNumberMetadata",
        lambda w: ("PUT", f"/phone-number/{UNKNOWN_ID}/metadata", body(PhoneNumberDescription="x")),
        404,
        "ResourceNotFoundException",
    ),
    Case(
        "ReleasePhoneNumber",
        lambda w: ("DELETE", f"/phone-number/{UNKNOWN_ID}", None),
        404,
        "ResourceNotFoundException",
    ),
    Case(
        "ReleasePhoneNumber",
        lambda w: ("DELETE", "/phone-number/not-an-id", None),
        400,
        "InvalidParameterException",
    ),
]


def case_id(case: Case) -> str:
    return f"{case.operation}-{case.error or 'ok'}"


@pytest.fixture
def world(connect_client: Any, connect_instance: dict[str, str]) -> World:
    claimed = claim(connect_client, connect_instance["Id"])
    free = available(connect_client, connect_instance["Id"])[0]
    return World(connect_client, connect_instance, claimed, free)


def check(operation: str, response: Any, status: int, error: str | None = None) -> None:
    """The expected outcome, then the contract on the raw status, headers and body."""
    assert response.status_code == status, response.text
    if error is not None:
        assert response.headers.get("x-amzn-ErrorType", "").split(":")[0] == error
    violations = contract_violations(
        operation_model(operation), response.status_code, response.headers, response.content
    )
    assert violations == [], violations


@pytest.mark.parametrize("case", SUCCESS, ids=case_id)
def test_success_response_matches_the_model(world: World, case: Case) -> None:
    response = raw_request(*case.request(world))

    check(case.operation, response, case.status, case.error)


@pytest.mark.parametrize("case", ERRORS, ids=case_id)
def test_error_response_matches_the_model(world: World, case: Case) -> None:
    response = raw_request(*case.request(world))

    check(case.operation, response, case.status, case.error)


def test_describe_returns_every_member_it_knows(world: World) -> None:
    """The success responses above carry their optional members too, so the check is not vacuous."""
    response = raw_request("GET", f"/phone-number/{world.claimed['PhoneNumberId']}")

    summary = response.json()["ClaimedPhoneNumberSummary"]
    assert {
        "PhoneNumberId",
        "PhoneNumberArn",
        "PhoneNumber",
        "PhoneNumberCountryCode",
        "PhoneNumberType",
        "TargetArn",
        "InstanceId",
        "PhoneNumberStatus",
    } <= set(summary)


@pytest.mark.parametrize(
    "operation", ["ReleasePhoneNumber", "UpdatePhoneNumber", "UpdatePhoneNumberMetadata"]
)
def test_resource_in_use_carries_its_modelled_members(world: World, operation: str) -> None:
    """ResourceInUseException: status 409 from the model, plus ResourceType and ResourceId."""
    with manual_progress("connect::phone_number"):
        busy = claim(world.connect, world.instance["Id"])
        path = f"/phone-number/{busy['PhoneNumberId']}"
        method, path, payload = {
            "ReleasePhoneNumber": ("DELETE", path, None),
            "UpdatePhoneNumber": ("PUT", path, body(InstanceId=world.instance["Id"])),
            "UpdatePhoneNumberMetadata": (
                "PUT",
                path + "/metadata",
                body(PhoneNumberDescription="x"),
            ),
        }[operation]

        response = raw_request(method, path, payload)

    check(operation, response, 409, "ResourceInUseException")
    document = response.json()
    shape = SERVICE_MODEL.shape_for("ResourceInUseException")
    assert document["ResourceType"] in shape.members["ResourceType"].enum
    assert document["ResourceId"] == busy["PhoneNumberArn"]


def test_update_to_another_instance_response_matches_the_model(world: World) -> None:
    other = new_instance(world.connect, alias="other-instance")
    response = raw_request(
        "PUT", f"/phone-number/{world.claimed['PhoneNumberId']}", body(TargetArn=other["Arn"])
    )

    check("UpdatePhoneNumber", response, 200)
    assert response.json()["PhoneNumberId"] == world.claimed["PhoneNumberId"]


def test_every_plugin_operation_is_driven_both_ways() -> None:
    assert {case.operation for case in SUCCESS} == PHONE_NUMBER_OPERATIONS
    assert {case.operation for case in ERRORS} == PHONE_NUMBER_OPERATIONS


# -- the checker itself ------------------------------------------------------------------------


JSON_HEADERS = {"Content-Type": "application/json"}


def error_headers(code: str) -> dict[str, str]:
    return JSON_HEADERS | {"x-amzn-ErrorType": code}


def violations(operation: str, status: int, headers: dict[str, str], document: Any) -> list[str]:
    return contract_violations(
        operation_model(operation), status, headers, json.dumps(document).encode()
    )


VALID_CLAIM = {
    "PhoneNumberId": UNKNOWN_ID,
    "PhoneNumberArn": f"arn:aws:connect:us-east-1:123456789012:phone-number/{UNKNOWN_ID}",
}


def test_checker_accepts_a_valid_response() -> None:
    assert violations("ClaimPhoneNumber", 200, JSON_HEADERS, VALID_CLAIM) == []
    assert violations("ReleasePhoneNumber", 200, JSON_HEADERS, {}) == []
    assert (
        violations(
            "DescribePhoneNumber",
            404,
            error_headers("ResourceNotFoundException"),
            {"Message": "not found"},
        )
        == []
    )


@pytest.mark.parametrize(
    ("operation", "status", "headers", "document", "expected"),
    [
        (
            "ClaimPhoneNumber",
            200,
            JSON_HEADERS,
            VALID_CLAIM | {"Extra": 1},
            "not a member of ClaimPhoneNumberResponse",
        ),
        ("ClaimPhoneNumber", 201, JSON_HEADERS, VALID_CLAIM, "status 201, model says 200"),
        ("ClaimPhoneNumber", 200, JSON_HEADERS, {"PhoneNumberId": 7}, "is not a string"),
        (
            "ReleasePhoneNumber",
            200,
            JSON_HEADERS,
            {"PhoneNumberId": UNKNOWN_ID},
            "the operation has no output",
        ),
        (
            "DescribePhoneNumber",
            200,
            JSON_HEADERS,
            {"ClaimedPhoneNumberSummary": {"PhoneNumberType": "MOBILE"}},
            "not in enum",
        ),
        (
            "DescribePhoneNumber",
            200,
            JSON_HEADERS,
            {"ClaimedPhoneNumberSummary": {"PhoneNumberStatus": {"Status": "CLAIMED", "Why": 1}}},
            "Why: not a member of PhoneNumberStatus",
        ),
        (
            "ListPhoneNumbersV2",
            200,
            JSON_HEADERS,
            {"ListPhoneNumbersSummaryList": {}},
            "is not a list",
        ),
        (
            "ListPhoneNumbers",
            200,
            JSON_HEADERS,
            {"PhoneNumberSummaryList": [{"Id": "x", "PhoneNumberId": "x"}]},
            "PhoneNumberId: not a member of PhoneNumberSummary",
        ),
        (
            "SearchAvailablePhoneNumbers",
            200,
            JSON_HEADERS,
            {"AvailableNumbersList": [{"PhoneNumber": "+18002000000", "MaxResults": 1}]},
            "not a member of AvailableNumberSummary",
        ),
        (
            "DescribePhoneNumber",
            400,
            error_headers("InvalidRequestException"),
            {"Message": "m"},
            "error code 'InvalidRequestException' is not modelled",
        ),
        (
            "SearchAvailablePhoneNumbers",
            404,
            error_headers("ResourceNotFoundException"),
            {"Message": "m"},
            "is not modelled",
        ),
        (
            "ClaimPhoneNumber",
            404,
            error_headers("InvalidParameterException"),
            {"Message": "m"},
            "InvalidParameterException with status 404, model says 400",
        ),
        (
            "ClaimPhoneNumber",
            400,
            JSON_HEADERS,
            {"Message": "m"},
            "error response without x-amzn-ErrorType",
        ),
        (
            "ClaimPhoneNumber",
            400,
            error_headers("InvalidParameterException"),
            {"message": "lower-case member"},
            "without Message",
        ),
    ],
    ids=[
        "extra-member",
        "wrong-status",
        "wrong-type",
        "body-without-output",
        "bad-enum",
        "nested-extra-member",
        "list-is-map",
        "v1-item-extra-member",
        "search-item-extra",
        "unmodelled-error",
        "unmodelled-error-404",
        "error-wrong-status",
        "no-error-header",
        "no-message",
    ],
)
def test_checker_catches(
    operation: str, status: int, headers: dict[str, str], document: Any, expected: str
) -> None:
    found = violations(operation, status, headers, document)

    assert any(expected in v for v in found), found

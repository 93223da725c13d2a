"""Raw HTTP as a non-Python client sends it: malformed, mistyped and odd requests.

botocore never sends these, but the AWS CLI with ``--cli-input-json``, other SDKs and hand-written
clients can. Each must get an AWS-shaped error (status, ``x-amzn-ErrorType``, a JSON ``Message``),
never a 500 or a traceback, and must change nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import pytest
import requests

from support import available, claim, raw_request

OTHER_ACCOUNT_NUMBER_ARN = (
    "arn:aws:connect:us-east-1:111122223333:phone-number/12345678-1234-4234-8234-123456789012"
)
SEARCH = {"PhoneNumberCountryCode": "US", "PhoneNumberType": "TOLL_FREE", "MaxResults": 1}

#: A request body from the test's instance id and an available number.
Body = Callable[[str, str], str | bytes]


def send(method: str, path: str, body: str | bytes | None = None) -> requests.Response:
    """raw_request, plus the rule for every response in this file: no 500, no traceback."""
    response = raw_request(method, path, body)
    assert response.status_code != 500, response.text[:1000]
    assert "Traceback" not in response.text, response.text[:1000]
    return response


def assert_error(response: requests.Response, status: int, code: str) -> str:
    """An AWS-shaped rest-json error: status, x-amzn-ErrorType and a JSON Message; the message."""
    assert response.status_code == status, response.text[:1000]
    assert response.headers.get("x-amzn-ErrorType", "").split(":")[0] == code, response.headers
    message = response.json().get("Message")
    assert isinstance(message, str) and message, response.text[:1000]
    return message


def assert_nothing_claimed(connect: Any, instance_id: str, number: str) -> None:
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []
    assert number in available(connect, instance_id, count=10)


@pytest.fixture
def stock(connect_client: Any, connect_instance: dict[str, str]) -> tuple[str, str]:
    """The instance id and a number the stock offers for it."""
    instance_id = connect_instance["Id"]
    return instance_id, available(connect_client, instance_id)[0]


def claim_body(**members: Any) -> Body:
    """A claim body for the test's instance and number, with members overridden or added."""

    def body(instance_id: str, number: str) -> str:
        return json.dumps(
            {"InstanceId": instance_id, "PhoneNumber": number} | members, ensure_ascii=False
        )

    return body


# -- bodies that are not a JSON object, or members of the wrong JSON type ----------------------


@pytest.mark.parametrize(
    "body",
    [
        lambda i, n: '{"InstanceId": "' + i + '", "PhoneNumber": ',
        lambda i, n: "{not json}",
        lambda i, n: json.dumps([i, n]),
        lambda i, n: json.dumps(n),
        lambda i, n: "null",
        lambda i, n: "42",
        claim_body(PhoneNumber=123),
        claim_body(PhoneNumber=None),
        claim_body(PhoneNumber=[]),
        claim_body(InstanceId={"Id": "x"}),
        claim_body(Tags=["Team", "blue"]),
        claim_body(Tags={"Team": 1}),
        claim_body(PhoneNumberDescription=False),
    ],
    ids=[
        "truncated",
        "not-json",
        "array",
        "string",
        "null",
        "number",
        "phone-number-int",
        "phone-number-null",
        "phone-number-list",
        "instance-id-object",
        "tags-list",
        "tag-value-int",
        "description-bool",
    ],
)
def test_claim_with_a_malformed_body(
    connect_client: Any, stock: tuple[str, str], body: Body
) -> None:
    instance_id, number = stock

    response = send("POST", "/phone-number/claim", body(instance_id, number))

    assert_error(response, 400, "InvalidParameterException")
    assert_nothing_claimed(connect_client, instance_id, number)


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/phone-number/list", {"PhoneNumberTypes": "TOLL_FREE"}),
        ("/phone-number/list", {"PhoneNumberCountryCodes": "US"}),
        ("/phone-number/list", {"PhoneNumberTypes": [1]}),
        ("/phone-number/list", {"MaxResults": "5"}),
        ("/phone-number/list", {"NextToken": {"after": 1}}),
        ("/phone-number/search-available", SEARCH | {"MaxResults": "5"}),
        ("/phone-number/search-available", SEARCH | {"MaxResults": True}),
        ("/phone-number/search-available", SEARCH | {"MaxResults": 1.5}),
        ("/phone-number/search-available", SEARCH | {"MaxResults": 10**30}),
        ("/phone-number/search-available", SEARCH | {"PhoneNumberCountryCode": ["US"]}),
    ],
    ids=[
        "v2-types-string",
        "v2-countries-string",
        "v2-type-int",
        "v2-max-results-string",
        "v2-next-token-object",
        "search-max-results-string",
        "search-max-results-true",
        "search-max-results-float",
        "search-max-results-huge",
        "search-country-list",
    ],
)
def test_wrong_json_types_are_invalid_parameters(
    connect_client: Any, stock: tuple[str, str], path: str, body: dict[str, Any]
) -> None:
    instance_id, number = stock

    response = send("POST", path, json.dumps({"InstanceId": instance_id} | body))

    message = assert_error(response, 400, "InvalidParameterException")
    assert message.startswith("1 validation error detected: "), message
    assert_nothing_claimed(connect_client, instance_id, number)


def test_deeply_nested_json_is_rejected_not_crashed(
    connect_client: Any, stock: tuple[str, str]
) -> None:
    instance_id, number = stock
    depth = 100_000

    response = send("POST", "/phone-number/claim", "[" * depth + "]" * depth)

    assert_error(response, 400, "InvalidParameterException")
    assert_nothing_claimed(connect_client, instance_id, number)


def test_body_that_is_not_utf8_is_rejected_not_crashed(
    connect_client: Any, stock: tuple[str, str]
) -> None:
    instance_id, number = stock
    body = json.dumps({"InstanceId": instance_id, "PhoneNumber": number}).encode("utf-16")

    response = send("POST", "/phone-number/claim", body)

    assert_error(response, 400, "InvalidParameterException")
    assert_nothing_claimed(connect_client, instance_id, number)


def test_empty_body_is_missing_the_required_member(
    connect_client: Any, stock: tuple[str, str]
) -> None:
    instance_id, number = stock

    response = send("POST", "/phone-number/claim", "")

    message = assert_error(response, 400, "InvalidParameterException")
    assert "'phoneNumber'" in message and "must not be null" in message, message
    assert_nothing_claimed(connect_client, instance_id, number)


def test_huge_body_is_rejected(connect_client: Any, stock: tuple[str, str]) -> None:
    instance_id, number = stock
    body = claim_body(PhoneNumberDescription="d" * 1_000_000)(instance_id, number)

    response = send("POST", "/phone-number/claim", body)

    message = assert_error(response, 400, "InvalidParameterException")
    assert "'phoneNumberDescription'" in message, message[:300]
    assert_nothing_claimed(connect_client, instance_id, number)


# -- odd text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phone_number",
    [
        "\u0661\u0662\u0663",
        "+\u0661\u0668\u0660\u0660",
        "\uff0b\uff11\uff18\uff10\uff10",
        " +18002000000",
        "+18002000000\n",
        "+18002000000\u200b",
        "+1800\x002000000",
    ],
    ids=[
        "arabic-indic",
        "plus-arabic-indic",
        "fullwidth",
        "leading-space",
        "trailing-newline",
        "zero-width-space",
        "nul",
    ],
)
def test_odd_unicode_phone_number_is_a_validation_error(
    connect_client: Any, stock: tuple[str, str], phone_number: str
) -> None:
    instance_id, number = stock

    response = send(
        "POST", "/phone-number/claim", claim_body(PhoneNumber=phone_number)(instance_id, number)
    )

    message = assert_error(response, 400, "InvalidParameterException")
    assert message.startswith("1 validation error detected: "), message
    assert "at 'phoneNumber'" in message, message
    assert_nothing_claimed(connect_client, instance_id, number)


def test_non_ascii_digits_after_a_valid_country_digit_are_a_validation_error(
    connect_client: Any, stock: tuple[str, str]
) -> None:
    """AWS validates with Java regexes, where ``\\d`` is [0-9]; Unicode digits do not pass."""
    instance_id, number = stock
    arabic = number[:2] + number[2:].translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))

    response = send(
        "POST", "/phone-number/claim", claim_body(PhoneNumber=arabic)(instance_id, number)
    )

    message = assert_error(response, 400, "InvalidParameterException")
    assert message.startswith("1 validation error detected: "), message
    assert_nothing_claimed(connect_client, instance_id, number)


def test_unknown_members_are_ignored(connect_client: Any, stock: tuple[str, str]) -> None:
    instance_id, number = stock

    response = send(
        "POST",
        "/phone-number/claim",
        claim_body(Foo=1, Bar={"nested": [1, 2]})(instance_id, number),
    )

    assert response.status_code == 200, response.text
    claimed = response.json()
    assert set(claimed) == {"PhoneNumberId", "PhoneNumberArn"}
    listed = connect_client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert [n["PhoneNumber"] for n in listed] == [number]


# -- query strings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "maxResults=abc",
        "maxResults=1.5",
        "maxResults=",
        "maxResults=0",
        "maxResults=-1",
        "maxResults=99999999999999999999999",
        "maxResults=%FF",
        "maxResults=1_0",
        "maxResults=%2B5",
        "maxResults=%205",
        "maxResults=5%20",
        "maxResults=%D9%A5",
        "maxResults=%EF%BC%95",
        "phoneNumberTypes=MOBILE",
        "phoneNumberCountryCodes=XX",
        "nextToken=garbage",
    ],
)
def test_v1_bad_query_string(connect_client: Any, stock: tuple[str, str], query: str) -> None:
    instance_id, number = stock

    response = send("GET", f"/phone-numbers-summary/{instance_id}?{query}")

    assert_error(response, 400, "InvalidParameterException")
    assert_nothing_claimed(connect_client, instance_id, number)


@pytest.mark.parametrize("value", ["1_0", "%2B5", "%205", "%D9%A5"])
def test_list_traffic_distribution_groups_takes_ascii_digits_only(
    connect_client: Any, value: str
) -> None:
    response = send("GET", f"/traffic-distribution-groups?maxResults={value}")

    message = assert_error(response, 400, "InvalidRequestException")
    assert message.endswith("failed to satisfy constraint: Member must be of type integer")


def test_claim_with_an_upper_case_uuid_token(connect_client: Any, stock: tuple[str, str]) -> None:
    instance_id, number = stock
    token = "1B4E28BA-2FA1-41D2-883F-0016D3CCA427"

    response = send(
        "POST", "/phone-number/claim", claim_body(ClientToken=token)(instance_id, number)
    )

    message = assert_error(response, 400, "InvalidParameterException")
    assert message.startswith("ClientToken must be a UUID") and token in message
    assert_nothing_claimed(connect_client, instance_id, number)


def test_release_with_over_long_client_token_in_the_query(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    claimed = claim(connect_client, connect_instance["Id"])

    response = send("DELETE", f"/phone-number/{claimed['PhoneNumberId']}?clientToken={'t' * 501}")

    assert_error(response, 400, "InvalidParameterException")
    listed = connect_client.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert [n["PhoneNumberId"] for n in listed] == [claimed["PhoneNumberId"]]


# -- path labels -------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["DELETE", "GET"])
@pytest.mark.parametrize(
    "label",
    [
        "garbage",
        "not-a-uuid!!",
        "..%2F..%2Fetc%2Fpasswd",
        "%00",
        "%20",
        "a%2Fb",
        quote("arn:aws:connect:us-east-1:123456789012:instance/x", safe=""),
        quote("arn:aws:connect:us-east-1:123456789012:phone-number/not-a-uuid", safe=""),
        "x" * 2000,
    ],
    ids=[
        "word",
        "punctuation",
        "dot-dot",
        "nul",
        "space",
        "slash",
        "instance-arn",
        "arn-without-uuid",
        "2000-chars",
    ],
)
def test_garbage_phone_number_id(
    connect_client: Any, stock: tuple[str, str], method: str, label: str
) -> None:
    instance_id, number = stock

    response = send(method, f"/phone-number/{label}")

    assert_error(response, 400, "InvalidParameterException")
    assert_nothing_claimed(connect_client, instance_id, number)


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_another_accounts_arn_is_access_denied(
    connect_client: Any, stock: tuple[str, str], method: str
) -> None:
    instance_id, number = stock

    response = send(method, "/phone-number/" + quote(OTHER_ACCOUNT_NUMBER_ARN, safe=""))

    assert_error(response, 403, "AccessDeniedException")
    assert_nothing_claimed(connect_client, instance_id, number)


def test_update_and_metadata_with_malformed_bodies(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    claimed = claim(connect_client, connect_instance["Id"], PhoneNumberDescription="before")
    path = f"/phone-number/{claimed['PhoneNumberId']}"

    for method, target, body in [
        ("PUT", path, "{bad"),
        ("PUT", path, json.dumps({"InstanceId": 7})),
        ("PUT", path + "/metadata", "[]"),
        ("PUT", path + "/metadata", json.dumps({"PhoneNumberDescription": ["x"]})),
    ]:
        assert_error(send(method, target, body), 400, "InvalidParameterException")

    summary = connect_client.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    summary = summary["ClaimedPhoneNumberSummary"]
    assert summary["PhoneNumberDescription"] == "before"
    assert summary["InstanceId"] == connect_instance["Id"]
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"

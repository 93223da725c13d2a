"""Input validation through boto3: what botocore lets through (max, pattern, enum) the server rejects.

botocore checks only required members, types and ``min`` on the client, so every request below
reaches the server. Each must come back as the operation's validation error in AWS's wording
(InvalidParameterException where the operation models it, else InvalidRequestException), and
must change nothing.
"""

from __future__ import annotations

from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

from support import available, claim

SERVICE_MODEL = boto3.client("connect", region_name="us-east-1").meta.service_model
PHONE_NUMBER_PATTERN_ERROR = (
    "1 validation error detected: Value 'abc' at 'phoneNumber' failed to satisfy constraint: "
    "Member must satisfy regular expression pattern"
)
SEVEN_TYPES = [
    "TOLL_FREE",
    "DID",
    "UIFN",
    "SHARED",
    "THIRD_PARTY_TF",
    "THIRD_PARTY_DID",
    "SHORT_CODE",
]
ELEVEN_COUNTRIES = ["US", "GB", "DE", "FR", "IT", "ES", "NL", "BE", "CA", "AU", "JP"]
UNKNOWN_NUMBER_ID = "00000000-0000-4000-8000-000000000000"


def validation_code(operation: str) -> str:
    """The error an operation answers bad input with: IPE where modelled, else IRE."""
    modelled = {shape.name for shape in SERVICE_MODEL.operation_model(operation).error_shapes}
    if "InvalidParameterException" in modelled:
        return "InvalidParameterException"
    return "InvalidRequestException"


def rejected(operation: str, call: Any, **kwargs: Any) -> str:
    """Make the call, assert it is refused as a validation error with status 400; the message."""
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    response = excinfo.value.response
    assert response["Error"]["Code"] == validation_code(operation), response["Error"]
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    message: str = response["Error"]["Message"]
    return message


def assert_one_error_at(message: str, member: str) -> None:
    """AWS's wording: one error, naming the offending member (camelCase) and the constraint."""
    assert message.startswith("1 validation error detected: Value "), message
    assert f" at '{member}" in message, message
    assert "failed to satisfy constraint: " in message, message


def claimed(connect: Any) -> list[dict[str, Any]]:
    listed: list[dict[str, Any]] = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    return listed


def assert_claim_changed_nothing(connect: Any, instance_id: str, number: str) -> None:
    assert claimed(connect) == []
    assert number in available(connect, instance_id, count=10)


# -- ClaimPhoneNumber --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token",
    [
        "1B4E28BA-2FA1-41D2-883F-0016D3CCA427",
        "1b4e28ba-2fa1-41d2-883f-0016d3ccA427",
        "1b4e28ba-2fa1-41d2-883f-0016d3cca427\n",
    ],
    ids=["upper-case", "one-upper-case-digit", "trailing-newline"],
)
def test_claim_token_must_be_a_lower_case_uuid(
    connect_client: Any, connect_instance: dict[str, str], token: str
) -> None:
    """AWS documents the pattern ``^[a-f0-9]{8}-[a-f0-9]{4}-...-[a-f0-9]{12}$``."""
    number = available(connect_client, connect_instance["Id"])[0]

    message = rejected(
        "ClaimPhoneNumber",
        connect_client.claim_phone_number,
        InstanceId=connect_instance["Id"],
        PhoneNumber=number,
        ClientToken=token,
    )

    assert message.startswith("ClientToken must be a UUID")
    assert_claim_changed_nothing(connect_client, connect_instance["Id"], number)


@pytest.mark.parametrize("phone_number", ["abc", "+0123", "+1234567890123456"])
def test_claim_phone_number_not_e164(
    connect_client: Any, connect_instance: dict[str, str], phone_number: str
) -> None:
    message = rejected(
        "ClaimPhoneNumber",
        connect_client.claim_phone_number,
        InstanceId=connect_instance["Id"],
        PhoneNumber=phone_number,
    )

    assert message.startswith(PHONE_NUMBER_PATTERN_ERROR.replace("'abc'", f"'{phone_number}'"))
    assert claimed(connect_client) == []


def test_claim_phone_number_abc_message_is_awss_wording(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    message = rejected(
        "ClaimPhoneNumber",
        connect_client.claim_phone_number,
        InstanceId=connect_instance["Id"],
        PhoneNumber="abc",
    )

    assert message.startswith(PHONE_NUMBER_PATTERN_ERROR)


@pytest.mark.parametrize(
    ("extra", "member"),
    [
        ({"PhoneNumberDescription": "d" * 501}, "phoneNumberDescription"),
        ({"ClientToken": "t" * 501}, "clientToken"),
        ({"Tags": {}}, "tags"),
        ({"Tags": {f"key{i}": "value" for i in range(51)}}, "tags"),
        ({"Tags": {"aws:reserved": "value"}}, "tags"),
        ({"Tags": {"k" * 129: "value"}}, "tags"),
        ({"Tags": {"key": "v" * 257}}, "tags"),
    ],
    ids=[
        "description-501",
        "client-token-501",
        "tags-empty",
        "tags-51",
        "tag-key-aws-prefix",
        "tag-key-129",
        "tag-value-257",
    ],
)
def test_claim_out_of_model_bounds_changes_nothing(
    connect_client: Any, connect_instance: dict[str, str], extra: dict[str, Any], member: str
) -> None:
    number = available(connect_client, connect_instance["Id"])[0]

    message = rejected(
        "ClaimPhoneNumber",
        connect_client.claim_phone_number,
        InstanceId=connect_instance["Id"],
        PhoneNumber=number,
        **extra,
    )

    assert_one_error_at(message, member)
    assert_claim_changed_nothing(connect_client, connect_instance["Id"], number)


def test_claim_with_tags_at_the_limits_is_accepted(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    """The boundaries themselves are valid: 50 tags, 128-char key, 256-char value, 500 chars."""
    tags = {f"key{i}": "value" for i in range(48)} | {"k" * 128: "v", "key": "v" * 256}
    number = claim(
        connect_client, connect_instance["Id"], Tags=tags, PhoneNumberDescription="d" * 500
    )

    summary = connect_client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["Tags"] == tags


def test_two_errors_are_reported_together(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    message = rejected(
        "ClaimPhoneNumber",
        connect_client.claim_phone_number,
        InstanceId=connect_instance["Id"],
        PhoneNumber="abc",
        PhoneNumberDescription="d" * 501,
    )

    prefix = "2 validation errors detected: "
    assert message.startswith(prefix), message
    errors = message[len(prefix) :].split("; ")
    assert len(errors) == 2, errors
    assert any(
        e.startswith("Value 'abc' at 'phoneNumber' failed to satisfy constraint: ") for e in errors
    ), errors
    assert any(
        " at 'phoneNumberDescription' failed to satisfy constraint: " in e for e in errors
    ), errors
    assert claimed(connect_client) == []


# -- ReleasePhoneNumber ------------------------------------------------------------------------


def test_release_with_501_char_client_token_keeps_the_number(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    number = claim(connect_client, connect_instance["Id"])

    message = rejected(
        "ReleasePhoneNumber",
        connect_client.release_phone_number,
        PhoneNumberId=number["PhoneNumberId"],
        ClientToken="t" * 501,
    )

    assert_one_error_at(message, "clientToken")
    assert [n["PhoneNumberId"] for n in claimed(connect_client)] == [number["PhoneNumberId"]]
    summary = connect_client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "CLAIMED"


# -- SearchAvailablePhoneNumbers ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "member"),
    [
        ({"PhoneNumberCountryCode": "XX"}, "phoneNumberCountryCode"),
        ({"PhoneNumberType": "MOBILE"}, "phoneNumberType"),
        ({"MaxResults": 11}, "maxResults"),
        ({"PhoneNumberPrefix": "abc"}, "phoneNumberPrefix"),
    ],
    ids=["country-XX", "type-MOBILE", "max-results-11", "prefix-abc"],
)
def test_search_out_of_model_bounds(
    connect_client: Any, connect_instance: dict[str, str], overrides: dict[str, Any], member: str
) -> None:
    request = {
        "InstanceId": connect_instance["Id"],
        "PhoneNumberCountryCode": "US",
        "PhoneNumberType": "TOLL_FREE",
        "MaxResults": 1,
    } | overrides

    message = rejected(
        "SearchAvailablePhoneNumbers", connect_client.search_available_phone_numbers, **request
    )

    assert_one_error_at(message, member)


def test_search_enum_error_names_the_allowed_values(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    message = rejected(
        "SearchAvailablePhoneNumbers",
        connect_client.search_available_phone_numbers,
        InstanceId=connect_instance["Id"],
        PhoneNumberCountryCode="US",
        PhoneNumberType="MOBILE",
    )

    assert message.endswith(
        "Member must satisfy enum value set: "
        "[TOLL_FREE, DID, UIFN, SHARED, THIRD_PARTY_TF, THIRD_PARTY_DID, SHORT_CODE]"
    ), message


def test_search_max_results_10_is_accepted(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    assert len(available(connect_client, connect_instance["Id"], count=10)) == 10


# -- ListPhoneNumbersV2 ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("request_", "member"),
    [
        ({"PhoneNumberTypes": SEVEN_TYPES}, "phoneNumberTypes"),
        ({"PhoneNumberCountryCodes": ELEVEN_COUNTRIES}, "phoneNumberCountryCodes"),
        ({"PhoneNumberCountryCodes": ["XX"]}, "phoneNumberCountryCodes"),
        ({"PhoneNumberTypes": ["MOBILE"]}, "phoneNumberTypes"),
        ({"PhoneNumberPrefix": "abc"}, "phoneNumberPrefix"),
        ({"PhoneNumberPrefix": "+123456789012"}, "phoneNumberPrefix"),
        ({"MaxResults": 1001}, "maxResults"),
    ],
    ids=[
        "7-types",
        "11-countries",
        "country-XX",
        "type-MOBILE",
        "prefix-abc",
        "prefix-12-digits",
        "max-results-1001",
    ],
)
def test_list_v2_out_of_model_bounds(
    connect_client: Any, connect_instance: dict[str, str], request_: dict[str, Any], member: str
) -> None:
    message = rejected("ListPhoneNumbersV2", connect_client.list_phone_numbers_v2, **request_)

    assert_one_error_at(message, member)


@pytest.mark.parametrize("prefix", ["+12345678901", "12345678901", "+1", "1"])
def test_list_v2_prefix_within_the_pattern_is_accepted(
    connect_client: Any, connect_instance: dict[str, str], prefix: str
) -> None:
    listed = connect_client.list_phone_numbers_v2(PhoneNumberPrefix=prefix)
    assert listed["ListPhoneNumbersSummaryList"] == []


def test_list_v2_six_types_and_ten_countries_are_accepted(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    listed = connect_client.list_phone_numbers_v2(
        PhoneNumberTypes=SEVEN_TYPES[:6], PhoneNumberCountryCodes=ELEVEN_COUNTRIES[:10]
    )
    assert listed["ListPhoneNumbersSummaryList"] == []


# -- ListPhoneNumbers (v1): query-string members -----------------------------------------------


@pytest.mark.parametrize(
    ("request_", "member"),
    [
        ({"PhoneNumberTypes": SEVEN_TYPES}, "phoneNumberTypes"),
        ({"PhoneNumberTypes": ["MOBILE"]}, "phoneNumberTypes"),
        ({"PhoneNumberCountryCodes": ELEVEN_COUNTRIES}, "phoneNumberCountryCodes"),
        ({"PhoneNumberCountryCodes": ["XX"]}, "phoneNumberCountryCodes"),
        ({"MaxResults": 1001}, "maxResults"),
    ],
    ids=["7-types", "type-MOBILE", "11-countries", "country-XX", "max-results-1001"],
)
def test_list_v1_out_of_model_bounds(
    connect_client: Any, connect_instance: dict[str, str], request_: dict[str, Any], member: str
) -> None:
    message = rejected(
        "ListPhoneNumbers",
        connect_client.list_phone_numbers,
        InstanceId=connect_instance["Id"],
        **request_,
    )

    assert_one_error_at(message, member)


def test_list_v1_instance_id_over_100_chars(connect_client: Any) -> None:
    message = rejected("ListPhoneNumbers", connect_client.list_phone_numbers, InstanceId="i" * 101)

    assert_one_error_at(message, "instanceId")


# -- UpdatePhoneNumber, UpdatePhoneNumberMetadata ----------------------------------------------


def test_update_metadata_with_501_char_description_keeps_the_old_one(
    connect_client: Any, connect_instance: dict[str, str]
) -> None:
    number = claim(connect_client, connect_instance["Id"], PhoneNumberDescription="before")

    message = rejected(
        "UpdatePhoneNumberMetadata",
        connect_client.update_phone_number_metadata,
        PhoneNumberId=number["PhoneNumberId"],
        PhoneNumberDescription="d" * 501,
    )

    assert_one_error_at(message, "phoneNumberDescription")
    summary = connect_client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberDescription"] == "before"


@pytest.mark.parametrize(
    ("extra", "member"),
    [({"ClientToken": "t" * 501}, "clientToken"), ({"InstanceId": "i" * 101}, "instanceId")],
    ids=["client-token-501", "instance-id-101"],
)
def test_update_out_of_model_bounds_keeps_the_target(
    connect_client: Any, connect_instance: dict[str, str], extra: dict[str, Any], member: str
) -> None:
    number = claim(connect_client, connect_instance["Id"])
    request = {"PhoneNumberId": number["PhoneNumberId"], "InstanceId": connect_instance["Id"]}

    message = rejected("UpdatePhoneNumber", connect_client.update_phone_number, **(request | extra))

    assert_one_error_at(message, member)
    summary = connect_client.describe_phone_number(PhoneNumberId=number["PhoneNumberId"])
    assert summary["ClaimedPhoneNumberSummary"]["InstanceId"] == connect_instance["Id"]


def test_validation_comes_before_lookup(connect_client: Any) -> None:
    """A bad value on an unknown number is a validation error, not ResourceNotFound."""
    message = rejected(
        "UpdatePhoneNumberMetadata",
        connect_client.update_phone_number_metadata,
        PhoneNumberId=UNKNOWN_NUMBER_ID,
        PhoneNumberDescription="d" * 501,
    )

    assert_one_error_at(message, "phoneNumberDescription")


# -- tags on a phone number --------------------------------------------------------------------


@pytest.mark.parametrize(
    "tags",
    [
        {"aws:reserved": "v"},
        {"k" * 129: "v"},
        {"key": "v" * 257},
        {f"key{i}": "v" for i in range(51)},
    ],
    ids=["key-aws-prefix", "key-129", "value-257", "51-tags"],
)
def test_tag_resource_out_of_model_bounds_adds_nothing(
    connect_client: Any, connect_instance: dict[str, str], tags: dict[str, str]
) -> None:
    number = claim(connect_client, connect_instance["Id"], Tags={"keep": "me"})

    message = rejected(
        "TagResource", connect_client.tag_resource, resourceArn=number["PhoneNumberArn"], tags=tags
    )

    assert_one_error_at(message, "tags")
    listed = connect_client.list_tags_for_resource(resourceArn=number["PhoneNumberArn"])
    assert listed["tags"] == {"keep": "me"}

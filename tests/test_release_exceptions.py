"""Every error ReleasePhoneNumber models, each reached by its real trigger.

The model lists IPE 400, RNF 404, RIU 409, Idem 409, AD 403, Thr 429 and ISE 500 for the operation.
Each test checks the code, the HTTP status and the message, and that the number is untouched.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import uuid4

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.core import set_initial_no_auth_action_count

from moto_connect_ext import control
from support import (
    as_account,
    claim,
    client,
    error_with_status,
    manual_progress,
    new_instance,
    no_retries,
    raw_request,
)

OTHER_ACCOUNT = "111122223333"


def assert_still_claimed(connect: Any, claimed: dict[str, str]) -> None:
    """The number is described as CLAIMED and listed: the failed release changed nothing."""
    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["PhoneNumberStatus"]["Status"] == "CLAIMED"
    assert summary["PhoneNumber"] == claimed["PhoneNumber"]
    listed = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert claimed["PhoneNumberId"] in [n["PhoneNumberId"] for n in listed]


def assert_released(connect: Any, claimed: dict[str, str]) -> None:
    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    assert error_with_status(excinfo)[0] == "ResourceNotFoundException"


def create_user_with_policy(
    iam: Any, name: str, statements: list[dict[str, Any]]
) -> dict[str, str]:
    """Create a user with an inline policy and an access key (3 IAM calls); its credentials."""
    iam.create_user(UserName=name)
    iam.put_user_policy(
        UserName=name,
        PolicyName=f"{name}-policy",
        PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": statements}),
    )
    key = iam.create_access_key(UserName=name)["AccessKey"]
    return {
        "aws_access_key_id": key["AccessKeyId"],
        "aws_secret_access_key": key["SecretAccessKey"],
    }


ALLOW_CONNECT = {"Effect": "Allow", "Action": "connect:*", "Resource": "*"}


# -- InvalidParameterException -------------------------------------------------------------------


@mock_aws
def test_client_token_over_500_characters_is_invalid_parameter() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken="t" * 501)

    code, status, message = error_with_status(excinfo)
    assert (code, status) == ("InvalidParameterException", 400)
    assert message.startswith("1 validation error detected: Value 'ttt")
    assert (
        "at 'clientToken' failed to satisfy constraint: "
        "Member must have length less than or equal to 500" in message
    )
    assert_still_claimed(connect, claimed)


@mock_aws
def test_malformed_phone_number_id_from_a_raw_client_is_invalid_parameter() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])

    response = raw_request("DELETE", "/phone-number/not-a-uuid")

    assert response.status_code == 400, response.text
    assert response.headers["x-amzn-ErrorType"].split(":")[0] == "InvalidParameterException"
    assert response.json()["Message"] == "Invalid PhoneNumberId: not-a-uuid"
    assert_still_claimed(connect, claimed)


# -- ResourceNotFoundException -------------------------------------------------------------------


@mock_aws
def test_unknown_phone_number_id_is_not_found() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    unknown = str(uuid4())

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=unknown)

    assert error_with_status(excinfo) == (
        "ResourceNotFoundException",
        404,
        f"Phone number not found: {unknown}",
    )
    assert_still_claimed(connect, claimed)


@mock_aws
def test_already_released_number_is_not_found() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    released = claim(connect, instance_id)
    kept = claim(connect, instance_id)
    connect.release_phone_number(PhoneNumberId=released["PhoneNumberId"])

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=released["PhoneNumberId"])

    assert error_with_status(excinfo) == (
        "ResourceNotFoundException",
        404,
        f"Phone number not found: {released['PhoneNumberId']}",
    )
    assert_released(connect, released)
    assert_still_claimed(connect, kept)


@mock_aws
def test_release_from_another_region_is_not_found() -> None:
    east = client("us-east-1")
    west = client("us-west-2")
    new_instance(west, "west")
    claimed = claim(east, new_instance(east)["Id"])

    with pytest.raises(ClientError) as excinfo:
        west.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert error_with_status(excinfo) == (
        "ResourceNotFoundException",
        404,
        f"Phone number not found: {claimed['PhoneNumberId']}",
    )
    assert_still_claimed(east, claimed)


# -- ResourceInUseException ----------------------------------------------------------------------


@mock_aws
def test_number_in_progress_is_in_use() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]

    with manual_progress("connect::phone_number"):
        claimed = claim(connect, instance_id)

        with pytest.raises(ClientError) as excinfo:
            connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

        code, status, message = error_with_status(excinfo)
        assert (code, status) == ("ResourceInUseException", 409)
        assert message == (
            f"Phone number {claimed['PhoneNumberArn']} is being processed; try again later."
        )
        assert excinfo.value.response["ResourceType"] == "PHONE_NUMBER"
        assert excinfo.value.response["ResourceId"] == claimed["PhoneNumberArn"]
        summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
        assert summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"] == "IN_PROGRESS"

    assert_still_claimed(connect, claimed)


# -- IdempotencyException ------------------------------------------------------------------------


@mock_aws
def test_client_token_reused_with_another_phone_number_id_is_idempotency_error() -> None:
    connect = client()
    instance_id = new_instance(connect)["Id"]
    first = claim(connect, instance_id)
    second = claim(connect, instance_id)
    token = str(uuid4())
    connect.release_phone_number(PhoneNumberId=first["PhoneNumberId"], ClientToken=token)

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=second["PhoneNumberId"], ClientToken=token)

    assert error_with_status(excinfo) == (
        "IdempotencyException",
        409,
        f"The client token {token} was already used with different parameters.",
    )
    assert_still_claimed(connect, second)
    assert_released(connect, first)


# -- AccessDeniedException -----------------------------------------------------------------------


@mock_aws
@set_initial_no_auth_action_count(3)
def test_iam_deny_of_release_is_access_denied() -> None:
    iam = boto3.client("iam", region_name="us-east-1")
    credentials = create_user_with_policy(
        iam,
        "no-release",
        [
            ALLOW_CONNECT,
            {"Effect": "Deny", "Action": "connect:ReleasePhoneNumber", "Resource": "*"},
        ],
    )
    connect = client(**credentials)
    claimed = claim(connect, new_instance(connect)["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert error_with_status(excinfo) == (
        "AccessDeniedException",
        403,
        "User: arn:aws:iam::123456789012:user/no-release is not authorized to perform: "
        "connect:ReleasePhoneNumber",
    )
    assert_still_claimed(connect, claimed)


@mock_aws
@set_initial_no_auth_action_count(3)
def test_iam_deny_on_one_numbers_arn_denies_only_that_release() -> None:
    # An admin (the 3 unauthenticated IAM calls) sets up the rest with authenticated calls, so
    # the number's ARN is known before the restricted user's policy is written.
    iam = boto3.client("iam", region_name="us-east-1")
    admin_credentials = create_user_with_policy(
        iam, "admin", [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
    )
    admin_iam = boto3.client("iam", region_name="us-east-1", **admin_credentials)
    admin = client(**admin_credentials)
    instance_id = new_instance(admin)["Id"]
    protected = claim(admin, instance_id)
    other = claim(admin, instance_id)
    credentials = create_user_with_policy(
        admin_iam,
        "operator",
        [
            ALLOW_CONNECT,
            {
                "Effect": "Deny",
                "Action": "connect:ReleasePhoneNumber",
                "Resource": protected["PhoneNumberArn"],
            },
        ],
    )
    connect = client(**credentials)

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=protected["PhoneNumberId"])
    connect.release_phone_number(PhoneNumberId=other["PhoneNumberId"])

    assert error_with_status(excinfo) == (
        "AccessDeniedException",
        403,
        "User: arn:aws:iam::123456789012:user/operator is not authorized to perform: "
        "connect:ReleasePhoneNumber",
    )
    assert_still_claimed(connect, protected)
    assert_released(connect, other)


@mock_aws
def test_phone_number_arn_of_another_account_is_access_denied() -> None:
    mine = client()
    new_instance(mine)
    theirs = as_account(OTHER_ACCOUNT)
    claimed = claim(theirs, new_instance(theirs, "theirs")["Id"])

    with pytest.raises(ClientError) as excinfo:
        mine.release_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])

    assert error_with_status(excinfo) == (
        "AccessDeniedException",
        403,
        f"You do not have access to {claimed['PhoneNumberArn']} from account 123456789012.",
    )
    assert_still_claimed(theirs, claimed)


# -- ThrottlingException -------------------------------------------------------------------------


@mock_aws
def test_throttle_emulation_throttles_the_release_beyond_the_burst() -> None:
    connect = client(config=no_retries())
    instance_id = new_instance(connect)["Id"]
    numbers = [claim(connect, instance_id) for _ in range(3)]
    control.freeze_clock()
    control.configure(throttling=True, throttle_burst=2)

    connect.release_phone_number(PhoneNumberId=numbers[0]["PhoneNumberId"])
    connect.release_phone_number(PhoneNumberId=numbers[1]["PhoneNumberId"])
    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=numbers[2]["PhoneNumberId"])

    assert error_with_status(excinfo) == ("ThrottlingException", 429, "Rate exceeded")
    assert_still_claimed(connect, numbers[2])


@mock_aws
def test_injected_throttling_fault_is_throttling() -> None:
    connect = client(config=no_retries())
    claimed = claim(connect, new_instance(connect)["Id"])
    control.inject_fault("ReleasePhoneNumber", "ThrottlingException")

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert error_with_status(excinfo) == ("ThrottlingException", 429, "Rate exceeded")
    assert_still_claimed(connect, claimed)


# -- InternalServiceException --------------------------------------------------------------------


@mock_aws
def test_injected_internal_fault_is_internal_service_exception() -> None:
    connect = client(config=no_retries())
    claimed = claim(connect, new_instance(connect)["Id"])
    control.inject_fault("ReleasePhoneNumber", "InternalServiceException")

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert error_with_status(excinfo) == (
        "InternalServiceException",
        500,
        "Request processing failed because of an error or failure with the service.",
    )
    assert_still_claimed(connect, claimed)

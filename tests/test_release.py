"""ReleasePhoneNumber through boto3: what a release removes, where and when it is refused."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from moto_connect_ext import mock_aws
from support import (
    as_account,
    available,
    claim,
    client,
    error_of,
    manual_progress,
    new_instance,
)


def assert_not_found(connect: Any, phone_number_id: str) -> None:
    with pytest.raises(ClientError) as excinfo:
        connect.describe_phone_number(PhoneNumberId=phone_number_id)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


def status_of(connect: Any, phone_number_id: str) -> str:
    summary = connect.describe_phone_number(PhoneNumberId=phone_number_id)
    return str(summary["ClaimedPhoneNumberSummary"]["PhoneNumberStatus"]["Status"])


@mock_aws
def test_released_number_cannot_be_described() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])

    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert_not_found(connect, claimed["PhoneNumberId"])


@mock_aws
def test_released_number_is_in_neither_list() -> None:
    connect = client()
    instance = new_instance(connect)
    kept = claim(connect, instance["Id"])
    released = claim(connect, instance["Id"])

    connect.release_phone_number(PhoneNumberId=released["PhoneNumberId"])

    v2 = connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    assert [n["PhoneNumberId"] for n in v2] == [kept["PhoneNumberId"]]
    v1 = connect.list_phone_numbers(InstanceId=instance["Id"])["PhoneNumberSummaryList"]
    assert [n["Id"] for n in v1] == [kept["PhoneNumberId"]]


@mock_aws
def test_released_number_is_not_offered_by_search() -> None:
    connect = client()
    instance = new_instance(connect)
    number = available(connect, instance["Id"])[0]
    # The whole E.164 number as prefix: the search offers this number and no other.
    assert available(connect, instance["Id"], prefix=number, count=5) == [number]
    claimed = connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)

    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    assert available(connect, instance["Id"], prefix=number, count=5) == []
    assert number not in available(connect, instance["Id"], count=10)


@mock_aws
def test_released_number_cannot_be_claimed_again_by_the_same_account() -> None:
    connect = client()
    instance = new_instance(connect)
    claimed = claim(connect, instance["Id"])
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=claimed["PhoneNumber"])

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {claimed['PhoneNumber']}",
    )


@mock_aws
def test_released_number_cannot_be_claimed_by_another_account() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])
    other = as_account("111122223333")
    other_instance = new_instance(other, "other-account")

    with pytest.raises(ClientError) as excinfo:
        other.claim_phone_number(
            InstanceId=other_instance["Id"], PhoneNumber=claimed["PhoneNumber"]
        )

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {claimed['PhoneNumber']}",
    )


@mock_aws
def test_released_number_loses_its_tags() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"], Tags={"team": "support"})

    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    with pytest.raises(ClientError) as excinfo:
        connect.list_tags_for_resource(resourceArn=claimed["PhoneNumberArn"])
    assert error_of(excinfo)[0] == "ResourceNotFoundException"


@mock_aws
def test_release_by_arn() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])

    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberArn"])

    assert_not_found(connect, claimed["PhoneNumberId"])
    assert connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"] == []


@mock_aws
def test_release_twice() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])
    connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    # boto3 fills a fresh ClientToken on each call, so this is a new request, not a replay.
    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert claimed["PhoneNumberId"] in message


@pytest.mark.parametrize("key", ["PhoneNumberId", "PhoneNumberArn"])
@mock_aws
def test_release_from_another_region(key: str) -> None:
    east = client("us-east-1")
    west = client("us-west-2")
    new_instance(west, "west")
    claimed = claim(east, new_instance(east)["Id"])

    with pytest.raises(ClientError) as excinfo:
        west.release_phone_number(PhoneNumberId=claimed[key])

    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    assert status_of(east, claimed["PhoneNumberId"]) == "CLAIMED"


@mock_aws
def test_release_while_in_progress() -> None:
    connect = client()
    instance = new_instance(connect)

    with manual_progress("connect::phone_number"):
        claimed = claim(connect, instance["Id"])

        with pytest.raises(ClientError) as excinfo:
            connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"])

        response = excinfo.value.response
        assert response["Error"]["Code"] == "ResourceInUseException"
        assert response["ResourceType"] == "PHONE_NUMBER"
        assert response["ResourceId"] == claimed["PhoneNumberArn"]
        assert status_of(connect, claimed["PhoneNumberId"]) == "IN_PROGRESS"

    assert status_of(connect, claimed["PhoneNumberId"]) == "CLAIMED"


@mock_aws
def test_release_with_client_token_over_500_characters() -> None:
    connect = client()
    claimed = claim(connect, new_instance(connect)["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.release_phone_number(PhoneNumberId=claimed["PhoneNumberId"], ClientToken="t" * 501)

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert "clientToken" in message
    assert status_of(connect, claimed["PhoneNumberId"]) == "CLAIMED"

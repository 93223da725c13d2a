"""ClaimPhoneNumber through boto3: targets, the stock, ids and what a claim stores."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.core import DEFAULT_ACCOUNT_ID

from moto_connect_ext import mock_aws
from support import as_account, available, claim, client, error_of, new_instance

OTHER_ACCOUNT = "111122223333"
UNKNOWN_INSTANCE = "00000000-0000-4000-8000-000000000000"


def claimed_numbers(connect: Any) -> list[str]:
    return [
        n["PhoneNumber"] for n in connect.list_phone_numbers_v2()["ListPhoneNumbersSummaryList"]
    ]


@mock_aws
def test_claim_by_instance_id() -> None:
    connect = client()
    instance = new_instance(connect)
    number = available(connect, instance["Id"])[0]

    claimed = connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)

    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["PhoneNumber"] == number
    assert summary["InstanceId"] == instance["Id"]
    assert summary["TargetArn"] == instance["Arn"]


@mock_aws
def test_claim_by_instance_arn_as_target_arn() -> None:
    connect = client()
    instance = new_instance(connect)
    number = available(connect, instance["Id"])[0]

    claimed = connect.claim_phone_number(TargetArn=instance["Arn"], PhoneNumber=number)

    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["PhoneNumber"] == number
    assert summary["InstanceId"] == instance["Id"]
    assert summary["TargetArn"] == instance["Arn"]


@mock_aws
def test_claim_with_instance_id_and_target_arn_of_the_same_instance() -> None:
    connect = client()
    instance = new_instance(connect)
    number = available(connect, instance["Id"])[0]

    claimed = connect.claim_phone_number(
        InstanceId=instance["Id"], TargetArn=instance["Arn"], PhoneNumber=number
    )

    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["InstanceId"] == instance["Id"]
    assert summary["TargetArn"] == instance["Arn"]


@mock_aws
def test_claim_with_instance_id_and_target_arn_of_different_instances() -> None:
    connect = client()
    first = new_instance(connect, "first")
    second = new_instance(connect, "second")
    number = available(connect, first["Id"])[0]

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(
            InstanceId=first["Id"], TargetArn=second["Arn"], PhoneNumber=number
        )

    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert claimed_numbers(connect) == []


@mock_aws
def test_claim_without_target() -> None:
    connect = client()
    instance = new_instance(connect)
    number = available(connect, instance["Id"])[0]

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(PhoneNumber=number)

    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert claimed_numbers(connect) == []


@mock_aws
def test_claim_to_another_accounts_instance_is_denied() -> None:
    connect = client()
    instance = new_instance(connect)
    number = available(connect, instance["Id"])[0]
    foreign = f"arn:aws:connect:us-east-1:{OTHER_ACCOUNT}:instance/{uuid.uuid4()}"

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(TargetArn=foreign, PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "AccessDeniedException"
    assert foreign in message
    assert claimed_numbers(connect) == []


@mock_aws
def test_claim_to_an_instance_of_another_region() -> None:
    connect = client("us-east-1")
    west = new_instance(client("us-west-2"), "west")
    number = available(connect, new_instance(connect)["Id"])[0]

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(TargetArn=west["Arn"], PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert west["Arn"] in message
    assert claimed_numbers(connect) == []


@mock_aws
def test_claim_with_instance_id_set_to_an_instance_arn_of_another_region() -> None:
    connect = client("us-east-1")
    west = new_instance(client("us-west-2"), "west")
    number = available(connect, new_instance(connect)["Id"])[0]

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=west["Arn"], PhoneNumber=number)

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"InstanceId {west['Arn']} is not in this Region (us-east-1).",
    )
    assert claimed_numbers(connect) == []


@mock_aws
def test_claim_to_unknown_instance_id() -> None:
    connect = client()
    number = available(connect, new_instance(connect)["Id"])[0]

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=UNKNOWN_INSTANCE, PhoneNumber=number)

    code, message = error_of(excinfo)
    assert code == "ResourceNotFoundException"
    assert UNKNOWN_INSTANCE in message
    assert claimed_numbers(connect) == []


@mock_aws
def test_claim_of_a_number_not_in_the_stock() -> None:
    connect = client()
    instance = new_instance(connect)

    with pytest.raises(ClientError) as excinfo:
        # Matches the model's pattern, but 555-01xx numbers are fictional: never in the stock.
        connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber="+15555550100")

    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Phone number not available: +15555550100",
    )
    assert claimed_numbers(connect) == []


@mock_aws
def test_claim_of_a_number_this_account_holds() -> None:
    connect = client()
    instance = new_instance(connect)
    held = claim(connect, instance["Id"])

    with pytest.raises(ClientError) as excinfo:
        connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=held["PhoneNumber"])

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {held['PhoneNumber']}",
    )
    assert claimed_numbers(connect) == [held["PhoneNumber"]]


@mock_aws
def test_claim_of_a_number_another_account_holds() -> None:
    connect = client()
    held = claim(connect, new_instance(connect)["Id"])
    other = as_account(OTHER_ACCOUNT)
    other_instance = new_instance(other, "other-account")
    assert other_instance["Arn"].split(":")[4] == OTHER_ACCOUNT

    with pytest.raises(ClientError) as excinfo:
        other.claim_phone_number(InstanceId=other_instance["Id"], PhoneNumber=held["PhoneNumber"])

    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"Phone number not available: {held['PhoneNumber']}",
    )
    assert claimed_numbers(other) == []
    assert claimed_numbers(connect) == [held["PhoneNumber"]]


@mock_aws
def test_claim_returns_uuid_and_phone_number_arn() -> None:
    connect = client("us-west-2")
    instance = new_instance(connect)
    number = available(connect, instance["Id"])[0]

    claimed = connect.claim_phone_number(InstanceId=instance["Id"], PhoneNumber=number)

    phone_number_id = claimed["PhoneNumberId"]
    assert str(uuid.UUID(phone_number_id)) == phone_number_id
    assert claimed["PhoneNumberArn"] == (
        f"arn:aws:connect:us-west-2:{DEFAULT_ACCOUNT_ID}:phone-number/{phone_number_id}"
    )


@mock_aws
def test_claim_tags_appear_in_describe_and_list_tags() -> None:
    connect = client()
    instance = new_instance(connect)
    tags = {"team": "support", "cost-center": "42"}

    claimed = claim(connect, instance["Id"], Tags=tags)

    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["Tags"] == tags
    assert connect.list_tags_for_resource(resourceArn=claimed["PhoneNumberArn"])["tags"] == tags


@mock_aws
def test_claim_stores_description() -> None:
    connect = client()
    instance = new_instance(connect)

    claimed = claim(connect, instance["Id"], PhoneNumberDescription="Main support line")

    summary = connect.describe_phone_number(PhoneNumberId=claimed["PhoneNumberId"])[
        "ClaimedPhoneNumberSummary"
    ]
    assert summary["PhoneNumberDescription"] == "Main support line"
